import { Annotations, Duration, Names, Size, SizeRoundingBehavior, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { BuiltDatabase, MonitoredTarget, SecondarySource } from './build';
import { defaultLogExports, isAuroraMysql, proxyPort, tlsParameters } from './engines';
import { ReplicatedDatabaseProps } from './props';
import { DatabaseTopology, DatabaseTopologyKind } from './topology';
import { validateReplicatedDatabaseProps } from './validate';
import { acknowledgeFinding } from '../common/acknowledge';
import { alarmTopic, notify } from '../common/alarm-topic';

const DEFAULT_BACKUP_RETENTION = Duration.days(7);
const DEFAULT_ROTATION = Duration.days(30);
const DEFAULT_MONITORING_INTERVAL = Duration.seconds(60);
const DEFAULT_CPU_PERCENT = 80;
const DEFAULT_FREEABLE_MEMORY = Size.gibibytes(1);
const DEFAULT_CONNECTIONS = 500;
const DEFAULT_AURORA_LOCAL_STORAGE = Size.gibibytes(2);
const ALARM_PERIOD = Duration.minutes(5);
/** The managed policy of the Enhanced Monitoring role, as cdk-nag names it in findings. */
const ENHANCED_MONITORING_POLICY_ARN = 'arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole';

/** RDS event categories that say a database failed, failed over or is being worked on. */
const EVENT_CATEGORIES = {
  'db-cluster': ['failover', 'failure', 'maintenance', 'notification'],
  'db-instance': ['availability', 'failover', 'failure', 'low storage', 'maintenance', 'recovery'],
};

/**
 * A relational database with no single instance: an Aurora cluster with readers in other
 * Availability Zones, a Multi-AZ DB instance or a Multi-AZ DB cluster, with encrypted storage,
 * automated backups and point-in-time recovery, deletion protection, an RDS Proxy that keeps
 * client connections through a failover, rotated credentials in Secrets Manager, and the alarms
 * and RDS events that say when the database fails over.
 *
 * Clients connect to `endpoint` (the proxy) and are let in through `connections`:
 *
 * ```ts
 * import * as ec2 from 'aws-cdk-lib/aws-ec2';
 * import { ReplicatedDatabase } from 'cdk-ha';
 *
 * declare const vpc: ec2.IVpc;
 * declare const webTier: ec2.IConnectable;
 *
 * const db = new ReplicatedDatabase(this, 'Db', { vpc });
 * db.connections.allowDefaultPortFrom(webTier);
 * ```
 */
export class ReplicatedDatabase extends Construct implements ec2.IConnectable {
  /** The VPC the database is in (`vpc`). */
  public readonly vpc: ec2.IVpc;

  /** The topology the database was built with. */
  public readonly topology: DatabaseTopology;

  /** The Aurora cluster or the Multi-AZ DB cluster; undefined for a Multi-AZ DB instance. */
  public readonly cluster?: rds.IDatabaseCluster;

  /** The Multi-AZ DB instance; undefined for the cluster topologies. */
  public readonly instance?: rds.DatabaseInstance;

  /**
   * Where clients read and write: the RDS Proxy when it is on (it keeps connections open through a
   * failover), otherwise the writer endpoint of the cluster or instance.
   */
  public readonly endpoint: rds.Endpoint;

  /**
   * Where clients send read-only queries: the proxy's read-only endpoint when the proxy is on,
   * otherwise the cluster's reader endpoint. Undefined for a Multi-AZ DB instance, whose standby
   * serves no reads.
   */
  public readonly readerEndpoint?: rds.Endpoint;

  /** The writer endpoint of the cluster or instance itself, bypassing the proxy. */
  public readonly writerEndpoint: rds.Endpoint;

  /** The RDS Proxy in front of the writer; undefined when `enableProxy` is false. */
  public readonly proxy?: rds.DatabaseProxy;

  /** The master user's credentials (username, password, host, port), rotated on a schedule. */
  public readonly secret: secretsmanager.ISecret;

  /**
   * The network access to the database for clients: the proxy's security group when the proxy is on,
   * otherwise the database's. `db.connections.allowDefaultPortFrom(webTier)` lets a tier in.
   */
  public readonly connections: ec2.Connections;

  /** The security group of the database instances, which admits only the proxy and the rotation function. */
  public readonly securityGroup: ec2.ISecurityGroup;

  /** The key that encrypts the storage, backups, Performance Insights data and the secret. */
  public readonly encryptionKey: kms.IKey;

  /** The alarms on CPU, freeable memory, connections, free storage and replica lag; each notifies `alarmTopic`. */
  public readonly alarms: cloudwatch.Alarm[];

  /** The topic that the alarms and the RDS event subscription notify. */
  public readonly alarmTopic: sns.ITopic;

  /** The RDS event subscription for failover, failure and maintenance events. */
  public readonly eventSubscription: rds.CfnEventSubscription;

  /**
   * The typical time the topology takes to fail over to another Availability Zone, as AWS documents it
   * (an estimate, to be confirmed by testing; clients behind the proxy see less):
   * - Aurora cluster with a reader in another zone: under 60 seconds
   *   (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html);
   * - Multi-AZ DB instance: 60 to 120 seconds, so 120 seconds
   *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html);
   * - Multi-AZ DB cluster: under 35 seconds
   *   (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts-failover.html).
   * No committed data is lost in any of them: Aurora storage and the standbys are written synchronously.
   */
  public readonly estimatedFailoverTime: Duration;

  /** The Regions that keep a copy of the database (`secondaryRegions`); empty when it stays in its own Region. */
  public readonly secondaryRegions: string[];

  /**
   * The Aurora global database whose primary this cluster is, when `secondaryRegions` are given.
   *
   * @default - none for a database that stays in its Region, or a Multi-AZ DB instance
   */
  public readonly globalCluster?: rds.CfnGlobalCluster;

  /**
   * The identifier of the Aurora global database, which its secondaries join by name.
   *
   * @default - none without a global database
   */
  public readonly globalClusterIdentifier?: string;

  /**
   * What a secondary in another Region copies from this database.
   *
   * @internal
   */
  public readonly _source: SecondarySource;

  /**
   * The zone the writer was placed in, when the topology places it (an Aurora cluster's writer goes to
   * the first zone of the subnets); drills fail over only databases whose writer is in the zone they cut.
   *
   * @internal
   */
  public readonly _writerZone?: string;

  /**
   * The zones of the database's subnets, in order.
   *
   * @internal
   */
  public readonly _zones: string[];

  /**
   * The database's subnets, for drills that cut a zone off.
   *
   * @internal
   */
  public readonly _subnets: ec2.ISubnet[];

  constructor(scope: Construct, id: string, props: ReplicatedDatabaseProps) {
    super(scope, id);
    this.topology = props.topology ?? DatabaseTopology.auroraCluster();
    const subnets = validateReplicatedDatabaseProps(this, props, this.topology);
    const engine = this.topology._impl.engine;
    const vpc = props.vpc;
    this.vpc = vpc;
    this.estimatedFailoverTime = this.topology._impl.estimatedFailoverTime;

    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'EncryptionKey', {
      description: `Encrypts the database storage, backups and credentials of ${this.node.path}`,
      enableKeyRotation: true,
    });

    const subnetGroup = new rds.SubnetGroup(this, 'SubnetGroup', {
      vpc,
      vpcSubnets: subnets.selection,
      description: `Subnets of ${this.node.path}`,
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      description: `Database of ${this.node.path}`,
      allowAllOutbound: false,
    });
    const monitoringRole = new iam.Role(this, 'MonitoringRole', {
      assumedBy: new iam.ServicePrincipal('monitoring.rds.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonRDSEnhancedMonitoringRole')],
    });
    const masterSecret = new rds.DatabaseSecret(this, 'Secret', {
      username: props.username ?? engine.defaultUsername ?? 'dbadmin',
      dbname: props.databaseName,
      encryptionKey: this.encryptionKey,
    });

    this.secondaryRegions = [...props.secondaryRegions ?? []];
    const crossRegion = this.secondaryRegions.length > 0;
    const monitoringInterval = props.monitoringInterval ?? DEFAULT_MONITORING_INTERVAL;
    const performanceInsightRetention = props.performanceInsightRetention ?? rds.PerformanceInsightRetention.DEFAULT;
    const backupRetention = props.backupRetention ?? DEFAULT_BACKUP_RETENTION;
    const cloudwatchLogsExports = props.cloudwatchLogsExports
      ?? defaultLogExports(engine.engineType, this.topology.kind === DatabaseTopologyKind.MULTI_AZ_CLUSTER);
    const parameters = this.parametersFor(engine, props.parameters);
    this._subnets = subnets.subnets;
    this._zones = subnets.subnets.map(s => s.availabilityZone);
    if (this.topology.kind === DatabaseTopologyKind.AURORA_CLUSTER) this._writerZone = this._zones[0];
    const built = this.topology._impl.build(this, {
      vpc,
      subnets: subnets.selection,
      zones: this._zones,
      subnetGroup,
      securityGroup: this.securityGroup,
      encryptionKey: this.encryptionKey,
      secret: masterSecret,
      monitoringRole,
      monitoringInterval,
      performanceInsightRetention,
      backupRetention,
      preferredBackupWindow: props.preferredBackupWindow,
      preferredMaintenanceWindow: props.preferredMaintenanceWindow,
      databaseName: props.databaseName,
      port: props.port,
      cloudwatchLogsExports,
      cloudwatchLogsRetention: props.cloudwatchLogsRetention,
      parameters,
      crossRegion,
    });
    this.cluster = built.cluster;
    this.instance = built.instance;
    this.secret = built.secret;
    this.writerEndpoint = built.writerEndpoint;

    this.rotateSecret(built, props, subnets);

    if (crossRegion && built.cluster) {
      // The cluster becomes the primary of a global database; secondaries join it by this name.
      this.globalClusterIdentifier = props.globalClusterIdentifier
        ?? `g${Names.uniqueResourceName(this, { maxLength: 62 })}`.toLowerCase();
      this.globalCluster = new rds.CfnGlobalCluster(this, 'GlobalCluster', {
        globalClusterIdentifier: this.globalClusterIdentifier,
        sourceDbClusterIdentifier: built.cluster.clusterArn,
        deletionProtection: true,
      });
    }
    // Clients in a secondary Region need the credentials after a failover, when this Region may be gone.
    for (const region of this.secondaryRegions) masterSecret.addReplicaRegion(region);
    this._source = {
      engine,
      instanceType: built.instanceType,
      clusterArn: built.cluster?.clusterArn,
      instanceArn: built.instance?.instanceArn,
      secret: masterSecret,
      port: props.port,
      backupRetention,
      preferredBackupWindow: props.preferredBackupWindow,
      preferredMaintenanceWindow: props.preferredMaintenanceWindow,
      monitoringInterval,
      performanceInsightRetention,
      cloudwatchLogsExports,
      parameters,
      storage: built.storage,
    };

    if (props.enableProxy ?? true) {
      const port = proxyPort(engine.engineFamily)!;
      const proxySecurityGroup = new ec2.SecurityGroup(this, 'ProxySecurityGroup', {
        vpc,
        description: `RDS Proxy of ${this.node.path}`,
        allowAllOutbound: false,
      });
      this.proxy = new rds.DatabaseProxy(this, 'Proxy', {
        proxyTarget: built.proxyTarget,
        secrets: [built.secret],
        vpc,
        vpcSubnets: subnets.selection,
        securityGroups: [proxySecurityGroup],
        // A name unique in the account: the default would be the construct ID, shared by every database.
        dbProxyName: Names.uniqueResourceName(this, { maxLength: 60 }),
        requireTLS: true,
      });
      this.endpoint = new rds.Endpoint(this.proxy.endpoint, port);
      if (built.readerEndpoint) {
        const readOnly = new rds.DatabaseProxyEndpoint(this, 'ProxyReadOnlyEndpoint', {
          dbProxy: this.proxy,
          vpc,
          vpcSubnets: subnets.selection,
          securityGroups: [proxySecurityGroup],
          targetRole: rds.ProxyEndpointTargetRole.READ_ONLY,
        });
        this.readerEndpoint = new rds.Endpoint(readOnly.endpoint, port);
      }
      this.connections = new ec2.Connections({ securityGroups: [proxySecurityGroup], defaultPort: ec2.Port.tcp(port) });
    } else {
      this.endpoint = built.writerEndpoint;
      this.readerEndpoint = built.readerEndpoint;
      this.connections = built.connections;
    }

    this.alarmTopic = alarmTopic(this, props.alarmTopic);
    this.alarms = this.createAlarms(built, props);
    this.eventSubscription = this.subscribeToEvents(built);
    this.acknowledgeDesignChoices(built, monitoringRole);
    if (this.globalCluster && isAuroraMysql(engine.engineType)) {
      acknowledgeFinding(built.portResource, 'AwsSolutions-RDS14',
        'The cluster is the primary of an Aurora global database (secondaryRegions), and global databases do not support backtracking; '
        + 'point-in-time recovery and the copy in another Region cover it.');
    }
  }

  /** The TLS parameter of the engine, with the user's parameters over it. */
  private parametersFor(engine: rds.IEngine, given: { [name: string]: string } | undefined): Record<string, string> {
    const tls = tlsParameters(engine.engineType);
    if (!tls) {
      Annotations.of(this).addWarningV2('@cdk-ha/patterns:tlsNotEnforced',
        `${engine.engineType} has no parameter that requires TLS: clients may connect unencrypted unless the server is `
        + 'configured to refuse them (for Oracle, an SSL option group). Clients of the RDS Proxy always use TLS.');
      return { ...given };
    }
    if (!engine.parameterGroupFamily) {
      Annotations.of(this).addWarningV2('@cdk-ha/patterns:tlsNotEnforced',
        `The engine has no version, so no parameter group can be created to require TLS (${Object.keys(tls).join(', ')}): `
        + 'clients may connect unencrypted. Give the engine a version (for example rds.DatabaseClusterEngine.auroraPostgres({ version })).');
      return { ...given };
    }
    return { ...tls, ...given };
  }

  /**
   * Rotates the master password. The rotation function must reach both the database and the Secrets
   * Manager API: through an endpoint when one is given, else through NAT gateways when the VPC has
   * private subnets with egress, else through an endpoint with private DNS that the VPC must have.
   */
  private rotateSecret(built: BuiltDatabase, props: ReplicatedDatabaseProps, subnets: { selection: ec2.SubnetSelection }): void {
    const vpc = props.vpc;
    const securityGroup = new ec2.SecurityGroup(this, 'RotationSecurityGroup', {
      vpc,
      description: `Password rotation function of ${this.node.path}`,
      allowAllOutbound: false,
    });
    let vpcSubnets = subnets.selection;
    const endpoint = props.secretsManagerEndpoint;
    if (endpoint) {
      endpoint.connections.allowDefaultPortFrom(securityGroup, 'Password rotation calls Secrets Manager');
    } else if (vpc.privateSubnets.length > 0) {
      vpcSubnets = { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
      securityGroup.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'Secrets Manager API through the NAT gateways');
    } else {
      securityGroup.addEgressRule(ec2.Peer.ipv4(vpc.vpcCidrBlock), ec2.Port.tcp(443), 'Secrets Manager endpoint in the VPC');
      Annotations.of(this).addWarningV2('@cdk-ha/patterns:rotationNeedsSecretsManagerEndpoint',
        'The VPC has no private subnets with egress, so the password rotation function runs in the database subnets and reaches '
        + 'Secrets Manager only through an interface endpoint with private DNS. Add one (vpc.addInterfaceEndpoint(\'SecretsManager\', '
        + '{ service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER })) or pass it as secretsManagerEndpoint; otherwise rotation fails.');
    }
    built.addRotation({
      automaticallyAfter: props.secretRotationInterval ?? DEFAULT_ROTATION,
      vpcSubnets,
      endpoint,
      securityGroup,
    });
  }

  private createAlarms(built: BuiltDatabase, props: ReplicatedDatabaseProps): cloudwatch.Alarm[] {
    const t = props.alarmThresholds ?? {};
    const scope = new Construct(this, 'Alarms');
    const alarms: cloudwatch.Alarm[] = [];
    const path = this.node.path;
    const add = (id: string, metric: cloudwatch.Metric, threshold: number, operator: cloudwatch.ComparisonOperator,
      periods: number, description: string) => {
      const alarm = new cloudwatch.Alarm(scope, id, {
        metric,
        threshold,
        comparisonOperator: operator,
        evaluationPeriods: periods,
        datapointsToAlarm: periods,
        treatMissingData: cloudwatch.TreatMissingData.MISSING,
        alarmDescription: `${path}: ${description}`,
      });
      alarms.push(notify(alarm, this.alarmTopic));
    };
    const metric = (metricName: string, dimensionsMap: Record<string, string>, statistic: string, period = ALARM_PERIOD) =>
      new cloudwatch.Metric({ namespace: 'AWS/RDS', metricName, dimensionsMap, statistic, period });

    const cpu = t.cpuUtilizationPercent ?? DEFAULT_CPU_PERCENT;
    const memory = t.freeableMemory ?? DEFAULT_FREEABLE_MEMORY;
    const connections = t.databaseConnections ?? DEFAULT_CONNECTIONS;
    for (const target of built.monitored) {
      const { label, dimensions, description } = target;
      add(`${label}CPUUtilization`, metric('CPUUtilization', dimensions, target.aggregated ? 'Maximum' : 'Average'),
        cpu, cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, 3,
        `CPU of ${description} above ${cpu}% for 15 minutes: queries slow down; find the expensive ones in Performance Insights or scale up.`);
      add(`${label}FreeableMemory`, metric('FreeableMemory', dimensions, 'Minimum'),
        bytes(memory), cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD, 3,
        `freeable memory of ${description} below ${describeSize(memory)} for 15 minutes: the instance may swap or restart.`);
      add(`${label}DatabaseConnections`, metric('DatabaseConnections', dimensions, 'Maximum'),
        connections, cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, 3,
        `more than ${connections} connections to ${description} for 15 minutes: new connections will soon be refused.`);
      const storage = t.freeStorage ?? defaultFreeStorage(target);
      add(`${label}${target.storageMetric}`, metric(target.storageMetric, dimensions, 'Minimum'),
        bytes(storage), cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD, 1,
        `${target.storageMetric === 'FreeLocalStorage' ? 'free local (temporary) storage' : 'free storage'} of ${description} below `
        + `${describeSize(storage)}: a full disk stops the database.`);
    }
    const lag = built.replicaLag;
    if (lag) {
      const threshold = t.replicaLag ?? lag.defaultThreshold;
      const value = lag.unit === 'Milliseconds' ? threshold.toMilliseconds() : threshold.toSeconds({ integral: false });
      add('ReplicaLag', metric(lag.metricName, lag.dimensions, 'Maximum', Duration.minutes(1)),
        value, cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, 5,
        `replica lag above ${threshold.toHumanString()} for 5 minutes: a failover would take longer and readers return stale data.`);
    }
    return alarms;
  }

  /** Sends the database's failover, failure and maintenance events to the alarm topic. */
  private subscribeToEvents(built: BuiltDatabase): rds.CfnEventSubscription {
    const stack = Stack.of(this);
    // RDS publishes as events.rds.amazonaws.com: the topic and its key must let it (a no-op for imported ones).
    this.alarmTopic.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowRdsEventsToPublish',
      principals: [new iam.ServicePrincipal('events.rds.amazonaws.com')],
      actions: ['sns:Publish'],
      resources: [this.alarmTopic.topicArn],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }));
    this.alarmTopic.masterKey?.addToResourcePolicy(new iam.PolicyStatement({
      sid: 'AllowRdsEventsToPublish',
      principals: [new iam.ServicePrincipal('events.rds.amazonaws.com')],
      actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
      resources: ['*'],
      conditions: { StringEquals: { 'aws:SourceAccount': stack.account } },
    }));
    const subscription = new rds.CfnEventSubscription(this, 'EventSubscription', {
      snsTopicArn: this.alarmTopic.topicArn,
      sourceType: built.eventSourceType,
      sourceIds: [built.eventSourceId],
      eventCategories: EVENT_CATEGORIES[built.eventSourceType],
      enabled: true,
    });
    return subscription;
  }

  /** Acknowledges the cdk-nag AwsSolutions findings that are deliberate choices, each with its reason. */
  private acknowledgeDesignChoices(built: BuiltDatabase, monitoringRole: iam.IRole): void {
    acknowledgeFinding(monitoringRole, `AwsSolutions-IAM4[Policy::${ENHANCED_MONITORING_POLICY_ARN}]`,
      'AmazonRDSEnhancedMonitoringRole is the AWS-managed policy that RDS documents for Enhanced Monitoring; it only lets '
      + 'the monitoring service write to the RDSOSMetrics log group.');
    acknowledgeFinding(built.portResource, 'AwsSolutions-RDS11',
      'Only the RDS Proxy and the rotation function may reach the database, through its security group; clients use the '
      + 'proxy, which always listens on the engine\'s default port, so a non-default database port hides nothing. Set `port` to change it.');
  }
}

function bytes(size: Size): number {
  return size.toBytes({ rounding: SizeRoundingBehavior.FLOOR });
}

/** A size for people: `1 GiB`, `512 MiB`. */
function describeSize(size: Size): string {
  if (size.isUnresolved()) return 'the threshold';
  const gib = bytes(size) / 1024 ** 3;
  return gib >= 1 ? `${+gib.toFixed(1)} GiB` : `${Math.round(bytes(size) / 1024 ** 2)} MiB`;
}

/** 10% of the allocated storage, or 2 GiB of Aurora's local storage. */
function defaultFreeStorage(target: MonitoredTarget): Size {
  if (target.storageMetric === 'FreeLocalStorage') return DEFAULT_AURORA_LOCAL_STORAGE;
  const allocated = target.allocatedStorage;
  if (allocated === undefined || Token.isUnresolved(allocated)) return Size.gibibytes(10);
  return Size.mebibytes(Math.round(allocated * 1024 * 0.1));
}
