import { App, Duration, Size, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import { checkWorkload } from '../../src/checks/engine';
import { JsonObject } from '../../src/checks/model/json';
import { Workload } from '../../src/checks/model/workload';
import {
  DatabaseTopology, ReplicatedDatabase, ReplicatedDatabaseProps, ReplicatedDatabaseSecondary, ReplicatedDatabaseSecondaryProps,
} from '../../src/patterns/replicated-database';
import { errorOf } from '../helpers/apps';
import { modelOf } from '../helpers/templates';

const ACCOUNT = '123456789012';
const PRIMARY = 'eu-west-1';
const STANDBY = 'eu-central-1';
const zones = (region: string) => ['a', 'b', 'c'].map(z => `${region}${z}`);
const CONTEXT = Object.fromEntries([PRIMARY, STANDBY, 'us-east-1'].map(r => [`availability-zones:account=${ACCOUNT}:region=${r}`, zones(r)]));

function vpc(stack: Stack): ec2.Vpc {
  return new ec2.Vpc(stack, 'Vpc', {
    maxAzs: 3,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
}

interface Built {
  app: App;
  primaryStack: Stack;
  standbyStack: Stack;
  primary: ReplicatedDatabase;
  secondary: ReplicatedDatabaseSecondary;
}

function build(primaryProps: Partial<ReplicatedDatabaseProps> = {}, secondaryProps: Partial<ReplicatedDatabaseSecondaryProps> = {}): Built {
  const app = new App({ context: CONTEXT });
  const primaryStack = new Stack(app, 'Primary', { env: { account: ACCOUNT, region: PRIMARY }, crossRegionReferences: true });
  const standbyStack = new Stack(app, 'Standby', { env: { account: ACCOUNT, region: STANDBY }, crossRegionReferences: true });
  const primary = new ReplicatedDatabase(primaryStack, 'Db', { vpc: vpc(primaryStack), secondaryRegions: [STANDBY], ...primaryProps });
  const secondary = new ReplicatedDatabaseSecondary(standbyStack, 'Db', { primary, vpc: vpc(standbyStack), ...secondaryProps });
  return { app, primaryStack, standbyStack, primary, secondary };
}

describe('ReplicatedDatabaseSecondary: VPC', () => {
  test('exposes the VPC of its Region, and places the copy in its isolated subnets', () => {
    const { secondary, standbyStack } = build();
    expect(secondary.vpc).toBe(standbyStack.node.findChild('Vpc'));
    const template = Template.fromStack(standbyStack);
    const isolated = Object.keys(template.findResources('AWS::EC2::Subnet')).filter(id => id.startsWith('Vpcdata')).sort().map(id => ({ Ref: id }));
    expect(isolated).toHaveLength(3);
    template.hasResourceProperties('AWS::RDS::DBSubnetGroup', { SubnetIds: isolated });
  });
});

describe('ReplicatedDatabase with secondaryRegions: the primary side', () => {
  test('an Aurora cluster becomes the source of a named global database, with deletion protection, and its secret is replicated', () => {
    const { primaryStack, primary } = build({ globalClusterIdentifier: 'orders' });
    const t = Template.fromStack(primaryStack);
    const clusterId = Object.keys(t.findResources('AWS::RDS::DBCluster'))[0];
    t.hasResourceProperties('AWS::RDS::GlobalCluster', {
      GlobalClusterIdentifier: 'orders',
      DeletionProtection: true,
      SourceDBClusterIdentifier: { 'Fn::Join': ['', Match.arrayWith([{ Ref: clusterId }])] },
    });
    t.hasResourceProperties('AWS::SecretsManager::Secret', { ReplicaRegions: [{ Region: STANDBY }] });
    expect(primary.globalClusterIdentifier).toBe('orders');
    expect(primary.secondaryRegions).toEqual([STANDBY]);
  });

  test('Aurora MySQL loses its default backtrack window, which global databases do not support', () => {
    const engine = rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_08_0 });
    const mysql = DatabaseTopology.auroraCluster({ engine });
    const { primaryStack } = build({ topology: mysql });
    Template.fromStack(primaryStack).hasResourceProperties('AWS::RDS::DBCluster', { BacktrackWindow: Match.absent() });
  });

  test('a derived global cluster identifier is a valid RDS identifier', () => {
    const { primary } = build();
    expect(primary.globalClusterIdentifier).toMatch(/^[a-z][a-z0-9]{0,62}$/);
  });

  test('a Multi-AZ DB instance creates no global database, and a database without secondaryRegions nothing at all', () => {
    const { primaryStack } = build({ topology: DatabaseTopology.multiAzInstance() });
    Template.fromStack(primaryStack).resourceCountIs('AWS::RDS::GlobalCluster', 0);
    const app = new App({ context: CONTEXT });
    const alone = new Stack(app, 'Alone', { env: { account: ACCOUNT, region: PRIMARY } });
    new ReplicatedDatabase(alone, 'Db', { vpc: vpc(alone) });
    const t = Template.fromStack(alone);
    t.resourceCountIs('AWS::RDS::GlobalCluster', 0);
    t.hasResourceProperties('AWS::SecretsManager::Secret', { ReplicaRegions: Match.absent() });
  });

  test('bad secondaryRegions and globalClusterIdentifier fail with one message naming the construct path and each property', () => {
    const message = errorOf(() => build({ secondaryRegions: [PRIMARY, 'mars', STANDBY, STANDBY], globalClusterIdentifier: '1-bad--name' }));
    expect(message).toMatch(/^ReplicatedDatabase at 'Primary\/Db' has invalid props:/);
    expect(message).toContain("secondaryRegions[0]: 'eu-west-1' is the database's own Region");
    expect(message).toContain("secondaryRegions[1]: 'mars' is not a Region name. Give a Region such as 'eu-central-1'.");
    expect(message).toContain("secondaryRegions[3]: 'eu-central-1' is given twice");
    expect(message).toContain("globalClusterIdentifier: '1-bad--name' is not a valid global cluster identifier");
  });

  test('a Multi-AZ DB cluster cannot be copied to another Region, and the message says what to use instead', () => {
    const message = errorOf(() => build({ topology: DatabaseTopology.multiAzCluster() }));
    expect(message).toContain('secondaryRegions: a Multi-AZ DB cluster cannot be copied to another Region');
    expect(message).toContain('Use DatabaseTopology.auroraCluster() (an Aurora global database, failover in minutes) or DatabaseTopology.multiAzInstance()');
  });

  test('a global database needs an engine version, a backtrack window is refused, and an identifier needs secondaryRegions', () => {
    const mysql = rds.DatabaseClusterEngine.auroraMysql({ version: rds.AuroraMysqlEngineVersion.VER_3_08_0 });
    expect(errorOf(() => build({ topology: DatabaseTopology.auroraCluster({ engine: mysql, backtrackWindow: Duration.hours(1) }) })))
      .toContain('topology.backtrackWindow: Aurora global databases, which secondaryRegions makes of the cluster, do not support backtracking');
    expect(errorOf(() => build({ topology: DatabaseTopology.auroraCluster({ engine: rds.DatabaseClusterEngine.AURORA_POSTGRESQL }) })))
      .toContain('topology.engine: has no version, and every cluster of a global database must run the same engine version');
    expect(errorOf(() => build({ secondaryRegions: [], globalClusterIdentifier: 'orders' })))
      .toContain('globalClusterIdentifier: is set, but without secondaryRegions there is no global database to name');
  });
});

describe('ReplicatedDatabaseSecondary: an Aurora global database secondary', () => {
  const { standbyStack, primary, secondary } = build();
  const t = Template.fromStack(standbyStack);

  test('joins the global database by name, with the primary\'s engine version, a key of its own Region and no master user', () => {
    t.resourceCountIs('AWS::RDS::DBCluster', 1);
    t.hasResourceProperties('AWS::RDS::DBCluster', {
      Engine: 'aurora-postgresql',
      EngineVersion: '17.5',
      GlobalClusterIdentifier: primary.globalClusterIdentifier,
      StorageEncrypted: true,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DbEncryptionKey'), 'Arn'] },
      DeletionProtection: true,
      MasterUsername: Match.absent(),
      MasterUserPassword: Match.absent(),
      DBClusterParameterGroupName: { Ref: Match.stringLikeRegexp('^DbParameterGroup') },
    });
    t.hasResourceProperties('AWS::RDS::DBClusterParameterGroup', { Parameters: { 'rds.force_ssl': '1' } });
    t.hasResource('AWS::RDS::DBCluster', { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    t.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('runs two instances in different zones, so that managed failover can promote one and the result is Multi-AZ', () => {
    const instances = Object.values(t.findResources('AWS::RDS::DBInstance')) as any[];
    expect(instances.map(i => i.Properties.AvailabilityZone)).toEqual(['eu-central-1a', 'eu-central-1b']);
    for (const i of instances) {
      expect(i.Properties).toMatchObject({ DBInstanceClass: 'db.r7g.large', PromotionTier: 0, PubliclyAccessible: false, EnablePerformanceInsights: true, MonitoringInterval: 60 });
    }
  });

  test('alarms on the replication lag behind the primary (AuroraGlobalDBReplicationLag over 1 s for 5 minutes) and on each instance', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', {
      MetricName: 'AuroraGlobalDBReplicationLag',
      Namespace: 'AWS/RDS',
      Dimensions: [{ Name: 'DBClusterIdentifier', Value: { Ref: Match.stringLikeRegexp('^DbCluster') } }],
      Statistic: 'Maximum',
      Threshold: 1000,
      EvaluationPeriods: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      AlarmActions: [{ Ref: Match.stringLikeRegexp('^DbAlarmTopic') }],
    });
    expect(secondary.alarms.map(a => a.node.id)).toEqual([
      'Instance1CPUUtilization', 'Instance1FreeableMemory', 'Instance2CPUUtilization', 'Instance2FreeableMemory', 'ReplicationLag',
    ]);
    t.hasResourceProperties('AWS::RDS::EventSubscription', { SourceType: 'db-cluster', EventCategories: Match.arrayWith(['failover', 'failure']) });
  });

  test('reads the primary\'s secret as replicated to this Region, and estimates the failover', () => {
    expect(Stack.of(secondary).resolve(secondary.secret.secretArn)).toBeDefined();
    expect(secondary.estimatedFailoverTime.toMinutes()).toBe(5);
    expect(secondary.estimatedDataLoss.toSeconds()).toBe(1);
    expect(secondary.writerEndpoint).toBeDefined();
  });

  test('its stack depends on the primary\'s, so that the global database exists first', () => {
    expect(standbyStack.dependencies.map(s => s.stackName)).toContain('Primary');
  });

  test('the two stacks are one workload in which the cluster survives a Region failure and no global database rule fires', () => {
    const app = build();
    const stacks = [app.primaryStack, app.standbyStack].map(s => modelOf(Template.fromStack(s).toJSON() as JsonObject, s.stackName, s.region));
    const result = checkWorkload(new Workload('w', stacks.map(model => ({ model }))));
    const findings = result.stacks.flatMap(s => s.findings).filter(f => f.ruleId.startsWith('HA-REGION'));
    expect(findings).toEqual([]);
  });
});

describe('ReplicatedDatabaseSecondary: a cross-Region read replica of a Multi-AZ DB instance', () => {
  const { standbyStack, secondary } = build({ topology: DatabaseTopology.multiAzInstance() });
  const t = Template.fromStack(standbyStack);

  test('is a Multi-AZ read replica of the primary\'s ARN, in its source Region, encrypted with a key of this Region', () => {
    t.hasResourceProperties('AWS::RDS::DBInstance', {
      SourceDBInstanceIdentifier: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp(`:rds:${PRIMARY}:${ACCOUNT}:db:`)])] },
      SourceRegion: PRIMARY,
      MultiAZ: true,
      StorageEncrypted: true,
      KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^DbEncryptionKey'), 'Arn'] },
      DeletionProtection: true,
      PubliclyAccessible: false,
    });
  });

  test('replicates the primary\'s automated backups to this Region with its key, from this Region', () => {
    t.hasResourceProperties('Custom::AWS', {
      Create: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('StartDBInstanceAutomatedBackupsReplication')])] },
      Delete: { 'Fn::Join': ['', Match.arrayWith([Match.stringLikeRegexp('StopDBInstanceAutomatedBackupsReplication')])] },
    });
    t.hasResourceProperties('AWS::IAM::Policy', {
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: ['rds:StartDBInstanceAutomatedBackupsReplication', 'rds:StopDBInstanceAutomatedBackupsReplication'] }),
          Match.objectLike({ Action: ['kms:DescribeKey', 'kms:CreateGrant'] }),
        ]),
      },
    });
    expect(secondary.backupReplication).toBeDefined();
  });

  test('alarms on ReplicaLag above 5 minutes and on the free storage', () => {
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'ReplicaLag', Threshold: 300, EvaluationPeriods: 5 });
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { MetricName: 'FreeStorageSpace' });
    expect(secondary.estimatedFailoverTime.toMinutes()).toBe(15);
  });

  test('replicateBackups: false leaves out the backup replication', () => {
    const { standbyStack: s } = build({ topology: DatabaseTopology.multiAzInstance() }, { replicateBackups: false });
    Template.fromStack(s).resourceCountIs('Custom::AWS', 0);
  });
});

describe('ReplicatedDatabaseSecondary: bad input', () => {
  test('every prop is checked, and one message names the construct path, each property and its fix', () => {
    const app = new App({ context: CONTEXT });
    const primaryStack = new Stack(app, 'Primary', { env: { account: ACCOUNT, region: PRIMARY }, crossRegionReferences: true });
    const standbyStack = new Stack(app, 'Standby', { env: { account: ACCOUNT, region: STANDBY }, crossRegionReferences: true });
    const primary = new ReplicatedDatabase(primaryStack, 'Db', { vpc: vpc(primaryStack), secondaryRegions: [STANDBY] });
    const message = errorOf(() => new ReplicatedDatabaseSecondary(standbyStack, 'Db', {
      primary,
      vpc: vpc(standbyStack),
      instances: 0,
      replicateBackups: true,
      backupRetention: Duration.days(40),
      encryptionKey: new kms.Key(primaryStack, 'OtherKey'),
      alarmThresholds: { replicationLag: Duration.seconds(0), cpuUtilizationPercent: 120, freeableMemory: Size.bytes(0) },
    }));
    expect(message.split('\n')).toEqual([
      "ReplicatedDatabaseSecondary at 'Standby/Db' has invalid props:",
      expect.stringMatching(/^ {2}- instances: 0 is not a number of instances from 1 to 16; a secondary without instances \(headless\) cannot be switched over or failed over to/),
      expect.stringMatching(/^ {2}- replicateBackups: replicates the automated backups of a Multi-AZ DB instance, but the primary is an Aurora cluster/),
      expect.stringMatching(/^ {2}- backupRetention: 40 days is not a whole number of days from 1 to 35/),
      expect.stringMatching(/^ {2}- encryptionKey: is a key of eu-west-1, but the copy in eu-central-1 can only be encrypted with a key of its own Region/),
      expect.stringMatching(/^ {2}- alarmThresholds.replicationLag: a lag of 0 is always in alarm/),
      expect.stringMatching(/^ {2}- alarmThresholds.cpuUtilizationPercent: 120 is outside 1-100/),
      expect.stringMatching(/^ {2}- alarmThresholds.freeableMemory: a threshold of 0 never alarms/),
    ]);
  });

  test('the Regions must differ, be listed by the primary, and pass references across Regions', () => {
    const app = new App({ context: CONTEXT });
    const primaryStack = new Stack(app, 'Primary', { env: { account: ACCOUNT, region: PRIMARY } });
    const sameRegion = new Stack(app, 'Same', { env: { account: ACCOUNT, region: PRIMARY } });
    const unlisted = new Stack(app, 'Unlisted', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const primary = new ReplicatedDatabase(primaryStack, 'Db', { vpc: vpc(primaryStack), secondaryRegions: [STANDBY] });
    expect(errorOf(() => new ReplicatedDatabaseSecondary(sameRegion, 'Db', { primary, vpc: vpc(sameRegion) })))
      .toContain('primary: is in eu-west-1, the Region of this secondary too');
    const message = errorOf(() => new ReplicatedDatabaseSecondary(unlisted, 'Db', { primary, vpc: vpc(unlisted) }));
    expect(message).toContain("primary: 'Primary/Db' does not list us-east-1 in its secondaryRegions");
    expect(message).toContain("Add 'us-east-1' to the primary's secondaryRegions.");
    expect(message).toContain('Set crossRegionReferences: true on stacks Primary and Unlisted.');
  });

  test('the copy goes in private subnets of two zones or more', () => {
    expect(errorOf(() => build({}, { vpcSubnets: { subnetType: ec2.SubnetType.PUBLIC } })))
      .toContain("ReplicatedDatabaseSecondary at 'Standby/Db' has invalid props:\n  - vpcSubnets: public subnets would give the database a route from the internet");
    expect(errorOf(() => build({}, { vpcSubnets: { subnetGroupName: 'data', availabilityZones: ['eu-central-1a'] } })))
      .toContain('vpcSubnets: the selected subnets span 1 Availability Zone, so the promoted copy would be in one zone. Select subnets in at least two zones.');
  });

  test('instances applies to Aurora only', () => {
    expect(errorOf(() => build({ topology: DatabaseTopology.multiAzInstance() }, { instances: 2 })))
      .toContain('instances: sets the instances of an Aurora secondary, but the primary is a Multi-AZ DB instance');
  });
});
