import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { ActivePassivePair, FailoverEndpoint } from '../../src/patterns/active-passive-pair';
import { DrillScenario, FailoverDrill, FailoverDrillProps } from '../../src/patterns/drills';
import { MultiAzWebTier, WebTierCompute } from '../../src/patterns/multi-az-web-tier';
import { DatabaseTopology, ReplicatedDatabase } from '../../src/patterns/replicated-database';
import { describeFromCdk, withCdkValidation } from '../helpers/cdk-version';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const CONTEXT = {
  [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: ZONES,
  [`availability-zones:account=${ACCOUNT}:region=us-east-1`]: ['us-east-1a', 'us-east-1b', 'us-east-1c'],
};

type Json = Record<string, any>;

function stack(region = REGION, app = new App({ context: CONTEXT })): Stack {
  return new Stack(app, `Workload${region.replace(/-/g, '')}`, { env: { account: ACCOUNT, region } });
}

function vpcOf(s: Stack): ec2.Vpc {
  return new ec2.Vpc(s, 'Vpc', {
    maxAzs: 3,
    subnetConfiguration: [
      { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
      { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
    ],
  });
}

function tier(s: Stack, vpc: ec2.IVpc, kind: 'ec2' | 'fargate', id = 'Web'): MultiAzWebTier {
  return new MultiAzWebTier(s, id, {
    vpc,
    computeSubnets: { subnetGroupName: 'app' },
    capacity: { needed: 2 },
    compute: kind === 'ec2'
      ? WebTierCompute.autoScaling({ instanceType: new ec2.InstanceType('t3.small'), machineImage: ec2.MachineImage.latestAmazonLinux2023() })
      : WebTierCompute.fargate({ image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable') }),
  });
}

function database(s: Stack, vpc: ec2.IVpc, topology?: DatabaseTopology): ReplicatedDatabase {
  return new ReplicatedDatabase(s, 'Database', { vpc, topology });
}

/** The one experiment template of a drill, with its role's policy statements. */
function experimentOf(s: Stack, drill: FailoverDrill): { template: Json; statements: Json[]; all: Template } {
  const all = Template.fromStack(s);
  const id = s.getLogicalId(drill.experimentTemplate);
  const template = all.toJSON().Resources[id].Properties;
  const roleId = s.getLogicalId(drill.role.node.defaultChild as any);
  const policies = Object.values(all.findResources('AWS::IAM::Policy')).filter((p: any) => JSON.stringify(p.Properties.Roles).includes(roleId));
  return { template, statements: policies.flatMap((p: any) => p.Properties.PolicyDocument.Statement), all };
}

/** The actions of a policy, sorted. */
function actionsOf(statements: Json[]): string[] {
  return [...new Set(statements.flatMap(st => ([] as string[]).concat(st.Action)))].sort();
}

/**
 * Every target of the experiment names something of the workload: each ARN refers to a resource of the
 * template, and each tag is set on a resource of the template (for Auto Scaling groups, propagated to
 * the instances they launch).
 */
function expectTargetsExist(all: Template, template: Json): void {
  const resources = all.toJSON().Resources as Record<string, Json>;
  for (const [name, target] of Object.entries(template.Targets as Record<string, Json>)) {
    for (const arn of target.ResourceArns ?? []) {
      const refs = JSON.stringify(arn).match(/"(Ref|Fn::GetAtt)":\s*(\["[^"]+"|"[^"]+")/g) ?? [];
      const ids = refs.map(r => r.replace(/^.*?\[?"(?=[^"]+"$)/, '').replace(/"$/, '')).filter(id => !id.startsWith('AWS::'));
      expect({ name, ids: ids.filter(id => !resources[id]) }).toEqual({ name, ids: [] });
      expect({ name, referencesSomething: ids.length > 0 }).toEqual({ name, referencesSomething: true });
    }
    for (const [key, value] of Object.entries(target.ResourceTags ?? {})) {
      const carries = (t: Json) => t.Key === key && t.Value === value && (target.ResourceType !== 'aws:ec2:instance' || t.PropagateAtLaunch === true);
      const tagged = Object.values(resources).filter(r => Array.isArray(r.Properties?.Tags) && r.Properties.Tags.some(carries));
      expect({ name, key, tagged: tagged.length > 0 }).toEqual({ name, key, tagged: true });
    }
    for (const [key, value] of Object.entries(target.Parameters ?? {})) {
      const id = JSON.stringify(value).match(/"Ref":"([^"]+)"|"Fn::GetAtt":\["([^"]+)"/);
      expect({ name, key, exists: !!id && !!resources[id[1] ?? id[2]] }).toEqual({ name, key, exists: true });
    }
    expect(Object.values(template.Actions as Record<string, Json>).some(a => Object.values(a.Targets ?? {}).includes(name))).toBe(true);
  }
}

describe('zone power interruption', () => {
  test('EC2 tier and Aurora database: AWS\'s scenario actions, their targets, stop conditions and a least-privilege role', () => {
    const s = stack();
    const vpc = vpcOf(s);
    const web = tier(s, vpc, 'ec2');
    const db = database(s, vpc);
    const drill = new FailoverDrill(s, 'ZoneDrill', { scenario: DrillScenario.zonePowerInterruption({ webTiers: [web], databases: [db] }) });
    const { template, statements, all } = experimentOf(s, drill);

    const actions = Object.entries(template.Actions as Record<string, Json>).map(([k, a]) => [k, [a.ActionId, a.Parameters ?? {}, a.Targets]]);
    expect(Object.fromEntries(actions)).toEqual({
      PauseLaunches: ['aws:ec2:asg-insufficient-instance-capacity-error', { availabilityZoneIdentifiers: 'eu-west-1a', duration: 'PT30M', percentage: '100' }, { AutoScalingGroups: 'Group' }],
      StopInstances: ['aws:ec2:stop-instances', { startInstancesAfterDuration: 'PT30M', completeIfInstancesTerminated: 'true' }, { Instances: 'Instances' }],
      PauseNetworkConnectivity: ['aws:network:disrupt-connectivity', { duration: 'PT2M', scope: 'all' }, { Subnets: 'Subnets' }],
      FailoverClusters: ['aws:rds:failover-db-cluster', {}, { Clusters: 'Clusters' }],
    });
    expect(template.Targets.Instances).toEqual({
      ResourceType: 'aws:ec2:instance',
      ResourceTags: { 'cdk-ha:component': s.resolve(web.node.path) },
      Filters: [{ Path: 'Placement.AvailabilityZone', Values: ['eu-west-1a'] }, { Path: 'State.Name', Values: ['running'] }],
      SelectionMode: 'ALL',
    });
    // The subnets of the zone: the tier's compute subnet and its load balancer's public subnet there, and the database's.
    expect(JSON.stringify(template.Targets.Subnets.ResourceArns)).toMatch(/VpcappSubnet1Subnet.*VpcpublicSubnet1Subnet.*VpcdataSubnet1Subnet/);
    expect(template.Targets.Subnets.ResourceArns).toHaveLength(3);
    expect(template.Targets.Clusters.ResourceArns).toHaveLength(1);
    expectTargetsExist(all, template);
    expect(template.ExperimentOptions).toEqual({ AccountTargeting: 'single-account', EmptyTargetResolutionMode: 'skip' });
    expect(template.Tags).toEqual({ 'Name': 'Workloadeuwest1/ZoneDrill', 'cdk-ha:exercises': 'instance,az' });
    expect(template.LogConfiguration).toEqual({ LogSchemaVersion: 2, CloudWatchLogsConfiguration: { LogGroupArn: { 'Fn::GetAtt': [expect.stringMatching(/^ZoneDrillLogs/), 'Arn'] } } });

    // Stop conditions: the tier's 5xx and latency alarms and the database's alarms but its replica lag, combined (FIS takes 5).
    expect(template.StopConditions).toEqual([{ Source: 'aws:cloudwatch:alarm', Value: { 'Fn::GetAtt': [expect.stringMatching(/^ZoneDrillStopCondition/), 'Arn'] } }]);
    expect(drill.stopConditionAlarms.map(a => a.node.id)).toEqual([
      'LoadBalancer5xxAlarm', 'TargetResponseTimeAlarm',
      ...['Writer', 'Reader1'].flatMap(l => ['CPUUtilization', 'FreeableMemory', 'DatabaseConnections', 'FreeLocalStorage'].map(m => `${l}${m}`)),
    ]);

    expect(actionsOf(statements)).toEqual([
      'autoscaling:DescribeAutoScalingGroups', 'ec2:CreateNetworkAcl', 'ec2:CreateNetworkAclEntry', 'ec2:CreateTags', 'ec2:DeleteNetworkAcl',
      'ec2:DescribeInstances', 'ec2:DescribeManagedPrefixLists', 'ec2:DescribeNetworkAcls', 'ec2:DescribeSubnets', 'ec2:DescribeVpcs',
      'ec2:GetManagedPrefixListEntries', 'ec2:InjectApiError', 'ec2:ReplaceNetworkAclAssociation', 'ec2:StartInstances', 'ec2:StopInstances',
      'logs:CreateLogDelivery', 'logs:DescribeLogGroups', 'logs:DescribeResourcePolicies', 'logs:PutResourcePolicy',
      'rds:DescribeDBClusters', 'rds:FailoverDBCluster', 'tag:GetResources',
    ]);
    // Every action that changes something is scoped to the drill's targets.
    const stop = statements.find(st => st.Sid === 'StopAndStartTaggedInstances')!;
    expect(stop.Condition).toEqual({ StringEquals: { 'aws:ResourceTag/cdk-ha:component': 'Workloadeuwest1/Web' } });
    expect(statements.find(st => st.Sid === 'FailLaunchesInTheZone')!.Condition)
      .toEqual({ 'ForAnyValue:StringEquals': { 'ec2:FisActionId': ['aws:ec2:asg-insufficient-instance-capacity-error'] } });
    expect(JSON.stringify(statements.find(st => st.Sid === 'FailOverTheClusters')!.Resource)).toMatch(/DatabaseCluster/);
    expect(statements.find(st => st.Sid === 'ChangeAndDeleteTheDrillNetworkAcl')!.Condition).toEqual({ StringEquals: { 'ec2:ResourceTag/managedByFIS': 'true' } });
    expect(JSON.stringify(statements.find(st => st.Sid === 'SwapTheSubnetsNetworkAcl')!.Resource)).toMatch(/VpcappSubnet1Subnet.*VpcpublicSubnet1Subnet/);
    all.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'fis.amazonaws.com' }, Condition: { StringEquals: { 'aws:SourceAccount': ACCOUNT } } }] },
    });
    // The group tags its instances, which the drill targets.
    all.hasResourceProperties('AWS::AutoScaling::AutoScalingGroup', { Tags: Match.arrayWith([{ Key: 'cdk-ha:component', Value: 'Workloadeuwest1/Web', PropagateAtLaunch: true }]) });
    all.resourceCountIs('AWS::Scheduler::Schedule', 0);
  });

  test('Fargate tier and a Multi-AZ DB instance: tasks in the zone stop, the instance fails over if its primary is there', () => {
    const s = stack();
    const vpc = vpcOf(s);
    const web = tier(s, vpc, 'fargate');
    const db = database(s, vpc, DatabaseTopology.multiAzInstance());
    const drill = new FailoverDrill(s, 'ZoneDrill', {
      scenario: DrillScenario.zonePowerInterruption({ webTiers: [web], databases: [db], zone: 'eu-west-1b', duration: Duration.hours(1) }),
    });
    const { template, statements, all } = experimentOf(s, drill);
    expect(Object.keys(template.Actions).sort()).toEqual(['FailoverInstances', 'PauseNetworkConnectivity', 'StopTasks']);
    expect(template.Targets.Tasks).toEqual({
      ResourceType: 'aws:ecs:task',
      Parameters: { cluster: { Ref: expect.stringMatching(/^WebCluster/) }, service: { 'Fn::GetAtt': [expect.stringMatching(/^WebService/), 'Name'] } },
      Filters: [{ Path: 'AvailabilityZone', Values: ['eu-west-1b'] }],
      SelectionMode: 'ALL',
    });
    expect(template.Actions.FailoverInstances).toEqual({
      ActionId: 'aws:rds:reboot-db-instances',
      Description: expect.any(String),
      Parameters: { forceFailover: 'true' },
      Targets: { DBInstances: 'DatabaseInstances' },
    });
    expect(template.Targets.DatabaseInstances.Filters).toEqual([{ Path: 'AvailabilityZone', Values: ['eu-west-1b'] }]);
    expectTargetsExist(all, template);
    expect(statements.find(st => st.Sid === 'StopTasksOfTheCluster')!.Condition).toEqual({ ArnEquals: { 'ecs:cluster': { 'Fn::GetAtt': [expect.stringMatching(/^WebCluster/), 'Arn'] } } });
    expect(actionsOf(statements)).toEqual(expect.arrayContaining(['ecs:StopTask', 'rds:RebootDBInstance']));
    expect(actionsOf(statements)).not.toContain('ec2:StopInstances');
  });

  test('two tiers: a target and an action of each, one statement per distinct permission, and nothing that starts the experiment', () => {
    const s = stack();
    const vpc = vpcOf(s);
    const drill = new FailoverDrill(s, 'ZoneDrill', {
      scenario: DrillScenario.zonePowerInterruption({ webTiers: [tier(s, vpc, 'ec2', 'Shop'), tier(s, vpc, 'ec2', 'Admin')], zone: 'eu-west-1b' }),
    });
    const { template, statements, all } = experimentOf(s, drill);
    expect(Object.keys(template.Actions).sort()).toEqual(['PauseLaunches1', 'PauseLaunches2', 'PauseNetworkConnectivity', 'StopInstances1', 'StopInstances2']);
    expect([template.Targets.Instances1.ResourceTags, template.Targets.Instances2.ResourceTags])
      .toEqual([{ 'cdk-ha:component': 'Workloadeuwest1/Shop' }, { 'cdk-ha:component': 'Workloadeuwest1/Admin' }]);
    expectTargetsExist(all, template);
    const sids = statements.map(st => st.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    expect(sids.filter(sid => sid.startsWith('StopAndStartTaggedInstances'))).toEqual(['StopAndStartTaggedInstances', 'StopAndStartTaggedInstances2']);
    // Synthesis and deployment create the template only: nothing refers to it, so nothing starts it.
    const templateId = s.getLogicalId(drill.experimentTemplate);
    const referrers = Object.entries(all.toJSON().Resources as Record<string, Json>).filter(([id, r]) => id !== templateId && JSON.stringify(r).includes(`"${templateId}"`));
    expect(referrers).toEqual([]);
  });

  test('an Aurora writer in another zone does not fail over', () => {
    const s = stack();
    const vpc = vpcOf(s);
    const drill = new FailoverDrill(s, 'ZoneDrill', {
      scenario: DrillScenario.zonePowerInterruption({ webTiers: [tier(s, vpc, 'ec2')], databases: [database(s, vpc)], zone: 'eu-west-1c' }),
    });
    expect(Object.keys(experimentOf(s, drill).template.Actions)).not.toContain('FailoverClusters');
  });

  test('in an environment-agnostic stack the zone is the first of the Region, as CloudFormation resolves it', () => {
    const s = new Stack(new App(), 'Agnostic');
    const web = tier(s, vpcOf(s), 'ec2');
    const drill = new FailoverDrill(s, 'ZoneDrill', { scenario: DrillScenario.webTierZoneLoss(web) });
    const { template, all } = experimentOf(s, drill);
    const firstZone = { 'Fn::Select': [0, { 'Fn::GetAZs': '' }] };
    expect(template.Targets.Instances.Filters[0]).toEqual({ Path: 'Placement.AvailabilityZone', Values: [firstZone] });
    expect(template.Actions.PauseLaunches.Parameters.availabilityZoneIdentifiers).toEqual(firstZone);
    // The compute and load balancer subnets of that zone.
    expect(template.Targets.Subnets.ResourceArns).toHaveLength(2);
    expectTargetsExist(all, template);
  });

  test('webTierZoneLoss is the scenario on one tier', () => {
    const s = stack();
    const web = tier(s, vpcOf(s), 'ec2');
    const drill = new FailoverDrill(s, 'Drill', { scenario: DrillScenario.webTierZoneLoss(web, { duration: Duration.minutes(10) }) });
    const { template } = experimentOf(s, drill);
    expect(Object.keys(template.Actions).sort()).toEqual(['PauseLaunches', 'PauseNetworkConnectivity', 'StopInstances']);
    expect(template.Actions.StopInstances.Parameters.startInstancesAfterDuration).toBe('PT10M');
  });
});

describe('database failover', () => {
  test.each([
    ['an Aurora cluster', undefined, 'aws:rds:failover-db-cluster', 'rds:FailoverDBCluster', 'Clusters'],
    ['a Multi-AZ DB instance', DatabaseTopology.multiAzInstance(), 'aws:rds:reboot-db-instances', 'rds:RebootDBInstance', 'DBInstances'],
  ] as const)('%s', (_name, topology, actionId, permission, targetKey) => {
    const s = stack();
    const db = database(s, vpcOf(s), topology);
    const drill = new FailoverDrill(s, 'Drill', { scenario: DrillScenario.databaseFailover(db) });
    const { template, statements, all } = experimentOf(s, drill);
    expect(Object.values(template.Actions).map((a: any) => [a.ActionId, Object.keys(a.Targets)[0]])).toEqual([[actionId, targetKey]]);
    expect(template.Tags['cdk-ha:exercises']).toBe('instance');
    expect(template.ExperimentOptions.EmptyTargetResolutionMode).toBe('fail');
    expectTargetsExist(all, template);
    const failover = statements.find(st => ([] as string[]).concat(st.Action).includes(permission))!;
    expect(JSON.stringify(failover.Resource)).toMatch(/Database/);
    expect(drill.stopConditionAlarms.map(a => a.node.id)).not.toContain('ReplicaLag');
  });
});

describe('primary endpoint loss', () => {
  function pairApp(pairRegion: string) {
    const app = new App({ context: CONTEXT });
    const primary = stack(REGION, app);
    const web = tier(primary, vpcOf(primary), 'ec2');
    const standbyStack = new Stack(app, 'Standby', { env: { account: ACCOUNT, region: REGION } });
    const standby = tier(standbyStack, vpcOf(standbyStack), 'ec2');
    const pairStack = pairRegion === REGION ? primary : new Stack(app, 'Dns', { env: { account: ACCOUNT, region: pairRegion }, crossRegionReferences: true });
    const pair = new ActivePassivePair(pairStack, 'Site', {
      primary: FailoverEndpoint.webTier(web),
      standby: FailoverEndpoint.webTier(standby),
      hostedZone: route53.HostedZone.fromHostedZoneAttributes(pairStack, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' }),
      recordName: 'www',
    });
    return { primary, web, pair };
  }

  test('the primary\'s load balancer subnets are cut off; it exercises the Region failover path', () => {
    const { primary, pair } = pairApp(REGION);
    const drill = new FailoverDrill(primary, 'PrimaryDrill', { scenario: DrillScenario.primaryEndpointLoss(pair), stopConditions: [] });
    const { template, all } = experimentOf(primary, drill);
    expect(Object.values(template.Actions)).toEqual([expect.objectContaining({
      ActionId: 'aws:network:disrupt-connectivity', Parameters: { duration: 'PT10M', scope: 'all' }, Targets: { Subnets: 'LoadBalancerSubnets' },
    })]);
    // The three public subnets of the load balancer, and no other.
    expect(template.Targets.LoadBalancerSubnets.ResourceArns).toHaveLength(3);
    expect(JSON.stringify(template.Targets.LoadBalancerSubnets.ResourceArns)).not.toMatch(/app/);
    expect(template.Tags['cdk-ha:exercises']).toBe('region');
    expectTargetsExist(all, template);
    // The pair is not in us-east-1 here, so it has no alarms, and nothing stops the drill: a warning says so.
    expect(drill.stopConditionAlarms).toEqual([]);
    expect(template.StopConditions).toEqual([{ Source: 'none' }]);
    Annotations.fromStack(primary).hasWarning('/Workloadeuwest1/PrimaryDrill', Match.stringLikeRegexp('drillWithoutStopCondition'));
  });

  test('in us-east-1, the alarm on the standby stops the drill; the primary\'s alarm, which the drill sets off, does not', () => {
    const app = new App({ context: CONTEXT });
    const primary = stack('us-east-1', app);
    const web = tier(primary, vpcOf(primary), 'ec2');
    const standbyStack = new Stack(app, 'Standby', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const pair = new ActivePassivePair(primary, 'Site', {
      primary: FailoverEndpoint.webTier(web),
      standby: FailoverEndpoint.webTier(tier(standbyStack, vpcOf(standbyStack), 'ec2')),
      hostedZone: route53.HostedZone.fromHostedZoneAttributes(primary, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' }),
      recordName: 'www',
    });
    const drill = new FailoverDrill(primary, 'PrimaryDrill', { scenario: DrillScenario.primaryEndpointLoss(pair) });
    expect(drill.stopConditionAlarms.map(a => a.node.id)).toEqual(['SecondaryUnhealthyAlarm']);
  });
});

describe('schedule, logs and stop conditions', () => {
  test('a schedule starts the experiment through EventBridge Scheduler, with a role that may only start it', () => {
    const s = stack();
    const db = database(s, vpcOf(s));
    const extra = new cloudwatch.Alarm(s, 'Errors', { metric: new cloudwatch.Metric({ namespace: 'App', metricName: 'Errors' }), threshold: 1, evaluationPeriods: 1 });
    const drill = new FailoverDrill(s, 'Drill', {
      scenario: DrillScenario.databaseFailover(db),
      useBuildingBlockAlarms: false,
      stopConditions: [extra],
      schedule: scheduler.ScheduleExpression.cron({ weekDay: 'TUE#1', hour: '10', minute: '0' }),
    });
    const { template, all } = experimentOf(s, drill);
    expect(template.StopConditions).toEqual([{ Source: 'aws:cloudwatch:alarm', Value: { 'Fn::GetAtt': [s.getLogicalId(extra.node.defaultChild as any), 'Arn'] } }]);
    const schedule = Object.values(all.findResources('AWS::Scheduler::Schedule'))[0].Properties;
    expect(schedule.ScheduleExpression).toBe('cron(0 10 ? * TUE#1 *)');
    expect(schedule.FlexibleTimeWindow).toEqual({ Mode: 'OFF' });
    expect(schedule.Target.Arn).toEqual({ 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':scheduler:::aws-sdk:fis:startExperiment']] });
    expect(JSON.stringify(schedule.Target.Input)).toMatch(/ExperimentTemplateId.*DrillTemplate.*ClientToken.*<aws.scheduler.execution-id>/);
    all.hasResourceProperties('AWS::IAM::Role', {
      AssumeRolePolicyDocument: { Statement: [{ Principal: { Service: 'scheduler.amazonaws.com' } }] },
      Policies: [{ PolicyDocument: { Statement: [{ Action: 'fis:StartExperiment', Resource: Match.anyValue() }] } }],
    });
  });

  test('without any alarm the drill warns, and its template says there is no stop condition', () => {
    const s = stack();
    const drill = new FailoverDrill(s, 'Drill', { scenario: DrillScenario.databaseFailover(database(s, vpcOf(s))), useBuildingBlockAlarms: false });
    expect(experimentOf(s, drill).template.StopConditions).toEqual([{ Source: 'none' }]);
    Annotations.fromStack(s).hasWarning('/Workloadeuwest1/Drill', Match.stringLikeRegexp('no alarm can stop the experiment'));
  });
});

describe('bad props', () => {
  function expectError(build: (s: Stack, vpc: ec2.Vpc) => FailoverDrillProps['scenario'], ...messages: RegExp[]) {
    const s = stack();
    const vpc = vpcOf(s);
    const scenario = build(s, vpc);
    let n = 0;
    const attempt = () => new FailoverDrill(s, `Drill${n++ || ''}`, { scenario });
    expect(attempt).toThrow(/^FailoverDrill at 'Workloadeuwest1\/Drill' has invalid props:/);
    for (const m of messages) expect(attempt).toThrow(m);
  }

  test('a zone drill over nothing', () => {
    expectError(() => DrillScenario.zonePowerInterruption({}), /names no web tier and no database, so the drill would disrupt nothing\. Give webTiers, databases or both\./);
  });

  test('a zone the tier is not in, and durations FIS does not accept', () => {
    expectError((s, vpc) => DrillScenario.zonePowerInterruption({
      webTiers: [tier(s, vpc, 'ec2')], zone: 'eu-west-1d', duration: Duration.hours(13), connectivityLoss: Duration.seconds(10),
    }),
    /zone: eu-west-1d is not a zone of web tier 'Workloadeuwest1\/Web' \(eu-west-1a, eu-west-1b, eu-west-1c\)/,
    /duration: 13 hours is outside what FIS accepts\. Use a duration from 1 minute to 12 hours\./,
    /connectivityLoss: 10 seconds is outside what FIS accepts/);
  });

  test('a Multi-AZ DB cluster in a zone drill, whose writer\'s zone RDS chooses', () => {
    expectError((s, vpc) => DrillScenario.zonePowerInterruption({ databases: [database(s, vpc, DatabaseTopology.multiAzCluster())] }),
      /databases: 'Workloadeuwest1\/Database' is a Multi-AZ DB cluster.*Drill its failover with DrillScenario\.databaseFailover\(db\) instead\./);
  });

  test('a pair whose primary is not a web tier', () => {
    expectError(s => new ActivePassivePair(s, 'Site', {
      primary: FailoverEndpoint.domainName('primary.example.net'),
      standby: FailoverEndpoint.domainName('standby.example.net'),
      hostedZone: route53.HostedZone.fromHostedZoneAttributes(s, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' }),
      recordName: 'www',
    }) && DrillScenario.primaryEndpointLoss(s.node.findChild('Site') as ActivePassivePair),
    /the primary of pair 'Workloadeuwest1\/Site' is not a MultiAzWebTier.*Make the primary FailoverEndpoint\.webTier\(tier\)/);
  });

  test('a building block in another Region', () => {
    const app = new App({ context: CONTEXT });
    const workload = stack(REGION, app);
    const db = database(workload, vpcOf(workload));
    const elsewhere = new Stack(app, 'Elsewhere', { env: { account: ACCOUNT, region: 'us-east-1' } });
    expect(() => new FailoverDrill(elsewhere, 'Drill', { scenario: DrillScenario.databaseFailover(db) }))
      .toThrow(/scenario: 'Workloadeuwest1\/Database' is in Region eu-west-1, but the drill is in us-east-1, and FIS experiments act in their own Region\. Create the drill in a stack of Region eu-west-1\./);
  });
});

describeFromCdk('2.262.0', 'the built-in CloudFormation validator', 'drills under CloudFormation validation', () => {
  withCdkValidation();

  test('a Fargate zone drill with a Multi-AZ instance, a scheduled failover and a pair\'s primary loss have no finding', () => {
    const app = new App({ context: { ...CONTEXT, '@aws-cdk/core:validateAgainstDefaultRules': true } });
    const s = stack('us-east-1', app);
    const vpc = vpcOf(s);
    const web = tier(s, vpc, 'fargate');
    const db = database(s, vpc, DatabaseTopology.multiAzInstance());
    new FailoverDrill(s, 'ZoneDrill', { scenario: DrillScenario.zonePowerInterruption({ webTiers: [web], databases: [db] }) });
    new FailoverDrill(s, 'DatabaseDrill', {
      scenario: DrillScenario.databaseFailover(db),
      schedule: scheduler.ScheduleExpression.rate(Duration.days(30)),
    });
    const standby = new Stack(app, 'Standby', { env: { account: ACCOUNT, region: 'us-east-1' } });
    const pair = new ActivePassivePair(s, 'Site', {
      primary: FailoverEndpoint.webTier(web),
      standby: FailoverEndpoint.webTier(tier(standby, vpcOf(standby), 'ec2')),
      hostedZone: route53.HostedZone.fromHostedZoneAttributes(s, 'Zone', { hostedZoneId: 'Z0123456789', zoneName: 'example.com' }),
      recordName: 'www',
    });
    new FailoverDrill(s, 'PrimaryDrill', { scenario: DrillScenario.primaryEndpointLoss(pair) });
    expect(() => app.synth()).not.toThrow();
  }, 120_000);
});
