import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Stack } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { buildActivePassiveApp } from '../../examples/active-passive/app';
import { ResilienceObjectives, ResiliencePreset } from '../../src';
import { ActivePassivePair, FailoverEndpoint, StandbyMode } from '../../src/patterns/active-passive-pair';
import { MultiAzWebTier, WebTierCompute } from '../../src/patterns/multi-az-web-tier';
import { RegionSwitchPlan, RegionSwitchPlanProps } from '../../src/patterns/region-switch';
import { DatabaseTopology, ReplicatedDatabase, ReplicatedDatabaseSecondary } from '../../src/patterns/replicated-database';
import { errorOf } from '../helpers/apps';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'active-passive');
const CONTEXT = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'cdk.json'), 'utf-8')).context;
const ZONE = { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'example.com' };
const ACCOUNT = '123456789012';

/** The example's plan: a warm standby on Fargate and an Aurora global database. */
describe('RegionSwitchPlan of examples/active-passive', () => {
  const app = new App({ context: CONTEXT });
  const { primary, standby, dns } = buildActivePassiveApp(app, { account: ACCOUNT, zone: ZONE });
  const t = Template.fromStack(dns);
  const plan = dns.plan;
  const resolve = (x: unknown) => dns.resolve(x);

  test('switches between the pair\'s Regions, eu-west-1 primary, as one workflow that activates either Region', () => {
    t.resourceCountIs('AWS::ARCRegionSwitch::Plan', 1);
    t.hasResourceProperties('AWS::ARCRegionSwitch::Plan', {
      RecoveryApproach: 'activePassive',
      Regions: ['eu-west-1', 'eu-central-1'],
      PrimaryRegion: 'eu-west-1',
      Workflows: [Match.objectLike({ WorkflowTargetAction: 'activate', WorkflowTargetRegion: Match.absent() })],
    });
    expect([plan.primaryRegion, plan.standbyRegion]).toEqual(['eu-west-1', 'eu-central-1']);
  });

  test('scales the warm standby up, waits for a person, then switches the Aurora global database over (failover when ungraceful)', () => {
    expect(plan.steps).toEqual([
      { name: 'ScaleUpStandby', executionBlockType: 'ECSServiceScaling' },
      { name: 'ApproveDatabaseStep', executionBlockType: 'ManualApproval' },
      { name: 'SwitchDatabase', executionBlockType: 'AuroraGlobalDatabase' },
    ]);
    const steps = resolve(plan.plan.workflows)[0].steps;
    expect(steps[0].executionBlockConfiguration.ecsCapacityIncreaseConfig).toMatchObject({
      targetPercent: 100, capacityMonitoringApproach: 'sampledMaxInLast24Hours', timeoutMinutes: 60,
    });
    expect(steps[0].executionBlockConfiguration.ecsCapacityIncreaseConfig.services).toHaveLength(2);
    expect(steps[1].executionBlockConfiguration.executionApprovalConfig).toEqual({
      approvalRole: resolve(plan.approvalRole!.roleArn), timeoutMinutes: 60,
    });
    expect(steps[2].executionBlockConfiguration.globalAuroraConfig).toMatchObject({
      behavior: 'switchoverOnly',
      ungraceful: { ungraceful: 'failover' },
      globalClusterIdentifier: primary.database!.globalClusterIdentifier,
      timeoutMinutes: 60,
    });
    expect(steps[2].executionBlockConfiguration.globalAuroraConfig.databaseClusterArns).toHaveLength(2);
  });

  test('associates the pair\'s health check alarms and the replication lag alarm, named after the plan; the primary\'s starts the plan', () => {
    const props = resolve(plan.plan.associatedAlarms);
    expect(Object.keys(props).sort()).toEqual([`${plan.planName}-data-lag`, `${plan.planName}-primary-health`, `${plan.planName}-standby-health`]);
    expect(props[`${plan.planName}-primary-health`]).toEqual({ alarmType: 'trigger', resourceIdentifier: resolve(dns.pair.alarms[0].alarmArn) });
    expect(props[`${plan.planName}-standby-health`].alarmType).toBe('applicationHealth');
    t.hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `${plan.planName}-primary-health`, MetricName: 'HealthCheckStatus' });
    Template.fromStack(standby).hasResourceProperties('AWS::CloudWatch::Alarm', { AlarmName: `${plan.planName}-data-lag`, MetricName: 'AuroraGlobalDBReplicationLag' });
    expect(resolve(plan.plan.triggers)).toEqual([{
      action: 'activate',
      targetRegion: 'eu-central-1',
      description: expect.stringContaining('failed its Route 53 health check'),
      conditions: [{ associatedAlarmName: `${plan.planName}-primary-health`, condition: 'red' }],
      minDelayMinutesBetweenExecutions: 60,
    }]);
  });

  test('takes the business-critical Region RTO, declared on the app, as its recovery time objective', () => {
    t.hasResourceProperties('AWS::ARCRegionSwitch::Plan', { RecoveryTimeObjectiveMinutes: 24 * 60 });
  });

  test('the execution role is assumed by Region switch only and may act on the steps\' resources only', () => {
    t.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'arc-region-switch.amazonaws.com' }, Action: 'sts:AssumeRole' })] },
    });
    const policies = Object.values(t.findResources('AWS::IAM::Policy')) as any[];
    const execution = policies.find(p => JSON.stringify(p.Properties.Roles).includes('RegionSwitchExecutionRole'))!;
    const statements = execution.Properties.PolicyDocument.Statement as any[];
    const byAction = (action: string) => statements.find(s => [s.Action].flat().includes(action));
    expect(byAction('ecs:UpdateService').Resource).toHaveLength(2);
    expect(byAction('ecs:DescribeClusters').Resource).toHaveLength(2);
    expect(byAction('rds:SwitchoverGlobalCluster').Action).toEqual(['rds:FailoverGlobalCluster', 'rds:SwitchoverGlobalCluster']);
    expect(byAction('rds:SwitchoverGlobalCluster').Resource).toHaveLength(3);
    expect(JSON.stringify(byAction('rds:SwitchoverGlobalCluster').Resource[0])).toContain(`:global-cluster:${primary.database!.globalClusterIdentifier}`);
    expect(byAction('cloudwatch:DescribeAlarms').Resource).toHaveLength(3);
    // Only the actions without resource-level permissions get '*'.
    const wildcard = statements.filter(s => s.Resource === '*').flatMap(s => [s.Action].flat()).sort();
    expect(wildcard).toEqual([
      'application-autoscaling:DescribeScalableTargets', 'application-autoscaling:RegisterScalableTarget', 'cloudwatch:GetMetricStatistics',
      'ecs:ListServices', 'rds:DescribeDBClusters', 'rds:DescribeGlobalClusters',
    ]);
  });

  test('the approval role is assumable in the account and may only approve steps of this plan', () => {
    t.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^RegionSwitchApprovalRole') }],
      PolicyDocument: {
        Statement: [{
          Effect: 'Allow',
          Action: ['arc-region-switch:ApprovePlanExecutionStep', 'arc-region-switch:GetPlanExecution', 'arc-region-switch:ListPlanExecutionEvents'],
          Resource: { 'Fn::Join': ['', Match.arrayWith([`:arc-region-switch::${ACCOUNT}:plan/${plan.planName}:*`])] },
        }],
      },
    });
  });
});

interface Setup {
  app: App;
  dnsStack: Stack;
  pair: ActivePassivePair;
  secondary?: ReplicatedDatabaseSecondary;
}

/** Two web tiers (Fargate or EC2) in eu-west-1 and eu-central-1, a pair in a stack of `dnsRegion`, optionally a Multi-AZ instance and its replica. */
function setup(options: {
  ec2?: boolean; mode?: StandbyMode; dnsRegion?: string; database?: 'instance' | 'aurora'; sameRegion?: boolean; secondaryRegions?: string[];
} = {}): Setup {
  const app = new App({ context: CONTEXT });
  const env = (region: string) => ({ account: ACCOUNT, region });
  const stackIn = (id: string, region: string) => new Stack(app, id, { env: env(region), crossRegionReferences: true });
  const primaryStack = stackIn('P', 'eu-west-1');
  const standbyStack = stackIn('S', options.sameRegion ? 'eu-west-1' : 'eu-central-1');
  const dnsStack = stackIn('D', options.dnsRegion ?? 'us-east-1');
  const compute = () => (options.ec2
    ? WebTierCompute.autoScaling({ instanceType: new ec2.InstanceType('m7g.large'), machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }) })
    : WebTierCompute.fargate({ image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable') }));
  const primaryTier = new MultiAzWebTier(primaryStack, 'Web', { compute: compute(), capacity: { needed: 4 } });
  const standbyTier = new MultiAzWebTier(standbyStack, 'Web', { compute: compute(), capacity: { needed: 2, maximum: primaryTier.maximumCapacity } });
  const pair = new ActivePassivePair(dnsStack, 'Site', {
    primary: FailoverEndpoint.webTier(primaryTier),
    standby: FailoverEndpoint.webTier(standbyTier),
    hostedZone: route53.HostedZone.fromHostedZoneAttributes(dnsStack, 'Zone', ZONE),
    recordName: 'www',
    standbyMode: options.mode ?? StandbyMode.WARM,
  });
  let secondary: ReplicatedDatabaseSecondary | undefined;
  if (options.database) {
    const topology = options.database === 'instance' ? DatabaseTopology.multiAzInstance() : DatabaseTopology.auroraCluster();
    const db = new ReplicatedDatabase(primaryStack, 'Db', { vpc: primaryTier.vpc, topology, secondaryRegions: options.secondaryRegions ?? ['eu-central-1'] });
    secondary = new ReplicatedDatabaseSecondary(standbyStack, 'Db', { primary: db, vpc: standbyTier.vpc });
  }
  return { app, dnsStack, pair, secondary };
}

describe('RegionSwitchPlan variants', () => {
  test('EC2 tiers scale with the EC2 Auto Scaling block; a read replica is promoted', () => {
    const { dnsStack, pair, secondary } = setup({ ec2: true, database: 'instance' });
    const plan = new RegionSwitchPlan(dnsStack, 'Plan', { pair, database: secondary, approveDatabaseStep: false });
    expect(plan.steps).toEqual([
      { name: 'ScaleUpStandby', executionBlockType: 'EC2AutoScaling' },
      { name: 'SwitchDatabase', executionBlockType: 'RdsPromoteReadReplica' },
    ]);
    const steps = dnsStack.resolve(plan.plan.workflows)[0].steps;
    expect(Object.keys(steps[1].executionBlockConfiguration.rdsPromoteReadReplicaConfig.dbInstanceArnMap)).toEqual(['eu-west-1', 'eu-central-1']);
    expect(steps[0].executionBlockConfiguration.ec2AsgCapacityIncreaseConfig.asgs).toHaveLength(2);
    expect(plan.approvalRole).toBeUndefined();
  });

  test('a hot standby needs no scaling, a plan without a database has only what the pair needs, and no trigger when asked', () => {
    const { dnsStack, pair } = setup({ mode: StandbyMode.HOT });
    const plan = new RegionSwitchPlan(dnsStack, 'Plan', { pair, executeOnPrimaryFailure: false, recoveryTimeObjective: Duration.minutes(30) });
    expect(plan.steps).toEqual([]);
    const t = Template.fromStack(dnsStack);
    t.hasResourceProperties('AWS::ARCRegionSwitch::Plan', { Triggers: Match.absent(), RecoveryTimeObjectiveMinutes: 30 });
    expect(Object.values(dnsStack.resolve(plan.plan.associatedAlarms)).map((a: any) => a.alarmType)).toEqual(['applicationHealth', 'applicationHealth']);
  });

  test('without declared objectives or recoveryTimeObjective, the plan has no recovery time objective', () => {
    const { dnsStack, pair } = setup();
    new RegionSwitchPlan(dnsStack, 'Plan', { pair });
    Template.fromStack(dnsStack).hasResourceProperties('AWS::ARCRegionSwitch::Plan', { RecoveryTimeObjectiveMinutes: Match.absent() });
  });

  test('objectives declared on the DNS stack after the plan still reach it (mission-critical: 60 minutes)', () => {
    const { dnsStack, pair } = setup();
    new RegionSwitchPlan(dnsStack, 'Plan', { pair });
    ResilienceObjectives.declare(dnsStack, { preset: ResiliencePreset.MISSION_CRITICAL });
    Template.fromStack(dnsStack).hasResourceProperties('AWS::ARCRegionSwitch::Plan', { RecoveryTimeObjectiveMinutes: 60 });
  });
});

describe('RegionSwitchPlan: bad input', () => {
  test('every new prop is checked, and one message names the construct path, each property and its fix', () => {
    const { dnsStack, pair } = setup();
    const message = errorOf(() => new RegionSwitchPlan(dnsStack, 'Plan', {
      pair,
      planName: '-not a name-',
      recoveryTimeObjective: Duration.seconds(90),
      approveDatabaseStep: true,
      approvalTimeout: Duration.seconds(0),
      minimumTimeBetweenExecutions: Duration.seconds(30),
    } as RegionSwitchPlanProps));
    expect(message.split('\n')).toEqual([
      "RegionSwitchPlan at 'D/Plan' has invalid props:",
      '  - approveDatabaseStep: is set, but without a database the plan has no database step to approve. Give database, or remove approveDatabaseStep.',
      "  - planName: '-not a name-' is not a plan name Region switch accepts. Use 1 to 32 letters, digits and hyphens, starting and ending with a letter or digit.",
      '  - recoveryTimeObjective: 1 minute 30 seconds is not a whole number of minutes of at least 1. Use whole minutes, at least Duration.minutes(1).',
      '  - approvalTimeout: 0 seconds is not a whole number of minutes of at least 1. Use whole minutes, at least Duration.minutes(1).',
      '  - minimumTimeBetweenExecutions: 30 seconds is not a whole number of minutes of at least 1. Use whole minutes, at least Duration.minutes(1).',
    ]);
  });

  test('the pair must have its alarms, web tiers in two Regions, and a database of those Regions', () => {
    const away = setup({ dnsRegion: 'eu-west-1' });
    expect(errorOf(() => new RegionSwitchPlan(away.dnsStack, 'Plan', { pair: away.pair })))
      .toContain('pair: has no health check alarms (its stack D is not in us-east-1)');
    const same = setup({ sameRegion: true });
    expect(errorOf(() => new RegionSwitchPlan(same.dnsStack, 'Plan', { pair: same.pair })))
      .toContain('pair: has both web tiers in eu-west-1, and a Region switch plan switches between two Regions');
    const other = setup({ database: 'aurora', secondaryRegions: ['eu-central-1', 'us-west-2'] });
    const elsewhere = new Stack(other.app, 'Elsewhere', { env: { account: ACCOUNT, region: 'us-west-2' }, crossRegionReferences: true });
    const db = other.secondary!.primary;
    const farCopy = new ReplicatedDatabaseSecondary(elsewhere, 'Db', { primary: db, vpc: new ec2.Vpc(elsewhere, 'Vpc') });
    expect(errorOf(() => new RegionSwitchPlan(other.dnsStack, 'Plan', { pair: other.pair, database: farCopy })))
      .toContain("database: is in us-west-2, but the pair's standby is in eu-central-1: the plan would make the data writable where no web tier reads it");
    const ec2AndFargate = setup({ database: 'aurora' });
    expect(errorOf(() => new RegionSwitchPlan(ec2AndFargate.dnsStack, 'Plan', { pair: ec2AndFargate.pair, database: ec2AndFargate.secondary }))).toBe('');
  });
});
