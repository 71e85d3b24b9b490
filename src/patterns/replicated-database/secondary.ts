import { ArnFormat, Duration, RemovalPolicy, Size, SizeRoundingBehavior, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as cr from 'aws-cdk-lib/custom-resources';
import { Construct } from 'constructs';
import { SecondarySource } from './build';
import { supportsIamAuthentication } from './engines';
import { ReplicatedDatabase } from './replicated-database';
import { ReplicatedDatabaseSecondaryProps } from './secondary-props';
import { validateSecondaryProps } from './secondary-validate';
import { DatabaseTopologyKind } from './topology';
import { acknowledgeFinding } from '../common/acknowledge';
import { alarmTopic, notify } from '../common/alarm-topic';

const DEFAULT_INSTANCES = 2;
/** The construct ID of the function aws-cdk-lib creates once per stack for its AwsCustomResources. */
const AWS_CUSTOM_RESOURCE_FUNCTION = 'AWS679f53fac002430cb0da5b7982bd2287';
const DEFAULT_CPU_PERCENT = 80;
const DEFAULT_FREEABLE_MEMORY = Size.gibibytes(1);
const AURORA_LAG = Duration.seconds(1);
const REPLICA_LAG = Duration.minutes(5);
const ALARM_PERIOD = Duration.minutes(5);
const ENHANCED_MONITORING_POLICY_ARN = 'arn:<AWS::Partition>:iam::aws:policy/service-role/AmazonRDSEnhancedMonitoringRole';

/**
 * Sources of the Region failover figures, to be confirmed by testing:
 * - Aurora global database: managed failover and switchover promote the secondary in the order of minutes, with
 *   replication typically under a second behind (https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html);
 * - cross-Region read replica: promotion takes minutes, longer for large or busy databases, and loses what the
 *   replica had not yet received (https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html).
 */
const AURORA_GLOBAL_FAILOVER = Duration.minutes(5);
const REPLICA_PROMOTION = Duration.minutes(15);

/**
 * A copy of a `ReplicatedDatabase` in another Region, in a stack of that Region, ready to take over
 * when the primary's Region fails:
 *
 * - for an Aurora primary, a secondary cluster of its Aurora global database, with the primary's engine
 *   version, storage encrypted with a key of this Region, and `instances` DB instances (2 by default) that
 *   serve reads here and let Aurora switch over or fail over to this Region at once;
 * - for a Multi-AZ DB instance, a Multi-AZ cross-Region read replica, with the primary's automated
 *   backups replicated to this Region as well (`replicateBackups`), so that point-in-time recovery
 *   survives the loss of the primary's Region.
 *
 * Both get alarms on replication lag, CPU and memory, an RDS event subscription, and Enhanced
 * Monitoring; the credentials secret is the primary's, replicated to this Region.
 *
 * ```ts
 * import * as ec2 from 'aws-cdk-lib/aws-ec2';
 * import { ReplicatedDatabase, ReplicatedDatabaseSecondary } from 'cdk-ha';
 *
 * declare const primaryDb: ReplicatedDatabase; // in eu-west-1, with secondaryRegions: ['eu-central-1']
 * declare const standbyVpc: ec2.IVpc;          // in eu-central-1
 *
 * const standbyDb = new ReplicatedDatabaseSecondary(this, 'Db', { primary: primaryDb, vpc: standbyVpc });
 * ```
 *
 * @experimental
 */
export class ReplicatedDatabaseSecondary extends Construct implements ec2.IConnectable {
  /** The database this one copies. */
  public readonly primary: ReplicatedDatabase;

  /** The VPC of this Region the copy is in (`vpc`). */
  public readonly vpc: ec2.IVpc;

  /**
   * The secondary Aurora cluster, for an Aurora primary.
   *
   * @default - none for a cross-Region read replica
   */
  public readonly cluster?: rds.IDatabaseCluster;

  /**
   * The secondary Aurora cluster's CloudFormation resource, for escape hatches.
   *
   * @default - none for a cross-Region read replica
   */
  public readonly clusterResource?: rds.CfnDBCluster;

  /**
   * The cross-Region read replica, for a Multi-AZ DB instance primary.
   *
   * @default - none for an Aurora secondary
   */
  public readonly readReplica?: rds.DatabaseInstanceReadReplica;

  /** The ARN of the secondary cluster or of the read replica. */
  public readonly databaseArn: string;

  /**
   * Where clients of this Region read: the secondary cluster's reader endpoint, or the replica. After a
   * failover the same endpoint accepts writes for a read replica; for Aurora, use `writerEndpoint`.
   */
  public readonly endpoint: rds.Endpoint;

  /**
   * The secondary cluster's writer endpoint, which accepts writes once the cluster is promoted.
   *
   * @default - none for a cross-Region read replica (its `endpoint` accepts writes once promoted)
   */
  public readonly writerEndpoint?: rds.Endpoint;

  /** The primary's credentials, as replicated to this Region by Secrets Manager. */
  public readonly secret: secretsmanager.ISecret;

  /** The key of this Region that encrypts the copy. */
  public readonly encryptionKey: kms.IKey;

  /** The security group of the copy; let clients of this Region in through `connections`. */
  public readonly securityGroup: ec2.ISecurityGroup;

  /** Network access to the copy, on its port. */
  public readonly connections: ec2.Connections;

  /** The alarms on replication lag, CPU and memory; each notifies `alarmTopic`. */
  public readonly alarms: cloudwatch.Alarm[];

  /** The topic of this Region that the alarms and the event subscription notify. */
  public readonly alarmTopic: sns.ITopic;

  /** The RDS event subscription for failover, failure and maintenance events. */
  public readonly eventSubscription: rds.CfnEventSubscription;

  /**
   * The call that turns on the replication of the primary's automated backups to this Region.
   *
   * @default - none for Aurora, or with replicateBackups: false
   */
  public readonly backupReplication?: cr.AwsCustomResource;

  /**
   * The typical time to make this copy the writable database after the primary's Region fails: a few
   * minutes for an Aurora global database's managed failover (5 minutes counted), about 15 minutes
   * for the promotion of a read replica. An estimate, to confirm by testing.
   */
  public readonly estimatedFailoverTime: Duration;

  /**
   * The data a failover to this Region may lose: the replication lag, typically under a second for
   * Aurora (1 second counted) and up to the lag alarm's threshold for a read replica.
   */
  public readonly estimatedDataLoss: Duration;

  constructor(scope: Construct, id: string, props: ReplicatedDatabaseSecondaryProps) {
    super(scope, id);
    const subnets = validateSecondaryProps(this, props);
    this.primary = props.primary;
    this.vpc = props.vpc;
    const source = props.primary._source;
    const stack = Stack.of(this);
    // The primary (its global cluster, its instance) must exist before the copy is created.
    // Between stacks, CDK makes this a dependency of this stack on the primary's.
    this.node.addDependency(props.primary);

    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'EncryptionKey', {
      description: `Encrypts the copy of ${props.primary.node.path} in ${stack.region}`,
      enableKeyRotation: true,
    });
    this.securityGroup = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `Secondary database of ${this.node.path}`,
      allowAllOutbound: false,
    });
    const subnetGroup = new rds.SubnetGroup(this, 'SubnetGroup', {
      vpc: props.vpc,
      vpcSubnets: subnets.selection,
      description: `Subnets of ${this.node.path}`,
    });
    const monitoringRole = new iam.Role(this, 'MonitoringRole', {
      assumedBy: new iam.ServicePrincipal('monitoring.rds.amazonaws.com'),
      managedPolicies: [iam.ManagedPolicy.fromAwsManagedPolicyName('service-role/AmazonRDSEnhancedMonitoringRole')],
    });
    acknowledgeFinding(monitoringRole, `AwsSolutions-IAM4[Policy::${ENHANCED_MONITORING_POLICY_ARN}]`,
      'AmazonRDSEnhancedMonitoringRole is the AWS-managed policy that RDS documents for Enhanced Monitoring; it only lets '
      + 'the monitoring service write to the RDSOSMetrics log group.');
    // Secrets Manager keeps the replica under the primary secret's name in this Region.
    this.secret = secretsmanager.Secret.fromSecretNameV2(this, 'Secret', source.secret.secretName);
    this.alarmTopic = alarmTopic(this, props.alarmTopic);
    const port = source.port ?? undefined;
    const backupRetention = props.backupRetention ?? source.backupRetention;
    const instanceType = props.instanceType ?? source.instanceType;
    const t = props.alarmThresholds ?? {};
    const alarms = new AlarmFactory(this, this.alarmTopic);

    if (props.primary.topology.kind === DatabaseTopologyKind.AURORA_CLUSTER) {
      const zones = subnets.subnets.map(s => s.availabilityZone);
      const cluster = this.auroraSecondary(source, {
        subnetGroup, monitoringRole, backupRetention, instanceType, zones, port, instances: props.instances ?? DEFAULT_INSTANCES, alarms, t,
      });
      this.clusterResource = cluster.resource;
      this.cluster = cluster.handle;
      this.databaseArn = cluster.handle.clusterArn;
      this.endpoint = cluster.handle.clusterReadEndpoint;
      this.writerEndpoint = cluster.handle.clusterEndpoint;
      this.connections = cluster.handle.connections;
      this.eventSubscription = this.subscribeToEvents('db-cluster', cluster.resource.ref);
      acknowledgeFinding(cluster.resource, 'AwsSolutions-RDS11', DEFAULT_PORT_REASON);
      this.estimatedFailoverTime = AURORA_GLOBAL_FAILOVER;
      this.estimatedDataLoss = AURORA_LAG;
    } else {
      const replica = this.readReplicaOf(source, { vpc: props.vpc, subnetGroup, monitoringRole, backupRetention, instanceType, alarms, t });
      this.readReplica = replica;
      this.databaseArn = replica.instanceArn;
      this.endpoint = replica.instanceEndpoint;
      this.connections = replica.connections;
      this.eventSubscription = this.subscribeToEvents('db-instance', replica.instanceIdentifier);
      acknowledgeFinding(replica, 'AwsSolutions-RDS11', DEFAULT_PORT_REASON);
      if (props.replicateBackups ?? true) this.backupReplication = this.replicateBackups(source, backupRetention);
      this.estimatedFailoverTime = REPLICA_PROMOTION;
      this.estimatedDataLoss = t.replicationLag ?? REPLICA_LAG;
    }
    this.alarms = alarms.alarms;
  }

  /** A secondary cluster that joins the primary's global database by name, with its own instances. */
  private auroraSecondary(source: SecondarySource, o: {
    subnetGroup: rds.ISubnetGroup;
    monitoringRole: iam.IRole;
    backupRetention: Duration;
    instanceType: ec2.InstanceType;
    zones: string[];
    port?: number;
    instances: number;
    alarms: AlarmFactory;
    t: ReplicatedDatabaseSecondaryProps['alarmThresholds'];
  }): { resource: rds.CfnDBCluster; handle: rds.IDatabaseCluster } {
    const engine = source.engine;
    const parameterGroup = this.parameterGroup(source);
    const resource = new rds.CfnDBCluster(this, 'Cluster', {
      engine: engine.engineType,
      // Managed switchover and failover need the same engine version in every cluster of the global database.
      engineVersion: engine.engineVersion?.fullVersion,
      globalClusterIdentifier: this.primary.globalClusterIdentifier,
      // No master user: a secondary takes the primary's users with its storage.
      dbSubnetGroupName: o.subnetGroup.subnetGroupName,
      vpcSecurityGroupIds: [this.securityGroup.securityGroupId],
      port: o.port,
      storageEncrypted: true,
      kmsKeyId: this.encryptionKey.keyArn,
      backupRetentionPeriod: o.backupRetention.toDays(),
      preferredBackupWindow: source.preferredBackupWindow,
      preferredMaintenanceWindow: source.preferredMaintenanceWindow,
      copyTagsToSnapshot: true,
      deletionProtection: true,
      enableIamDatabaseAuthentication: supportsIamAuthentication(engine.engineType) || undefined,
      enableCloudwatchLogsExports: source.cloudwatchLogsExports.length ? source.cloudwatchLogsExports : undefined,
      dbClusterParameterGroupName: parameterGroup?.bindToCluster({}).parameterGroupName,
    });
    // Kept when the stack is deleted: removing a Region's copy is a decision, not a side effect.
    resource.applyRemovalPolicy(RemovalPolicy.RETAIN);
    const port = Token.asNumber(resource.attrEndpointPort);
    const instanceIds: string[] = [];
    for (let i = 0; i < o.instances; i++) {
      const instance = new rds.CfnDBInstance(this, `Instance${i + 1}`, {
        dbClusterIdentifier: resource.ref,
        engine: engine.engineType,
        dbInstanceClass: `db.${o.instanceType.toString()}`,
        availabilityZone: o.zones.length ? o.zones[i % o.zones.length] : undefined,
        publiclyAccessible: false,
        autoMinorVersionUpgrade: true,
        promotionTier: 0,
        enablePerformanceInsights: true,
        performanceInsightsKmsKeyId: this.encryptionKey.keyArn,
        performanceInsightsRetentionPeriod: source.performanceInsightRetention,
        monitoringInterval: source.monitoringInterval.toSeconds(),
        monitoringRoleArn: o.monitoringRole.roleArn,
      });
      instanceIds.push(instance.ref);
      o.alarms.instanceAlarms(`Instance${i + 1}`, `instance ${i + 1} of the secondary`, instance.ref, o.t);
    }
    const handle = rds.DatabaseCluster.fromDatabaseClusterAttributes(this, 'ClusterHandle', {
      clusterIdentifier: resource.ref,
      clusterEndpointAddress: resource.attrEndpointAddress,
      readerEndpointAddress: resource.attrReadEndpointAddress,
      port,
      instanceIdentifiers: instanceIds,
      securityGroups: [this.securityGroup],
      engine: engine as rds.IClusterEngine,
    });
    const lag = o.t?.replicationLag ?? AURORA_LAG;
    o.alarms.add('ReplicationLag', new cloudwatch.Metric({
      namespace: 'AWS/RDS',
      metricName: 'AuroraGlobalDBReplicationLag',
      dimensionsMap: { DBClusterIdentifier: resource.ref },
      statistic: 'Maximum',
      period: Duration.minutes(1),
    }), lag.toMilliseconds(), cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, 5,
    `the secondary is more than ${lag.toHumanString()} behind the primary for 5 minutes: a failover to ${Stack.of(this).region} now loses that much data.`);
    return { resource, handle };
  }

  /** A Multi-AZ read replica of the primary's instance, in this Region. */
  private readReplicaOf(source: SecondarySource, o: {
    vpc: ec2.IVpc;
    subnetGroup: rds.ISubnetGroup;
    monitoringRole: iam.IRole;
    backupRetention: Duration;
    instanceType: ec2.InstanceType;
    alarms: AlarmFactory;
    t: ReplicatedDatabaseSecondaryProps['alarmThresholds'];
  }): rds.DatabaseInstanceReadReplica {
    const primaryInstance = this.primary.instance!;
    const storage = source.storage!;
    const replica = new rds.DatabaseInstanceReadReplica(this, 'Instance', {
      sourceDatabaseInstance: primaryInstance,
      instanceType: o.instanceType,
      vpc: o.vpc,
      subnetGroup: o.subnetGroup,
      securityGroups: [this.securityGroup],
      // Multi-AZ, so that the promoted replica survives the loss of a zone as the primary did.
      multiAz: true,
      publiclyAccessible: false,
      storageEncrypted: true,
      storageEncryptionKey: this.encryptionKey,
      storageType: storage.storageType,
      maxAllocatedStorage: storage.maxAllocatedStorage,
      // Backups of the replica itself, where the engine keeps them (MySQL, MariaDB); the replicated backups cover the others.
      backupRetention: (source.engine as rds.IInstanceEngine).supportsReadReplicaBackups ? o.backupRetention : undefined,
      preferredBackupWindow: source.preferredBackupWindow,
      preferredMaintenanceWindow: source.preferredMaintenanceWindow,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.SNAPSHOT,
      copyTagsToSnapshot: true,
      autoMinorVersionUpgrade: true,
      iamAuthentication: supportsIamAuthentication(source.engine.engineType) || undefined,
      enablePerformanceInsights: true,
      performanceInsightEncryptionKey: this.encryptionKey,
      performanceInsightRetention: source.performanceInsightRetention,
      monitoringInterval: source.monitoringInterval,
      monitoringRole: o.monitoringRole,
      cloudwatchLogsExports: source.cloudwatchLogsExports.length ? source.cloudwatchLogsExports : undefined,
      parameterGroup: this.parameterGroup(source),
    });
    // CloudFormation signs the cross-Region request for the source's Region.
    (replica.node.defaultChild as rds.CfnDBInstance).sourceRegion = Stack.of(this.primary).region;
    o.alarms.instanceAlarms('Replica', 'the read replica', replica.instanceIdentifier, o.t, storage.allocatedStorage);
    const lag = o.t?.replicationLag ?? REPLICA_LAG;
    o.alarms.add('ReplicationLag', new cloudwatch.Metric({
      namespace: 'AWS/RDS',
      metricName: 'ReplicaLag',
      dimensionsMap: { DBInstanceIdentifier: replica.instanceIdentifier },
      statistic: 'Maximum',
      period: Duration.minutes(1),
    }), lag.toSeconds({ integral: false }), cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, 5,
    `the read replica is more than ${lag.toHumanString()} behind the primary for 5 minutes: a promotion in ${Stack.of(this).region} now loses that much data.`);
    return replica;
  }

  /**
   * Replicates the primary's automated backups to this Region. RDS starts the replication from the
   * destination Region, with a key of that Region, which CloudFormation has no resource for.
   */
  private replicateBackups(source: SecondarySource, retention: Duration): cr.AwsCustomResource {
    const stack = Stack.of(this);
    const sourceArn = source.instanceArn!;
    const call = (action: string, parameters: Record<string, unknown>): cr.AwsSdkCall => ({
      service: 'RDS',
      action,
      parameters,
      physicalResourceId: cr.PhysicalResourceId.of(`${this.node.addr}-backups`),
    });
    const replication = new cr.AwsCustomResource(this, 'BackupReplication', {
      onCreate: call('StartDBInstanceAutomatedBackupsReplication', {
        SourceDBInstanceArn: sourceArn,
        KmsKeyId: this.encryptionKey.keyArn,
        BackupRetentionPeriod: retention.toDays(),
      }),
      onDelete: call('StopDBInstanceAutomatedBackupsReplication', { SourceDBInstanceArn: sourceArn }),
      policy: cr.AwsCustomResourcePolicy.fromStatements([
        new iam.PolicyStatement({
          actions: ['rds:StartDBInstanceAutomatedBackupsReplication', 'rds:StopDBInstanceAutomatedBackupsReplication'],
          resources: [sourceArn, stack.formatArn({ service: 'rds', resource: 'auto-backup', resourceName: '*', arnFormat: ArnFormat.COLON_RESOURCE_NAME })],
        }),
        new iam.PolicyStatement({ actions: ['kms:DescribeKey', 'kms:CreateGrant'], resources: [this.encryptionKey.keyArn] }),
      ]),
      installLatestAwsSdk: false,
    });
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    acknowledgeFinding(replication, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:rds:${region}:${account}:auto-backup:*]`,
      'RDS names the replicated backups itself, so their ARN is not known in advance; the statement allows only starting and stopping the replication.');
    // aws-cdk-lib's one function for every AwsCustomResource of the stack, which runs only while CloudFormation deploys.
    const provider = stack.node.tryFindChild(AWS_CUSTOM_RESOURCE_FUNCTION);
    if (provider) {
      acknowledgeFinding(provider, 'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
        'The AwsCustomResource function of aws-cdk-lib logs with the AWS-managed basic execution policy, which only lets it write its own logs.');
      acknowledgeFinding(provider, 'AwsSolutions-L1', 'aws-cdk-lib chooses the runtime of its AwsCustomResource function, which runs only during deployments.');
    }
    return replication;
  }

  private parameterGroup(source: SecondarySource): rds.IParameterGroup | undefined {
    if (!source.engine.parameterGroupFamily || Object.keys(source.parameters).length === 0) return undefined;
    return new rds.ParameterGroup(this, 'ParameterGroup', { engine: source.engine, parameters: source.parameters });
  }

  private subscribeToEvents(sourceType: 'db-cluster' | 'db-instance', sourceId: string): rds.CfnEventSubscription {
    const stack = Stack.of(this);
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
    return new rds.CfnEventSubscription(this, 'EventSubscription', {
      snsTopicArn: this.alarmTopic.topicArn,
      sourceType,
      sourceIds: [sourceId],
      eventCategories: sourceType === 'db-cluster'
        ? ['failover', 'failure', 'maintenance', 'notification']
        : ['availability', 'failover', 'failure', 'low storage', 'maintenance', 'recovery', 'read replica'],
      enabled: true,
    });
  }
}

const DEFAULT_PORT_REASON = 'Only clients let in through the security group of the copy may reach it; the port is the primary\'s, '
  + 'so that clients connect the same way in either Region.';

/** Creates the copy's alarms under `Alarms`, each notifying the topic on ALARM and OK. */
class AlarmFactory {
  public readonly alarms: cloudwatch.Alarm[] = [];
  private readonly scope: Construct;

  constructor(private readonly owner: Construct, private readonly topic: sns.ITopic) {
    this.scope = new Construct(owner, 'Alarms');
  }

  public add(id: string, metric: cloudwatch.Metric, threshold: number, operator: cloudwatch.ComparisonOperator, periods: number,
    description: string): void {
    const alarm = new cloudwatch.Alarm(this.scope, id, {
      metric,
      threshold,
      comparisonOperator: operator,
      evaluationPeriods: periods,
      datapointsToAlarm: periods,
      treatMissingData: cloudwatch.TreatMissingData.MISSING,
      alarmDescription: `${this.owner.node.path}: ${description}`,
    });
    this.alarms.push(notify(alarm, this.topic));
  }

  /** CPU and freeable memory of one instance, and its free storage when it has allocated storage. */
  public instanceAlarms(label: string, description: string, instanceId: string,
    t: ReplicatedDatabaseSecondaryProps['alarmThresholds'], allocatedStorage?: number): void {
    const metric = (metricName: string, statistic: string) => new cloudwatch.Metric({
      namespace: 'AWS/RDS', metricName, dimensionsMap: { DBInstanceIdentifier: instanceId }, statistic, period: ALARM_PERIOD,
    });
    const cpu = t?.cpuUtilizationPercent ?? DEFAULT_CPU_PERCENT;
    const memory = t?.freeableMemory ?? DEFAULT_FREEABLE_MEMORY;
    this.add(`${label}CPUUtilization`, metric('CPUUtilization', 'Average'), cpu, cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD, 3,
      `CPU of ${description} above ${cpu}% for 15 minutes: it cannot carry the primary's load after a failover.`);
    this.add(`${label}FreeableMemory`, metric('FreeableMemory', 'Minimum'), memory.toBytes({ rounding: SizeRoundingBehavior.FLOOR }),
      cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD, 3, `freeable memory of ${description} low for 15 minutes: it may swap or restart.`);
    if (allocatedStorage !== undefined && !Token.isUnresolved(allocatedStorage)) {
      this.add(`${label}FreeStorageSpace`, metric('FreeStorageSpace', 'Minimum'), Math.round(allocatedStorage * 1024 ** 3 * 0.1),
        cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD, 1, `free storage of ${description} below 10%: a full disk stops replication.`);
    }
  }
}
