import { App, CfnParameter, Duration, Size, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  DatabaseTopology, DatabaseTopologyKind, ReplicatedDatabase, ReplicatedDatabaseProps,
} from '../../src/patterns/replicated-database';
import { checkStack, summaryOf } from '../helpers/templates';

const ACCOUNT = '123456789012';
const REGION = 'us-east-1';
const ZONES = ['us-east-1a', 'us-east-1b', 'us-east-1c'];

/** A stack in a known account and Region, so that its VPC can span three zones. */
function envStack(): Stack {
  const app = new App({ context: { [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: ZONES } });
  return new Stack(app, 'Stack', { env: { account: ACCOUNT, region: REGION } });
}

/** Public, private-with-egress (one NAT gateway per zone) and isolated subnets. */
function threeTierVpc(stack: Stack, maxAzs = 3): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    maxAzs,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
}

function database(props: Partial<ReplicatedDatabaseProps> = {}, stack = envStack()): { stack: Stack; db: ReplicatedDatabase; template: Template } {
  const vpc = props.vpc ?? threeTierVpc(stack);
  const db = new ReplicatedDatabase(stack, 'Db', { ...props, vpc });
  return { stack, db, template: Template.fromStack(stack) };
}

/** The properties of every resource of a type, by logical ID. */
function resourcesOf(template: Template, type: string): Record<string, any> {
  return template.findResources(type);
}

function isolatedSubnetRefs(template: Template): { Ref: string }[] {
  return Object.keys(resourcesOf(template, 'AWS::EC2::Subnet')).filter(id => id.startsWith('Vpcdata')).sort().map(id => ({ Ref: id }));
}

function appSubnetRefs(template: Template): string[] {
  return Object.keys(resourcesOf(template, 'AWS::EC2::Subnet')).filter(id => id.startsWith('Vpcapp')).sort();
}

function logicalId(template: Template, type: string, pattern: RegExp): string {
  const ids = Object.keys(resourcesOf(template, type)).filter(id => pattern.test(id));
  if (ids.length !== 1) throw new Error(`expected one ${type} matching ${pattern}, found ${ids.join(', ') || 'none'}`);
  return ids[0];
}

describe('ReplicatedDatabase: Aurora cluster (the default topology)', () => {
  const { stack, db, template } = database();
  const key = logicalId(template, 'AWS::KMS::Key', /^DbEncryptionKey/);
  const cluster = logicalId(template, 'AWS::RDS::DBCluster', /^DbCluster/);
  const topic = logicalId(template, 'AWS::SNS::Topic', /^DbAlarmTopic/);

  test('is an encrypted, deletion-protected Aurora PostgreSQL cluster with a week of backups, kept as a snapshot on delete', () => {
    expect(db.topology.kind).toBe(DatabaseTopologyKind.AURORA_CLUSTER);
    template.hasResource('AWS::RDS::DBCluster', {
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
      Properties: Match.objectLike({
        Engine: 'aurora-postgresql',
        EngineVersion: '17.5',
        StorageEncrypted: true,
        KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
        BackupRetentionPeriod: 7,
        DeletionProtection: true,
        CopyTagsToSnapshot: true,
        EnableIAMDatabaseAuthentication: true,
        EnableCloudwatchLogsExports: ['postgresql'],
        PerformanceInsightsEnabled: true,
        PerformanceInsightsKmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
        DBSubnetGroupName: { Ref: logicalId(template, 'AWS::RDS::DBSubnetGroup', /^DbSubnetGroup/) },
      }),
    });
    template.hasResource('AWS::KMS::Key', { DeletionPolicy: 'Retain', Properties: Match.objectLike({ EnableKeyRotation: true }) });
  });

  test('has a writer and a reader in different zones, the reader in the first promotion tier', () => {
    const instances = resourcesOf(template, 'AWS::RDS::DBInstance');
    expect(Object.keys(instances).sort()).toEqual([expect.stringMatching(/^DbClusterReader1/), expect.stringMatching(/^DbClusterWriter/)]);
    const writer = Object.entries(instances).find(([id]) => id.startsWith('DbClusterWriter'))![1].Properties;
    const reader = Object.entries(instances).find(([id]) => id.startsWith('DbClusterReader1'))![1].Properties;
    expect(writer.AvailabilityZone).toBe('us-east-1a');
    expect(reader.AvailabilityZone).toBe('us-east-1b');
    expect(reader.PromotionTier).toBe(0);
    expect(reader.DBInstanceClass).toBe(writer.DBInstanceClass);
    expect(writer.DBInstanceClass).toBe('db.r7g.large');
    for (const props of [writer, reader]) {
      expect(props).toMatchObject({
        DBClusterIdentifier: { Ref: cluster },
        PubliclyAccessible: false,
        EnablePerformanceInsights: true,
        PerformanceInsightsKMSKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
        MonitoringInterval: 60,
        MonitoringRoleArn: { 'Fn::GetAtt': [logicalId(template, 'AWS::IAM::Role', /^DbMonitoringRole/), 'Arn'] },
      });
    }
  });

  test('places the database and its proxy in the isolated subnets of every zone', () => {
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', { SubnetIds: isolatedSubnetRefs(template) });
    template.hasResourceProperties('AWS::RDS::DBProxy', { VpcSubnetIds: isolatedSubnetRefs(template) });
  });

  test('requires TLS in the cluster parameter group and at the proxy', () => {
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Family: 'aurora-postgresql17', Parameters: { 'rds.force_ssl': '1' } });
    template.hasResourceProperties('AWS::RDS::DBProxy', { RequireTLS: true, EngineFamily: 'POSTGRESQL' });
  });

  test('puts an RDS Proxy in front of the writer, with a read-only endpoint for the readers', () => {
    const secret = logicalId(template, 'AWS::SecretsManager::SecretTargetAttachment', /^DbSecretAttachment/);
    template.hasResourceProperties('AWS::RDS::DBProxy', { Auth: [Match.objectLike({ AuthScheme: 'SECRETS', SecretArn: { Ref: secret } })] });
    template.hasResourceProperties('AWS::RDS::DBProxyTargetGroup', { DBClusterIdentifiers: [{ Ref: cluster }] });
    template.hasResourceProperties('AWS::RDS::DBProxyEndpoint', { TargetRole: 'READ_ONLY' });
    const proxy = logicalId(template, 'AWS::RDS::DBProxy', /^DbProxy/);
    const endpoint = logicalId(template, 'AWS::RDS::DBProxyEndpoint', /^DbProxyReadOnlyEndpoint/);
    expect(stack.resolve(db.endpoint.hostname)).toEqual({ 'Fn::GetAtt': [proxy, 'Endpoint'] });
    expect(db.endpoint.port).toBe(5432);
    expect(stack.resolve(db.readerEndpoint!.hostname)).toEqual({ 'Fn::GetAtt': [endpoint, 'Endpoint'] });
    expect(stack.resolve(db.writerEndpoint.hostname)).toEqual({ 'Fn::GetAtt': [cluster, 'Endpoint.Address'] });
    expect(db.proxy).toBeDefined();
    expect(db.cluster).toBeDefined();
    expect(db.instance).toBeUndefined();
  });

  test('keeps the credentials in Secrets Manager, encrypted with the key and rotated every 30 days', () => {
    template.hasResourceProperties('AWS::SecretsManager::Secret', { KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
    // The rotation function reaches Secrets Manager through the NAT gateways of the private subnets.
    const app = template.findResources('AWS::Serverless::Application');
    const rotation = Object.values(app)[0].Properties.Parameters;
    expect(stack.resolve(rotation.vpcSubnetIds)).toEqual({ 'Fn::Join': ['', appSubnetRefs(template).flatMap((id, i) => (i ? [',', { Ref: id }] : [{ Ref: id }]))] });
  });

  test('admits only the proxy and the rotation function to the database, and clients only through `connections`', () => {
    const dbGroup = logicalId(template, 'AWS::EC2::SecurityGroup', /^DbSecurityGroup/);
    const proxyGroup = logicalId(template, 'AWS::EC2::SecurityGroup', /^DbProxySecurityGroup/);
    const rotationGroup = logicalId(template, 'AWS::EC2::SecurityGroup', /^DbRotationSecurityGroup/);
    const ingress = Object.values(resourcesOf(template, 'AWS::EC2::SecurityGroupIngress')).map(r => r.Properties)
      .filter(p => JSON.stringify(p.GroupId).includes(dbGroup));
    expect(ingress.map(p => p.SourceSecurityGroupId['Fn::GetAtt'][0]).sort()).toEqual([proxyGroup, rotationGroup].sort());
    // No security group of the construct allows all outbound traffic.
    for (const id of [dbGroup, proxyGroup, rotationGroup]) {
      expect(JSON.stringify(resourcesOf(template, 'AWS::EC2::SecurityGroup')[id].Properties.SecurityGroupEgress ?? []))
        .not.toContain('"IpProtocol":"-1"');
    }
  });

  test('alarms on CPU, memory, connections and local storage of every instance and on replica lag, all to the topic', () => {
    const alarms = resourcesOf(template, 'AWS::CloudWatch::Alarm');
    expect(Object.keys(alarms).map(id => id.replace(/^DbAlarms/, '').replace(/[0-9A-F]{8}$/, '')).sort()).toEqual([
      'ReaderCPUUtilization', 'ReaderDatabaseConnections', 'ReaderFreeLocalStorage', 'ReaderFreeableMemory',
      'ReplicaLag',
      'WriterCPUUtilization', 'WriterDatabaseConnections', 'WriterFreeLocalStorage', 'WriterFreeableMemory',
    ].map(id => id.replace(/^Reader/, 'Reader1')).sort());
    expect(db.alarms).toHaveLength(9);
    for (const alarm of Object.values(alarms)) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.OKActions).toEqual([{ Ref: topic }]);
      expect(alarm.Properties.Namespace).toBe('AWS/RDS');
    }
    const writer = logicalId(template, 'AWS::RDS::DBInstance', /^DbClusterWriter/);
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'CPUUtilization',
      Statistic: 'Average',
      Threshold: 80,
      EvaluationPeriods: 3,
      ComparisonOperator: 'GreaterThanThreshold',
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: { Ref: writer } }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'FreeableMemory',
      Statistic: 'Minimum',
      Threshold: 1024 ** 3,
      ComparisonOperator: 'LessThanThreshold',
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: { Ref: writer } }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'DatabaseConnections',
      Statistic: 'Maximum',
      Threshold: 500,
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: { Ref: writer } }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'FreeLocalStorage',
      Statistic: 'Minimum',
      Threshold: 2 * 1024 ** 3,
      Dimensions: [{ Name: 'DBInstanceIdentifier', Value: { Ref: writer } }],
    });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'AuroraReplicaLag',
      Statistic: 'Maximum',
      Threshold: 1000,
      Period: 60,
      EvaluationPeriods: 5,
      Dimensions: [{ Name: 'DBClusterIdentifier', Value: { Ref: cluster } }, { Name: 'Role', Value: 'READER' }],
    });
  });

  test('subscribes the topic to the cluster\'s failover and failure events, and lets RDS publish to the encrypted topic', () => {
    template.hasResourceProperties('AWS::RDS::EventSubscription', {
      SourceType: 'db-cluster',
      SourceIds: [{ Ref: cluster }],
      EventCategories: Match.arrayWith(['failover', 'failure']),
      SnsTopicArn: { Ref: topic },
      Enabled: true,
    });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: Match.arrayWith([Match.objectLike({ Effect: 'Allow', Principal: { Service: 'events.rds.amazonaws.com' }, Action: 'sns:Publish' })]) },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.rds.amazonaws.com' }, Action: ['kms:Decrypt', 'kms:GenerateDataKey*'] })]) },
    });
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
  });

  test('fails over in about 60 seconds', () => {
    expect(db.estimatedFailoverTime.toSeconds()).toBe(60);
  });

  test('passes every cdk-ha check', () => {
    expect(summaryOf(checkStack(stack))).toEqual([]);
  });
});

describe('ReplicatedDatabase: Aurora options', () => {
  test('spreads more readers round-robin over the zones of the subnets', () => {
    const { template } = database({ topology: DatabaseTopology.auroraCluster({ readers: 3 }) });
    const zones = Object.entries(resourcesOf(template, 'AWS::RDS::DBInstance'))
      .sort(([a], [b]) => a.localeCompare(b)).map(([id, r]) => `${id.replace(/[0-9A-F]{8}$/, '')} ${r.Properties.AvailabilityZone}`);
    expect(zones).toEqual(['DbClusterReader1 us-east-1b', 'DbClusterReader2 us-east-1c', 'DbClusterReader3 us-east-1a', 'DbClusterWriter us-east-1a']);
  });

  test('in an environment-agnostic stack, pins the writer and the reader to the first two zones of the Region', () => {
    const stack = new Stack(new App(), 'Stack');
    const { template } = database({}, stack);
    const zones = Object.values(resourcesOf(template, 'AWS::RDS::DBInstance')).map(r => r.Properties.AvailabilityZone);
    expect(zones).toEqual(expect.arrayContaining([
      { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] },
      { 'Fn::Select': [1, { 'Fn::GetAZs': '' }] },
    ]));
    expect(summaryOf(checkStack(stack))).toEqual([]);
  });

  test('Aurora MySQL gets a backtrack window, all four log exports and require_secure_transport', () => {
    const { template, db } = database({
      topology: DatabaseTopology.auroraCluster({
        engine: rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_08_0 }),
      }),
    });
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-mysql',
      BacktrackWindow: 24 * 3600,
      EnableCloudwatchLogsExports: ['audit', 'error', 'general', 'slowquery'],
      EnableIAMDatabaseAuthentication: true,
    });
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Parameters: { require_secure_transport: 'ON' } });
    template.hasResourceProperties('AWS::RDS::DBProxy', { EngineFamily: 'MYSQL' });
    expect(db.endpoint.port).toBe(3306);
  });

  test('uses the given instance type for the writer and every reader', () => {
    const { template } = database({
      topology: DatabaseTopology.auroraCluster({ instanceType: ec2.InstanceType.of(ec2.InstanceClass.R8G, ec2.InstanceSize.XLARGE), readers: 2 }),
    });
    const classes = Object.values(resourcesOf(template, 'AWS::RDS::DBInstance')).map(r => r.Properties.DBInstanceClass);
    expect(classes).toEqual(['db.r8g.xlarge', 'db.r8g.xlarge', 'db.r8g.xlarge']);
  });
});

describe('ReplicatedDatabase: Multi-AZ DB instance', () => {
  const { stack, db, template } = database({ topology: DatabaseTopology.multiAzInstance() });
  const key = logicalId(template, 'AWS::KMS::Key', /^DbEncryptionKey/);
  const instance = logicalId(template, 'AWS::RDS::DBInstance', /^DbInstance/);
  const topic = logicalId(template, 'AWS::SNS::Topic', /^DbAlarmTopic/);

  test('is one Multi-AZ PostgreSQL instance: encrypted, deletion-protected, backed up, snapshotted on delete', () => {
    expect(db.topology.kind).toBe(DatabaseTopologyKind.MULTI_AZ_INSTANCE);
    expect(Object.keys(resourcesOf(template, 'AWS::RDS::DBInstance'))).toHaveLength(1);
    template.resourceCountIs('AWS::RDS::DBCluster', 0);
    template.hasResource('AWS::RDS::DBInstance', {
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
      Properties: Match.objectLike({
        Engine: 'postgres',
        EngineVersion: '17',
        MultiAZ: true,
        DBInstanceClass: 'db.m7g.large',
        StorageEncrypted: true,
        KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
        StorageType: 'gp3',
        AllocatedStorage: '100',
        MaxAllocatedStorage: 1000,
        BackupRetentionPeriod: 7,
        DeletionProtection: true,
        PubliclyAccessible: false,
        EnablePerformanceInsights: true,
        PerformanceInsightsKMSKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
        MonitoringInterval: 60,
        EnableCloudwatchLogsExports: ['postgresql', 'upgrade'],
        EnableIAMDatabaseAuthentication: true,
      }),
    });
    // RDS picks the zones of a Multi-AZ instance and its standby from the subnet group.
    expect(resourcesOf(template, 'AWS::RDS::DBInstance')[instance].Properties.AvailabilityZone).toBeUndefined();
    template.hasResourceProperties('AWS::RDS::DBParameterGroup', { Family: 'postgres17', Parameters: { 'rds.force_ssl': '1' } });
  });

  test('proxies the instance; its standby serves no reads, so there is no reader endpoint', () => {
    template.hasResourceProperties('AWS::RDS::DBProxyTargetGroup', { DBInstanceIdentifiers: [{ Ref: instance }] });
    template.resourceCountIs('AWS::RDS::DBProxyEndpoint', 0);
    expect(db.readerEndpoint).toBeUndefined();
    expect(db.instance).toBeDefined();
    expect(db.cluster).toBeUndefined();
  });

  test('rotates the credentials', () => {
    template.resourceCountIs('AWS::Serverless::Application', 1);
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
  });

  test('alarms on CPU, memory, connections and free storage (10% of the allocation), without replica lag', () => {
    const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map(r => r.Properties);
    expect(alarms.map(a => a.MetricName).sort()).toEqual(['CPUUtilization', 'DatabaseConnections', 'FreeStorageSpace', 'FreeableMemory']);
    for (const alarm of alarms) {
      expect(alarm.Dimensions).toEqual([{ Name: 'DBInstanceIdentifier', Value: { Ref: instance } }]);
      expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
    }
    expect(alarms.find(a => a.MetricName === 'FreeStorageSpace').Threshold).toBe(10 * 1024 ** 3);
  });

  test('subscribes to the instance\'s failover and failure events', () => {
    template.hasResourceProperties('AWS::RDS::EventSubscription', {
      SourceType: 'db-instance',
      SourceIds: [{ Ref: instance }],
      EventCategories: Match.arrayWith(['failover', 'failure']),
      SnsTopicArn: { Ref: topic },
    });
  });

  test('fails over in about 120 seconds', () => {
    expect(db.estimatedFailoverTime.toSeconds()).toBe(120);
  });

  test('passes every cdk-ha check', () => {
    expect(summaryOf(checkStack(stack))).toEqual([]);
  });
});

describe('ReplicatedDatabase: Multi-AZ DB cluster', () => {
  const { stack, db, template } = database({ topology: DatabaseTopology.multiAzCluster() });
  const key = logicalId(template, 'AWS::KMS::Key', /^DbEncryptionKey/);
  const cluster = logicalId(template, 'AWS::RDS::DBCluster', /^DbCluster/);
  const topic = logicalId(template, 'AWS::SNS::Topic', /^DbAlarmTopic/);

  test('is an encrypted, deletion-protected Multi-AZ DB cluster with provisioned gp3 storage, snapshotted on delete', () => {
    expect(db.topology.kind).toBe(DatabaseTopologyKind.MULTI_AZ_CLUSTER);
    template.resourceCountIs('AWS::RDS::DBInstance', 0);
    template.hasResource('AWS::RDS::DBCluster', {
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
      Properties: Match.objectLike({
        Engine: 'postgres',
        EngineVersion: '17.5',
        DBClusterInstanceClass: 'db.m6gd.large',
        AllocatedStorage: 400,
        StorageType: 'gp3',
        Iops: 12000,
        StorageEncrypted: true,
        KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
        BackupRetentionPeriod: 7,
        DeletionProtection: true,
        PubliclyAccessible: false,
        PerformanceInsightsEnabled: true,
        PerformanceInsightsKmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] },
        MonitoringInterval: 60,
        EnableCloudwatchLogsExports: ['postgresql'],
        EnableIAMDatabaseAuthentication: true,
        Port: 5432,
      }),
    });
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Family: 'postgres17', Parameters: { 'rds.force_ssl': '1' } });
  });

  test('spans the isolated subnets of three zones, as a Multi-AZ DB cluster needs', () => {
    expect(isolatedSubnetRefs(template)).toHaveLength(3);
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', { SubnetIds: isolatedSubnetRefs(template) });
  });

  test('proxies the cluster, with a read-only endpoint for the readable standbys', () => {
    template.hasResourceProperties('AWS::RDS::DBProxyTargetGroup', { DBClusterIdentifiers: [{ Ref: cluster }] });
    template.hasResourceProperties('AWS::RDS::DBProxyEndpoint', { TargetRole: 'READ_ONLY' });
    expect(stack.resolve(db.writerEndpoint.hostname)).toEqual({ 'Fn::GetAtt': [cluster, 'Endpoint.Address'] });
    expect(db.cluster).toBeDefined();
  });

  test('attaches and rotates the credentials, as for an Aurora cluster', () => {
    template.hasResourceProperties('AWS::SecretsManager::SecretTargetAttachment', { TargetType: 'AWS::RDS::DBCluster', TargetId: { Ref: cluster } });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(30 days)' } });
    template.resourceCountIs('AWS::Serverless::Application', 1);
  });

  test('alarms on the worst instance of the cluster and on the standbys\' replica lag', () => {
    const alarms = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm')).map(r => r.Properties);
    expect(alarms.map(a => `${a.MetricName} ${a.Statistic}`).sort()).toEqual([
      'CPUUtilization Maximum', 'DatabaseConnections Maximum', 'FreeStorageSpace Minimum', 'FreeableMemory Minimum', 'ReplicaLag Maximum',
    ]);
    for (const alarm of alarms) {
      expect(alarm.Dimensions).toEqual([{ Name: 'DBClusterIdentifier', Value: { Ref: cluster } }]);
      expect(alarm.AlarmActions).toEqual([{ Ref: topic }]);
    }
    expect(alarms.find(a => a.MetricName === 'ReplicaLag').Threshold).toBe(30);
    expect(alarms.find(a => a.MetricName === 'FreeStorageSpace').Threshold).toBe(40 * 1024 ** 3);
  });

  test('subscribes to the cluster\'s failover and failure events', () => {
    template.hasResourceProperties('AWS::RDS::EventSubscription', {
      SourceType: 'db-cluster', SourceIds: [{ Ref: cluster }], EventCategories: Match.arrayWith(['failover', 'failure']),
    });
  });

  test('fails over in about 35 seconds', () => {
    expect(db.estimatedFailoverTime.toSeconds()).toBe(35);
  });

  test('passes every cdk-ha check', () => {
    expect(summaryOf(checkStack(stack))).toEqual([]);
  });

  test('runs MySQL too, with io1 storage when IOPS are given', () => {
    const { template: mysql } = database({
      topology: DatabaseTopology.multiAzCluster({
        engine: rds.DatabaseInstanceEngine.mysql({ version: rds.MysqlEngineVersion.VER_8_4_5 }),
        storageType: rds.StorageType.IO1,
        allocatedStorage: 100,
        iops: 3000,
      }),
    });
    mysql.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'mysql', StorageType: 'io1', AllocatedStorage: 100, Iops: 3000, EnableCloudwatchLogsExports: ['error', 'general', 'slowquery'],
    });
    mysql.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Parameters: { require_secure_transport: 'ON' } });
  });
});

describe('ReplicatedDatabase: options', () => {
  test('without the proxy, clients reach the database itself through `connections`', () => {
    const { db, template, stack } = database({ enableProxy: false });
    template.resourceCountIs('AWS::RDS::DBProxy', 0);
    template.resourceCountIs('AWS::RDS::DBProxyEndpoint', 0);
    const cluster = logicalId(template, 'AWS::RDS::DBCluster', /^DbCluster/);
    expect(db.proxy).toBeUndefined();
    expect(stack.resolve(db.endpoint.hostname)).toEqual({ 'Fn::GetAtt': [cluster, 'Endpoint.Address'] });
    expect(stack.resolve(db.readerEndpoint!.hostname)).toEqual({ 'Fn::GetAtt': [cluster, 'ReadEndpoint.Address'] });
    expect(db.connections.securityGroups).toEqual([db.securityGroup]);
    expect(summaryOf(checkStack(stack))).toEqual([]);
  });

  test('`connections` lets a client tier in on the proxy\'s port, and the proxy in on the database\'s', () => {
    const stack = envStack();
    const vpc = threeTierVpc(stack);
    const db = new ReplicatedDatabase(stack, 'Db', { vpc, port: 6543 });
    const web = new ec2.SecurityGroup(stack, 'Web', { vpc });
    db.connections.allowDefaultPortFrom(web);
    const template = Template.fromStack(stack);
    const proxyGroup = logicalId(template, 'AWS::EC2::SecurityGroup', /^DbProxySecurityGroup/);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [proxyGroup, 'GroupId'] },
      FromPort: 5432,
      ToPort: 5432,
      SourceSecurityGroupId: { 'Fn::GetAtt': [logicalId(template, 'AWS::EC2::SecurityGroup', /^Web/), 'GroupId'] },
    });
    // CDK gives an Aurora cluster's connections the port of its endpoint.
    const cluster = logicalId(template, 'AWS::RDS::DBCluster', /^DbCluster/);
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      GroupId: { 'Fn::GetAtt': [logicalId(template, 'AWS::EC2::SecurityGroup', /^DbSecurityGroup/), 'GroupId'] },
      FromPort: { 'Fn::GetAtt': [cluster, 'Endpoint.Port'] },
      SourceSecurityGroupId: { 'Fn::GetAtt': [proxyGroup, 'GroupId'] },
    });
    template.hasResourceProperties('AWS::RDS::DBCluster', { Port: 6543 });
    expect(db.endpoint.port).toBe(5432);
  });

  test('uses a given key and topic instead of creating them, and lets RDS events publish to the topic', () => {
    const stack = envStack();
    const vpc = threeTierVpc(stack);
    const encryptionKey = new kms.Key(stack, 'Key', { enableKeyRotation: true });
    const alarmTopic = new sns.Topic(stack, 'Topic', { masterKey: new kms.Key(stack, 'TopicKey', { enableKeyRotation: true }) });
    const db = new ReplicatedDatabase(stack, 'Db', { vpc, encryptionKey, alarmTopic });
    const template = Template.fromStack(stack);
    expect(Object.keys(resourcesOf(template, 'AWS::KMS::Key')).sort()).toEqual([expect.stringMatching(/^Key/), expect.stringMatching(/^TopicKey/)]);
    expect(Object.keys(resourcesOf(template, 'AWS::SNS::Topic'))).toEqual([expect.stringMatching(/^Topic/)]);
    expect(db.alarmTopic).toBe(alarmTopic);
    expect(db.encryptionKey).toBe(encryptionKey);
    const key = logicalId(template, 'AWS::KMS::Key', /^Key/);
    template.hasResourceProperties('AWS::RDS::DBCluster', { KmsKeyId: { 'Fn::GetAtt': [key, 'Arn'] } });
    template.hasResourceProperties('AWS::SNS::TopicPolicy', {
      PolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'events.rds.amazonaws.com' } })] },
    });
    template.hasResourceProperties('AWS::KMS::Key', {
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({ Principal: { Service: 'events.rds.amazonaws.com' } })]) },
    });
    for (const alarm of Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm'))) {
      expect(alarm.Properties.AlarmActions).toEqual([{ Ref: logicalId(template, 'AWS::SNS::Topic', /^Topic/) }]);
    }
  });

  test('backup retention, rotation interval, monitoring, logs, parameters and alarm thresholds are configurable', () => {
    const { template } = database({
      backupRetention: Duration.days(14),
      preferredBackupWindow: '03:00-03:30',
      preferredMaintenanceWindow: 'sun:04:00-sun:04:30',
      secretRotationInterval: Duration.days(7),
      monitoringInterval: Duration.seconds(15),
      performanceInsightRetention: rds.PerformanceInsightRetention.MONTHS_1,
      cloudwatchLogsExports: ['postgresql', 'iam-db-auth-error'],
      parameters: { 'log_min_duration_statement': '1000', 'rds.force_ssl': '1' },
      databaseName: 'shop',
      username: 'shopadmin',
      alarmThresholds: {
        cpuUtilizationPercent: 70,
        freeableMemory: Size.mebibytes(512),
        databaseConnections: 900,
        freeStorage: Size.gibibytes(5),
        replicaLag: Duration.millis(500),
      },
    });
    template.hasResourceProperties('AWS::RDS::DBCluster', {
      BackupRetentionPeriod: 14,
      PreferredBackupWindow: '03:00-03:30',
      PreferredMaintenanceWindow: 'sun:04:00-sun:04:30',
      EnableCloudwatchLogsExports: ['postgresql', 'iam-db-auth-error'],
      DatabaseName: 'shop',
    });
    template.hasResourceProperties('AWS::RDS::DBInstance', { MonitoringInterval: 15, PerformanceInsightsRetentionPeriod: 31 });
    template.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Parameters: { 'log_min_duration_statement': '1000', 'rds.force_ssl': '1' } });
    template.hasResourceProperties('AWS::SecretsManager::RotationSchedule', { RotationRules: { ScheduleExpression: 'rate(7 days)' } });
    template.hasResourceProperties('AWS::SecretsManager::Secret', {
      GenerateSecretString: Match.objectLike({ SecretStringTemplate: '{"username":"shopadmin","dbname":"shop"}' }),
    });
    const thresholds = Object.values(resourcesOf(template, 'AWS::CloudWatch::Alarm'))
      .map(r => `${r.Properties.MetricName} ${r.Properties.Threshold}`).sort();
    expect([...new Set(thresholds)]).toEqual([
      'AuroraReplicaLag 500', 'CPUUtilization 70', 'DatabaseConnections 900', `FreeLocalStorage ${5 * 1024 ** 3}`, `FreeableMemory ${512 * 1024 ** 2}`,
    ]);
  });

  test('a VPC without private subnets with egress runs the rotation function in the database subnets, with a warning unless an endpoint is given', () => {
    const isolatedVpc = (stack: Stack) => new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 2, natGateways: 0, subnetConfiguration: [{ name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }],
    });
    const warned = new Stack(new App(), 'Warned');
    new ReplicatedDatabase(warned, 'Db', { vpc: isolatedVpc(warned) });
    Annotations.fromStack(warned).hasWarning('/Warned/Db', Match.stringLikeRegexp('rotation function runs in the database subnets.*\\[ack: @cdk-ha/patterns:rotationNeedsSecretsManagerEndpoint\\]'));

    const stack = new Stack(new App(), 'Stack');
    const vpc = isolatedVpc(stack);
    const endpoint = vpc.addInterfaceEndpoint('SecretsManager', { service: ec2.InterfaceVpcEndpointAwsService.SECRETS_MANAGER });
    new ReplicatedDatabase(stack, 'Db', { vpc, secretsManagerEndpoint: endpoint });
    Annotations.fromStack(stack).hasNoWarning('*', Match.anyValue());
    const template = Template.fromStack(stack);
    const rotation = Object.values(template.findResources('AWS::Serverless::Application'))[0].Properties.Parameters;
    expect(JSON.stringify(rotation.endpoint)).toContain(logicalId(template, 'AWS::EC2::VPCEndpoint', /^VpcSecretsManager/));
    expect(JSON.stringify(rotation.vpcSubnetIds)).toContain('Vpcdata');
    template.hasResourceProperties('AWS::EC2::SecurityGroupIngress', {
      FromPort: 443, SourceSecurityGroupId: { 'Fn::GetAtt': [logicalId(template, 'AWS::EC2::SecurityGroup', /^DbRotationSecurityGroup/), 'GroupId'] },
    });
    expect(summaryOf(checkStack(stack))).toEqual([]);
  });

  test('engines without a TLS parameter are warned about; engines RDS Proxy does not serve need the proxy off', () => {
    const stack = envStack();
    new ReplicatedDatabase(stack, 'Db', {
      vpc: threeTierVpc(stack),
      enableProxy: false,
      topology: DatabaseTopology.multiAzInstance({
        engine: rds.DatabaseInstanceEngine.oracleSe2({ version: rds.OracleEngineVersion.VER_19_0_0_0_2021_04_R1 }),
      }),
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Db', Match.stringLikeRegexp('oracle-se2 has no parameter that requires TLS.*\\[ack: @cdk-ha/patterns:tlsNotEnforced\\]'));
    Template.fromStack(stack).hasResourceProperties('AWS::RDS::DBInstance', { Engine: 'oracle-se2', MultiAZ: true, EnableCloudwatchLogsExports: ['alert', 'listener', 'trace'] });
  });

  test('log retention, when set, applies to every exported log of the Multi-AZ DB cluster', () => {
    const { template } = database({ topology: DatabaseTopology.multiAzCluster(), cloudwatchLogsRetention: logs.RetentionDays.ONE_MONTH });
    const cluster = logicalId(template, 'AWS::RDS::DBCluster', /^DbCluster/);
    template.hasResourceProperties('Custom::LogRetention', {
      RetentionInDays: 30,
      LogGroupName: { 'Fn::Join': ['', ['/aws/rds/cluster/', { Ref: cluster }, '/postgresql']] },
    });
  });

  test('an engine without a version gets no TLS parameter group, with a warning', () => {
    const stack = envStack();
    new ReplicatedDatabase(stack, 'Db', {
      vpc: threeTierVpc(stack),
      topology: DatabaseTopology.multiAzInstance({ engine: rds.DatabaseInstanceEngine.POSTGRES }),
    });
    Annotations.fromStack(stack).hasWarning('/Stack/Db', Match.stringLikeRegexp('The engine has no version, so no parameter group can be created to require TLS'));
    Template.fromStack(stack).resourceCountIs('AWS::RDS::DBParameterGroup', 0);
  });

  test('values decided at deploy time (tokens) are passed through, not judged', () => {
    const stack = envStack();
    const days = Token.asNumber(new CfnParameter(stack, 'Days', { type: 'Number' }).valueAsNumber);
    const port = new CfnParameter(stack, 'Port', { type: 'Number' }).valueAsNumber;
    const storage = new CfnParameter(stack, 'Storage', { type: 'Number' }).valueAsNumber;
    new ReplicatedDatabase(stack, 'Db', {
      vpc: threeTierVpc(stack),
      backupRetention: Duration.days(days),
      port,
      topology: DatabaseTopology.multiAzInstance({ allocatedStorage: storage, maxAllocatedStorage: storage }),
      alarmThresholds: { cpuUtilizationPercent: new CfnParameter(stack, 'Cpu', { type: 'Number' }).valueAsNumber },
    });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::RDS::DBInstance', { BackupRetentionPeriod: { Ref: 'Days' }, Port: { Ref: 'Port' } });
    template.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'CPUUtilization', Threshold: { Ref: 'Cpu' } });
  });

  test('every child is created under the construct, with stable IDs', () => {
    const { db } = database();
    expect(db.node.children.map(c => c.node.id).sort()).toEqual([
      'AlarmTopic', 'AlarmTopicKey', 'Alarms', 'Cluster', 'EncryptionKey', 'EventSubscription', 'MonitoringRole', 'Proxy',
      'ProxyReadOnlyEndpoint', 'ProxySecurityGroup', 'RotationSecurityGroup', 'Secret', 'SecurityGroup', 'SubnetGroup',
    ]);
    expect(db.node.findChild('Cluster').node.findChild('Writer')).toBeDefined();
    expect(db.node.findChild('Cluster').node.findChild('Reader1')).toBeDefined();
  });
});

describe('ReplicatedDatabase: bad input', () => {
  /** The message of the error thrown while building a database with these props. */
  function problemWith(props: Partial<ReplicatedDatabaseProps>, stack = envStack()): string {
    try {
      database(props, stack);
    } catch (e) {
      return (e as Error).message;
    }
    throw new Error('expected an error');
  }

  test('an Aurora cluster without readers', () => {
    expect(problemWith({ topology: DatabaseTopology.auroraCluster({ readers: 0 }) })).toBe(
      'ReplicatedDatabase at \'Stack/Db\' has invalid props:\n'
      + '  - topology.readers: 0 readers cannot fail over: Aurora needs at least one reader in another Availability Zone to promote. '
      + 'Use from 1 to 15 readers (DatabaseTopology.auroraCluster({ readers: 1 })), or choose DatabaseTopology.multiAzInstance().');
  });

  test('too many readers, or a number decided at deploy time', () => {
    expect(problemWith({ topology: DatabaseTopology.auroraCluster({ readers: 16 }) })).toMatch(/topology\.readers: 16 readers cannot fail over/);
    const stack = envStack();
    const readers = new CfnParameter(stack, 'Readers', { type: 'Number' }).valueAsNumber;
    expect(problemWith({ topology: DatabaseTopology.auroraCluster({ readers }) }, stack))
      .toMatch(/topology\.readers: the number of readers decides how many instances to create, so it must be known at synth time\. Use a number/);
  });

  test('backup retention of 0 days or more than 35', () => {
    expect(problemWith({ backupRetention: Duration.days(0) })).toBe(
      'ReplicatedDatabase at \'Stack/Db\' has invalid props:\n'
      + '  - backupRetention: 0 days is not a whole number of days from 1 to 35. '
      + 'Keep automated backups from 1 to 35 days (Duration.days(7) is the default); 0 would turn off backups and point-in-time recovery.');
    expect(problemWith({ backupRetention: Duration.days(36) })).toMatch(/backupRetention: 36 days is not a whole number of days from 1 to 35/);
    expect(problemWith({ backupRetention: Duration.hours(36) })).toMatch(/backupRetention: 1 day 12 hours is not a whole number of days/);
  });

  test('subnets in fewer than two zones', () => {
    const stack = envStack();
    expect(problemWith({ vpc: threeTierVpc(stack, 1) }, stack)).toBe(
      'ReplicatedDatabase at \'Stack/Db\' has invalid props:\n'
      + '  - vpcSubnets: the selected subnets span 1 Availability Zone, but a standby or reader needs another zone (at least two). '
      + 'Select subnets in at least two zones (for example { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } in a VPC with maxAzs of 2 or more).');
  });

  test('a Multi-AZ DB cluster with subnets in two zones, as in an environment-agnostic stack', () => {
    expect(problemWith({ topology: DatabaseTopology.multiAzCluster() }, new Stack(new App(), 'Stack'))).toBe(
      'ReplicatedDatabase at \'Stack/Db\' has invalid props:\n'
      + '  - vpcSubnets: the selected subnets span 2 Availability Zones, but a standby or reader needs another zone (a Multi-AZ DB cluster needs three). '
      + 'Give the VPC subnets in three zones (an environment-agnostic stack has only two: set the stack\'s env), or choose DatabaseTopology.auroraCluster() or multiAzInstance().');
  });

  test('an engine that cannot be Multi-AZ: SQL Server Express', () => {
    const engine = rds.DatabaseInstanceEngine.sqlServerEx({ version: rds.SqlServerEngineVersion.VER_16 });
    expect(problemWith({ topology: DatabaseTopology.multiAzInstance({ engine }) })).toBe(
      'ReplicatedDatabase at \'Stack/Db\' has invalid props:\n'
      + '  - topology.engine: SQL Server Express (sqlserver-ex) cannot run Multi-AZ, so it has no standby to fail over to. '
      + 'Use SQL Server Standard, Enterprise or Web edition (rds.DatabaseInstanceEngine.sqlServerSe(...)), or another engine.');
  });

  test('an engine that cannot be a Multi-AZ DB cluster: MariaDB', () => {
    const engine = rds.DatabaseInstanceEngine.mariaDb({ version: rds.MariaDbEngineVersion.VER_10_11 });
    expect(problemWith({ topology: DatabaseTopology.multiAzCluster({ engine }) })).toMatch(
      /topology\.engine: mariadb cannot run as a Multi-AZ DB cluster\. Multi-AZ DB clusters run MySQL or PostgreSQL only: .* or DatabaseTopology\.multiAzInstance\(\) for mariadb\./);
  });

  test('an engine RDS Proxy does not serve, with the proxy on', () => {
    const engine = rds.DatabaseInstanceEngine.oracleSe2({ version: rds.OracleEngineVersion.VER_19_0_0_0_2021_04_R1 });
    expect(problemWith({ topology: DatabaseTopology.multiAzInstance({ engine }) })).toMatch(
      /- enableProxy: RDS Proxy does not support oracle-se2\. Set enableProxy: false \(clients then connect to the database endpoints and must retry across a failover\)/);
  });

  test('public subnets, or a VPC with nothing else', () => {
    expect(problemWith({ vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } })).toMatch(
      /- vpcSubnets: public subnets would give the database a route from the internet\. Select private subnets/);
    const stack = envStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { subnetConfiguration: [{ name: 'public', subnetType: ec2.SubnetType.PUBLIC }] });
    expect(problemWith({ vpc }, stack)).toMatch(/- vpc: the VPC has no isolated or private subnets, and a database must not be placed in public subnets\. Add PRIVATE_ISOLATED subnets/);
  });

  test('subnets that are public or that the VPC does not have', () => {
    const stack = envStack();
    const vpc = threeTierVpc(stack);
    expect(problemWith({ vpc, vpcSubnets: { subnets: [vpc.publicSubnets[0], vpc.isolatedSubnets[1]] } }, stack)).toMatch(
      /- vpcSubnets: the selection includes public subnets, which would give the database a route from the internet\. Select only private subnets\.$/);
    const other = envStack();
    expect(problemWith({ vpc: threeTierVpc(other), vpcSubnets: { subnetGroupName: 'database' } }, other)).toMatch(
      /- vpcSubnets: the selection matches no subnets of the VPC \(.*database.*\)\. Select subnet types or subnets that exist in the VPC\.$/);
  });

  test('storage limits of a Multi-AZ DB instance, and a backtrack window beyond 72 hours', () => {
    expect(problemWith({ topology: DatabaseTopology.multiAzInstance({ allocatedStorage: 500, maxAllocatedStorage: 200 }) })).toMatch(
      /- topology\.maxAllocatedStorage: 200 GiB is below the allocated 500 GiB\. Set maxAllocatedStorage at or above allocatedStorage\.$/);
    expect(problemWith({ topology: DatabaseTopology.multiAzInstance({ allocatedStorage: 10 }) })).toMatch(
      /- topology\.allocatedStorage: 10 is outside 20-65536\. Allocate from 20 to 65,536 GiB\.$/);
    const engine = rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_08_0 });
    expect(problemWith({ topology: DatabaseTopology.auroraCluster({ engine, backtrackWindow: Duration.hours(100) }) })).toMatch(
      /- topology\.backtrackWindow: 4 days 4 hours is longer than Aurora allows\. Use a window of up to 72 hours\.$/);
  });

  test('storage a Multi-AZ DB cluster cannot use', () => {
    expect(problemWith({ topology: DatabaseTopology.multiAzCluster({ storageType: rds.StorageType.IO2 }) }))
      .toMatch(/- topology\.iops: io2 storage needs provisioned IOPS\. Set iops/);
    expect(problemWith({ topology: DatabaseTopology.multiAzCluster({ storageType: rds.StorageType.GP2 }) }))
      .toMatch(/- topology\.storageType: Multi-AZ DB clusters do not support gp2 storage\. Use rds\.StorageType\.GP3, IO1 or IO2\./);
    expect(problemWith({ topology: DatabaseTopology.multiAzCluster({ allocatedStorage: 100 }) }))
      .toMatch(/- topology\.allocatedStorage: 100 GiB of gp3 cannot take provisioned IOPS, which CloudFormation requires for a Multi-AZ DB cluster\. Allocate at least 400 GiB/);
  });

  test('every problem is reported at once, in one error', () => {
    const message = problemWith({
      topology: DatabaseTopology.auroraCluster({ readers: 0 }),
      backupRetention: Duration.days(40),
      monitoringInterval: Duration.seconds(7),
      alarmThresholds: { cpuUtilizationPercent: 150 },
    });
    expect(message.split('\n')).toEqual([
      'ReplicatedDatabase at \'Stack/Db\' has invalid props:',
      expect.stringMatching(/^ {2}- topology\.readers: /),
      expect.stringMatching(/^ {2}- backupRetention: 40 days /),
      expect.stringMatching(/^ {2}- monitoringInterval: 7 seconds is not an Enhanced Monitoring interval\. Use one of 1, 5, 10, 15, 30, 60 seconds\.$/),
      expect.stringMatching(/^ {2}- alarmThresholds\.cpuUtilizationPercent: 150 is outside 1-100\. Use a percentage from 1 to 100\.$/),
    ]);
  });

  test('backtracking on Aurora PostgreSQL', () => {
    expect(problemWith({ topology: DatabaseTopology.auroraCluster({ backtrackWindow: Duration.hours(1) }) })).toMatch(
      /- topology\.backtrackWindow: aurora-postgresql has no backtracking\. Remove backtrackWindow/);
  });
});

describe('ReplicatedDatabase: VPC and subnets', () => {
  test('exposes the VPC it was given', () => {
    const stack = envStack();
    const vpc = threeTierVpc(stack);
    const { db } = database({ vpc }, stack);
    expect(db.vpc).toBe(vpc);
  });

  test('vpcSubnets places the database, its proxy and its subnet group in the selected subnets', () => {
    const { template } = database({ vpcSubnets: { subnetGroupName: 'app' } });
    const app = appSubnetRefs(template).map(id => ({ Ref: id }));
    expect(app).toHaveLength(3);
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', { SubnetIds: app });
    template.hasResourceProperties('AWS::RDS::DBProxy', { VpcSubnetIds: app });
  });

  test('vpcSubnets in one zone is rejected, naming the construct and the prop', () => {
    expect(() => database({ vpcSubnets: { subnetGroupName: 'data', availabilityZones: [ZONES[0]] } })).toThrow(
      'ReplicatedDatabase at \'Stack/Db\' has invalid props:\n'
      + '  - vpcSubnets: the selected subnets span 1 Availability Zone, but a standby or reader needs another zone (at least two). '
      + 'Select subnets in at least two zones (for example { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } in a VPC with maxAzs of 2 or more).');
  });
});
