import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { BuiltDatabase, DatabaseBuildContext, TopologyImpl, TopologyValidationContext } from './build';
import { flavourOf, isAuroraMysql, supportsIamAuthentication } from './engines';
import { MultiAzDatabaseCluster } from './multi-az-cluster';
import { PropsValidator } from '../common/validate-props';

/** Sources of the failover times, from the AWS documentation (see ha-rules.md, "RTO/RPO"). */
const AURORA_FAILOVER = Duration.seconds(60);
const MULTI_AZ_INSTANCE_FAILOVER = Duration.seconds(120);
const MULTI_AZ_CLUSTER_FAILOVER = Duration.seconds(35);

/** The kind of a database topology. */
export enum DatabaseTopologyKind {
  /** An Aurora cluster: a writer and readers in other Availability Zones over storage replicated across three zones. */
  AURORA_CLUSTER = 'AURORA_CLUSTER',
  /** An RDS DB instance with a synchronous standby in another Availability Zone (Multi-AZ). */
  MULTI_AZ_INSTANCE = 'MULTI_AZ_INSTANCE',
  /** An RDS Multi-AZ DB cluster: one writer and two readable standbys in three Availability Zones. */
  MULTI_AZ_CLUSTER = 'MULTI_AZ_CLUSTER',
}

/** Options for `DatabaseTopology.auroraCluster()`. */
export interface AuroraClusterOptions {
  /**
   * The Aurora engine and version.
   *
   * @default - Aurora PostgreSQL 17.5
   */
  readonly engine?: rds.IClusterEngine;

  /**
   * How many readers to run beside the writer, each in the next Availability Zone of the subnets,
   * in promotion tier 0 and of the writer's size so that it can take over the writer's load. From 1 to 15.
   *
   * @default 1
   */
  readonly readers?: number;

  /**
   * The instance type of the writer and of every reader.
   *
   * @default - r7g.large (2 vCPUs, 16 GiB, Graviton3)
   */
  readonly instanceType?: ec2.InstanceType;

  /**
   * How far back an Aurora MySQL cluster can be rewound in place, without a restore. Aurora PostgreSQL
   * has no backtracking; setting it with a PostgreSQL engine is an error.
   *
   * @default - 24 hours for Aurora MySQL; none for Aurora PostgreSQL
   */
  readonly backtrackWindow?: Duration;
}

/** Options for `DatabaseTopology.multiAzInstance()`. */
export interface MultiAzInstanceOptions {
  /**
   * The RDS engine and version. SQL Server Express cannot be Multi-AZ.
   *
   * @default - PostgreSQL 17 (the current minor version)
   */
  readonly engine?: rds.IInstanceEngine;

  /**
   * The instance type of the primary and of its standby.
   *
   * @default - m7g.large (2 vCPUs, 8 GiB, Graviton3)
   */
  readonly instanceType?: ec2.InstanceType;

  /**
   * Allocated storage, in GiB.
   *
   * @default 100
   */
  readonly allocatedStorage?: number;

  /**
   * The limit, in GiB, up to which RDS grows the storage when it runs low, so that a full disk does
   * not stop the database.
   *
   * @default 1000
   */
  readonly maxAllocatedStorage?: number;

  /**
   * The storage type.
   *
   * @default rds.StorageType.GP3
   */
  readonly storageType?: rds.StorageType;
}

/** Options for `DatabaseTopology.multiAzCluster()`. */
export interface MultiAzClusterOptions {
  /**
   * The RDS engine and version: MySQL or PostgreSQL, the only engines with Multi-AZ DB clusters.
   *
   * @default - PostgreSQL 17.5
   */
  readonly engine?: rds.IInstanceEngine;

  /**
   * The instance type of the writer and of both readable standbys. It must be a class that Multi-AZ
   * DB clusters support (for example m6gd, r6gd, m6id, r6id, c6gd).
   *
   * @default - m6gd.large (2 vCPUs, 8 GiB, local NVMe, Graviton2)
   */
  readonly instanceType?: ec2.InstanceType;

  /**
   * Allocated storage of each instance, in GiB. CloudFormation requires provisioned IOPS for a
   * Multi-AZ DB cluster, and gp3 volumes take provisioned IOPS only from 400 GiB.
   *
   * @default 400
   */
  readonly allocatedStorage?: number;

  /**
   * The storage type: GP3, IO1 or IO2.
   *
   * @default rds.StorageType.GP3
   */
  readonly storageType?: rds.StorageType;

  /**
   * Provisioned IOPS of each instance.
   *
   * @default - 12,000 for GP3 (its baseline from 400 GiB, included in the storage price); required for IO1 and IO2
   */
  readonly iops?: number;
}

/**
 * The shape of a `ReplicatedDatabase`: which kind of database it is and how it fails over.
 * Create one with the static methods.
 */
export class DatabaseTopology {
  /**
   * An Aurora cluster (the default): a writer and at least one reader in another Availability Zone,
   * in the first promotion tier. Failover promotes a reader, typically in under 60 seconds.
   */
  public static auroraCluster(options: AuroraClusterOptions = {}): DatabaseTopology {
    return new DatabaseTopology(new AuroraClusterTopology(options));
  }

  /**
   * An RDS DB instance with a synchronous standby in another Availability Zone (Multi-AZ).
   * Failover to the standby typically takes 60 to 120 seconds; the standby serves no reads.
   */
  public static multiAzInstance(options: MultiAzInstanceOptions = {}): DatabaseTopology {
    return new DatabaseTopology(new MultiAzInstanceTopology(options));
  }

  /**
   * An RDS Multi-AZ DB cluster: a writer and two readable standbys in three Availability Zones.
   * Failover typically takes under 35 seconds. Needs subnets in three zones.
   */
  public static multiAzCluster(options: MultiAzClusterOptions = {}): DatabaseTopology {
    return new DatabaseTopology(new MultiAzClusterTopology(options));
  }

  /** Which kind of topology this is. */
  public readonly kind: DatabaseTopologyKind;

  /** How the construct validates and builds this topology. @internal */
  public readonly _impl: TopologyImpl;

  private constructor(impl: TopologyImpl) {
    this.kind = impl.kind;
    this._impl = impl;
  }
}

const AURORA_DEFAULT_READERS = 1;
const MAX_AURORA_READERS = 15;

class AuroraClusterTopology implements TopologyImpl {
  public readonly kind = DatabaseTopologyKind.AURORA_CLUSTER;
  public readonly engine: rds.IClusterEngine;
  public readonly estimatedFailoverTime = AURORA_FAILOVER;
  public readonly minZones = 2;

  constructor(private readonly options: AuroraClusterOptions) {
    this.engine = options.engine ?? rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_5 });
  }

  public validate(v: PropsValidator, context: TopologyValidationContext): void {
    const readers = this.options.readers;
    if (readers !== undefined && Token.isUnresolved(readers)) {
      v.require(false, 'topology.readers', 'the number of readers decides how many instances to create, so it must be known at synth time',
        'Use a number from 1 to 15, not a parameter or another token.');
    } else if (readers !== undefined) {
      v.require(Number.isInteger(readers) && readers >= 1 && readers <= MAX_AURORA_READERS, 'topology.readers',
        `${readers} readers cannot fail over: Aurora needs at least one reader in another Availability Zone to promote`,
        `Use from 1 to ${MAX_AURORA_READERS} readers (DatabaseTopology.auroraCluster({ readers: 1 })), or choose DatabaseTopology.multiAzInstance().`);
    }
    const backtrack = this.options.backtrackWindow;
    if (backtrack !== undefined && context.crossRegion) {
      v.require(false, 'topology.backtrackWindow', 'Aurora global databases, which secondaryRegions makes of the cluster, do not support backtracking',
        'Remove backtrackWindow (point-in-time recovery still covers the cluster), or remove secondaryRegions.');
    } else if (backtrack !== undefined && !isAuroraMysql(this.engine.engineType)) {
      v.require(false, 'topology.backtrackWindow', `${this.engine.engineType} has no backtracking`,
        'Remove backtrackWindow; backtracking is an Aurora MySQL feature. Point-in-time recovery covers PostgreSQL.');
    } else if (backtrack !== undefined && !backtrack.isUnresolved()) {
      const hours = backtrack.toHours({ integral: false });
      v.require(hours >= 0 && hours <= 72, 'topology.backtrackWindow', `${backtrack.toHumanString()} is longer than Aurora allows`,
        'Use a window of up to 72 hours.');
    }
  }

  public build(scope: Construct, ctx: DatabaseBuildContext): BuiltDatabase {
    const instanceType = this.options.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.R7G, ec2.InstanceSize.LARGE);
    const readerCount = this.options.readers ?? AURORA_DEFAULT_READERS;
    // Pin each instance to the next zone, so that the readers are in zones other than the writer's.
    const zone = (i: number) => (ctx.zones.length ? ctx.zones[i % ctx.zones.length] : undefined);
    const instanceOptions = (i: number): rds.ProvisionedClusterInstanceProps => ({
      instanceType,
      availabilityZone: zone(i),
      publiclyAccessible: false,
      autoMinorVersionUpgrade: true,
      // Also per instance: older Aurora versions read Performance Insights settings only there.
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: ctx.encryptionKey,
      performanceInsightRetention: ctx.performanceInsightRetention,
    });
    const engineType = this.engine.engineType;
    // Global databases do not support backtracking.
    const backtrackWindow = ctx.crossRegion ? undefined
      : this.options.backtrackWindow ?? (isAuroraMysql(engineType) ? Duration.hours(24) : undefined);

    const cluster = new rds.DatabaseCluster(scope, 'Cluster', {
      engine: this.engine,
      writer: rds.ClusterInstance.provisioned('Writer', instanceOptions(0)),
      readers: Array.from({ length: readerCount }, (_, i) =>
        rds.ClusterInstance.provisioned(`Reader${i + 1}`, { ...instanceOptions(i + 1), promotionTier: 0 })),
      vpc: ctx.vpc,
      vpcSubnets: ctx.subnets,
      subnetGroup: ctx.subnetGroup,
      securityGroups: [ctx.securityGroup],
      credentials: rds.Credentials.fromSecret(ctx.secret),
      defaultDatabaseName: ctx.databaseName,
      port: ctx.port,
      storageEncrypted: true,
      storageEncryptionKey: ctx.encryptionKey,
      iamAuthentication: supportsIamAuthentication(engineType),
      backup: { retention: ctx.backupRetention, preferredWindow: ctx.preferredBackupWindow },
      preferredMaintenanceWindow: ctx.preferredMaintenanceWindow,
      backtrackWindow,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      copyTagsToSnapshot: true,
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: ctx.encryptionKey,
      performanceInsightRetention: ctx.performanceInsightRetention,
      monitoringInterval: ctx.monitoringInterval,
      monitoringRole: ctx.monitoringRole,
      cloudwatchLogsExports: ctx.cloudwatchLogsExports.length ? ctx.cloudwatchLogsExports : undefined,
      cloudwatchLogsRetention: ctx.cloudwatchLogsRetention,
      parameters: Object.keys(ctx.parameters).length ? ctx.parameters : undefined,
    });

    const labels = ['Writer', ...Array.from({ length: readerCount }, (_, i) => `Reader${i + 1}`)];
    return {
      cluster,
      connections: cluster.connections,
      writerEndpoint: cluster.clusterEndpoint,
      readerEndpoint: cluster.clusterReadEndpoint,
      secret: cluster.secret!,
      proxyTarget: rds.ProxyTarget.fromCluster(cluster),
      eventSourceType: 'db-cluster',
      eventSourceId: cluster.clusterIdentifier,
      monitored: cluster.instanceIdentifiers.map((id, i) => ({
        label: labels[i],
        description: i === 0 ? 'the instance created as the writer (roles swap on failover)' : `reader ${i}`,
        dimensions: { DBInstanceIdentifier: id },
        storageMetric: 'FreeLocalStorage',
        aggregated: false,
      })),
      replicaLag: {
        metricName: 'AuroraReplicaLag',
        // By role, so the alarm follows whichever instances are readers after a failover.
        dimensions: { DBClusterIdentifier: cluster.clusterIdentifier, Role: 'READER' },
        unit: 'Milliseconds',
        defaultThreshold: Duration.seconds(1),
      },
      portResource: cluster,
      addRotation: options => { cluster.addRotationSingleUser(options); },
      instanceType,
    };
  }
}

class MultiAzInstanceTopology implements TopologyImpl {
  public readonly kind = DatabaseTopologyKind.MULTI_AZ_INSTANCE;
  public readonly engine: rds.IInstanceEngine;
  public readonly estimatedFailoverTime = MULTI_AZ_INSTANCE_FAILOVER;
  public readonly minZones = 2;

  constructor(private readonly options: MultiAzInstanceOptions) {
    this.engine = options.engine ?? rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17 });
  }

  public validate(v: PropsValidator, _context: TopologyValidationContext): void {
    const type = this.engine.engineType.toLowerCase();
    v.require(type !== 'sqlserver-ex', 'topology.engine', 'SQL Server Express (sqlserver-ex) cannot run Multi-AZ, so it has no standby to fail over to',
      'Use SQL Server Standard, Enterprise or Web edition (rds.DatabaseInstanceEngine.sqlServerSe(...)), or another engine.');
    const { allocatedStorage, maxAllocatedStorage } = this.options;
    v.range(allocatedStorage, 'topology.allocatedStorage', 20, 65536, 'Allocate from 20 to 65,536 GiB.');
    v.integer(allocatedStorage, 'topology.allocatedStorage');
    v.range(maxAllocatedStorage, 'topology.maxAllocatedStorage', 20, 65536, 'Use a limit from 20 to 65,536 GiB.');
    const allocated = allocatedStorage ?? DEFAULT_STORAGE_GIB;
    if (maxAllocatedStorage !== undefined && !Token.isUnresolved(maxAllocatedStorage) && !Token.isUnresolved(allocated)) {
      v.require(maxAllocatedStorage >= allocated, 'topology.maxAllocatedStorage', `${maxAllocatedStorage} GiB is below the allocated ${allocated} GiB`,
        'Set maxAllocatedStorage at or above allocatedStorage.');
    }
  }

  public build(scope: Construct, ctx: DatabaseBuildContext): BuiltDatabase {
    const engineType = this.engine.engineType;
    const allocatedStorage = this.options.allocatedStorage ?? DEFAULT_STORAGE_GIB;
    const instanceType = this.options.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.M7G, ec2.InstanceSize.LARGE);
    const storage = {
      allocatedStorage,
      maxAllocatedStorage: this.options.maxAllocatedStorage ?? Math.max(DEFAULT_MAX_STORAGE_GIB, allocatedStorage),
      storageType: this.options.storageType ?? rds.StorageType.GP3,
    };
    const instance = new rds.DatabaseInstance(scope, 'Instance', {
      engine: this.engine,
      instanceType,
      multiAz: true,
      vpc: ctx.vpc,
      vpcSubnets: ctx.subnets,
      subnetGroup: ctx.subnetGroup,
      securityGroups: [ctx.securityGroup],
      publiclyAccessible: false,
      credentials: rds.Credentials.fromSecret(ctx.secret),
      databaseName: ctx.databaseName,
      port: ctx.port,
      ...storage,
      storageEncrypted: true,
      storageEncryptionKey: ctx.encryptionKey,
      iamAuthentication: supportsIamAuthentication(engineType) || undefined,
      backupRetention: ctx.backupRetention,
      preferredBackupWindow: ctx.preferredBackupWindow,
      preferredMaintenanceWindow: ctx.preferredMaintenanceWindow,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: ctx.encryptionKey,
      performanceInsightRetention: ctx.performanceInsightRetention,
      monitoringInterval: ctx.monitoringInterval,
      monitoringRole: ctx.monitoringRole,
      cloudwatchLogsExports: ctx.cloudwatchLogsExports.length ? ctx.cloudwatchLogsExports : undefined,
      cloudwatchLogsRetention: ctx.cloudwatchLogsRetention,
      parameters: Object.keys(ctx.parameters).length ? ctx.parameters : undefined,
    });
    return {
      instance,
      connections: instance.connections,
      writerEndpoint: instance.instanceEndpoint,
      secret: instance.secret!,
      proxyTarget: rds.ProxyTarget.fromInstance(instance),
      eventSourceType: 'db-instance',
      eventSourceId: instance.instanceIdentifier,
      monitored: [{
        label: 'Instance',
        description: 'the primary instance',
        dimensions: { DBInstanceIdentifier: instance.instanceIdentifier },
        storageMetric: 'FreeStorageSpace',
        allocatedStorage,
        aggregated: false,
      }],
      portResource: instance,
      addRotation: options => { instance.addRotationSingleUser(options); },
      instanceType,
      storage,
    };
  }
}

const DEFAULT_STORAGE_GIB = 100;
const DEFAULT_MAX_STORAGE_GIB = 1000;
const MULTI_AZ_CLUSTER_ENGINES = ['postgres', 'mysql'];
/** From 400 GiB, gp3 volumes of MySQL and PostgreSQL have a baseline of 12,000 IOPS and accept provisioned IOPS. */
const GP3_PROVISIONED_MIN_GIB = 400;
const GP3_BASELINE_IOPS = 12000;
const MULTI_AZ_CLUSTER_STORAGE: string[] = [rds.StorageType.GP3, rds.StorageType.IO1, rds.StorageType.IO2];

class MultiAzClusterTopology implements TopologyImpl {
  public readonly kind = DatabaseTopologyKind.MULTI_AZ_CLUSTER;
  public readonly engine: rds.IInstanceEngine;
  public readonly estimatedFailoverTime = MULTI_AZ_CLUSTER_FAILOVER;
  public readonly minZones = 3;

  constructor(private readonly options: MultiAzClusterOptions) {
    this.engine = options.engine ?? rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_17_5 });
  }

  public validate(v: PropsValidator, context: TopologyValidationContext): void {
    const type = this.engine.engineType.toLowerCase();
    // RDS replicates a Multi-AZ DB cluster neither to a read replica in another Region nor through cross-Region automated backups.
    v.require(!context.crossRegion, 'secondaryRegions', 'a Multi-AZ DB cluster cannot be copied to another Region: RDS supports neither '
      + 'cross-Region read replicas of it nor cross-Region automated backup replication for it',
    'Use DatabaseTopology.auroraCluster() (an Aurora global database, failover in minutes) or DatabaseTopology.multiAzInstance() '
      + '(a cross-Region read replica), or copy snapshots to the other Region with AWS Backup and remove secondaryRegions.');
    v.require(MULTI_AZ_CLUSTER_ENGINES.includes(type), 'topology.engine', `${type} cannot run as a Multi-AZ DB cluster`,
      'Multi-AZ DB clusters run MySQL or PostgreSQL only: use rds.DatabaseInstanceEngine.mysql(...) or .postgres(...), '
      + `or DatabaseTopology.multiAzInstance() for ${flavourOf(type) === 'other' ? 'this engine' : type}.`);
    const { allocatedStorage, iops } = this.options;
    const storageType = this.options.storageType ?? rds.StorageType.GP3;
    v.require(MULTI_AZ_CLUSTER_STORAGE.includes(storageType), 'topology.storageType', `Multi-AZ DB clusters do not support ${storageType} storage`,
      'Use rds.StorageType.GP3, IO1 or IO2.');
    v.require(iops !== undefined || storageType === rds.StorageType.GP3, 'topology.iops',
      `${storageType} storage needs provisioned IOPS`, 'Set iops (for example 3000), or use rds.StorageType.GP3.');
    v.range(allocatedStorage, 'topology.allocatedStorage', 20, 65536, 'Allocate from 20 to 65,536 GiB.');
    v.integer(allocatedStorage, 'topology.allocatedStorage');
    v.range(iops, 'topology.iops', 1000, 256000, 'Provision from 1,000 to 256,000 IOPS.');
    if (storageType === rds.StorageType.GP3 && allocatedStorage !== undefined && !Token.isUnresolved(allocatedStorage)) {
      v.require(allocatedStorage >= GP3_PROVISIONED_MIN_GIB, 'topology.allocatedStorage',
        `${allocatedStorage} GiB of gp3 cannot take provisioned IOPS, which CloudFormation requires for a Multi-AZ DB cluster`,
        `Allocate at least ${GP3_PROVISIONED_MIN_GIB} GiB of gp3, or use rds.StorageType.IO1 or IO2 with iops.`);
    }
  }

  public build(scope: Construct, ctx: DatabaseBuildContext): BuiltDatabase {
    const engineType = this.engine.engineType;
    const allocatedStorage = this.options.allocatedStorage ?? GP3_PROVISIONED_MIN_GIB;
    const storageType = this.options.storageType ?? rds.StorageType.GP3;
    const instanceType = this.options.instanceType ?? ec2.InstanceType.of(ec2.InstanceClass.M6GD, ec2.InstanceSize.LARGE);
    const cluster = new MultiAzDatabaseCluster(scope, 'Cluster', {
      engine: this.engine,
      instanceType,
      allocatedStorage,
      storageType,
      iops: this.options.iops ?? (storageType === rds.StorageType.GP3 ? GP3_BASELINE_IOPS : undefined),
      vpc: ctx.vpc,
      subnetGroup: ctx.subnetGroup,
      securityGroup: ctx.securityGroup,
      secret: ctx.secret,
      encryptionKey: ctx.encryptionKey,
      backupRetention: ctx.backupRetention,
      preferredBackupWindow: ctx.preferredBackupWindow,
      preferredMaintenanceWindow: ctx.preferredMaintenanceWindow,
      databaseName: ctx.databaseName,
      port: ctx.port,
      iamAuthentication: supportsIamAuthentication(engineType),
      cloudwatchLogsExports: ctx.cloudwatchLogsExports,
      cloudwatchLogsRetention: ctx.cloudwatchLogsRetention,
      monitoringInterval: ctx.monitoringInterval,
      monitoringRole: ctx.monitoringRole,
      performanceInsightRetention: ctx.performanceInsightRetention,
      parameters: ctx.parameters,
    });
    return {
      cluster,
      connections: cluster.connections,
      writerEndpoint: cluster.clusterEndpoint,
      readerEndpoint: cluster.clusterReadEndpoint,
      secret: cluster.secret,
      proxyTarget: rds.ProxyTarget.fromCluster(cluster),
      eventSourceType: 'db-cluster',
      eventSourceId: cluster.clusterIdentifier,
      // RDS names the three instances itself, so the alarms watch the cluster's worst instance.
      monitored: [{
        label: 'Cluster',
        description: 'the worst of the three instances',
        dimensions: { DBClusterIdentifier: cluster.clusterIdentifier },
        storageMetric: 'FreeStorageSpace',
        allocatedStorage,
        aggregated: true,
      }],
      replicaLag: {
        metricName: 'ReplicaLag',
        dimensions: { DBClusterIdentifier: cluster.clusterIdentifier },
        unit: 'Seconds',
        defaultThreshold: Duration.seconds(30),
      },
      portResource: cluster,
      addRotation: options => { cluster.addRotationSingleUser(options); },
      instanceType,
    };
  }
}
