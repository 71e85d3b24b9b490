import * as fs from 'fs';
import * as path from 'path';
import { App, CfnResource, Stack, Validations } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildActiveActiveApp } from '../../examples/active-active/app';
import { buildActivePassiveApp } from '../../examples/active-passive/app';
import { ActivePassivePair, FailoverEndpoint, StandbyMode } from '../../src/patterns/active-passive-pair';
import { MultiAzWebTier, WebTierCompute } from '../../src/patterns/multi-az-web-tier';
import { RegionSwitchPlan } from '../../src/patterns/region-switch';
import { DatabaseTopology, ReplicatedDatabase, ReplicatedDatabaseSecondary } from '../../src/patterns/replicated-database';
import { tempApp } from '../helpers/apps';
import { describeFromCdk } from '../helpers/cdk-version';

const ZONE = { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'example.com' };
const contextOf = (example: string) => JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'examples', example, 'cdk.json'), 'utf-8')).context;

/** A Multi-AZ DB instance with a cross-Region read replica and replicated backups, behind a pair with a plan that promotes the replica. */
function buildReplicaApp(app: App): void {
  const env = (region: string) => ({ account: '123456789012', region });
  const regionStack = (id: string, region: string) => {
    const stack = new Stack(app, id, { env: env(region), crossRegionReferences: true });
    const vpc = new ec2.Vpc(stack, 'Vpc', {
      maxAzs: 3,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED },
      ],
    });
    vpc.addFlowLog('FlowLog');
    const tier = new MultiAzWebTier(stack, 'Web', {
      vpc,
      computeSubnets: { subnetGroupName: 'app' },
      compute: WebTierCompute.fargate({ image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable') }),
      capacity: { needed: 2 },
    });
    return { stack, vpc, tier };
  };
  const primary = regionStack('Primary', 'eu-west-1');
  const standby = regionStack('Standby', 'eu-central-1');
  const db = new ReplicatedDatabase(primary.stack, 'Db', { vpc: primary.vpc, topology: DatabaseTopology.multiAzInstance(), secondaryRegions: ['eu-central-1'] });
  const copy = new ReplicatedDatabaseSecondary(standby.stack, 'Db', { primary: db, vpc: standby.vpc });
  const dns = new Stack(app, 'Dns', { env: env('us-east-1'), crossRegionReferences: true });
  const pair = new ActivePassivePair(dns, 'Site', {
    primary: FailoverEndpoint.webTier(primary.tier),
    standby: FailoverEndpoint.webTier(standby.tier),
    hostedZone: route53.HostedZone.fromHostedZoneAttributes(dns, 'Zone', ZONE),
    recordName: 'www',
    standbyMode: StandbyMode.HOT,
  });
  new RegionSwitchPlan(dns, 'Plan', { pair, database: copy });
}

const EXAMPLES: [string, (app: App) => unknown][] = [
  ['active-passive', app => buildActivePassiveApp(app, { account: '123456789012', zone: ZONE })],
  ['active-active', app => buildActiveActiveApp(app, { account: '123456789012', zone: ZONE })],
];
/** The examples, and an app with a cross-Region read replica (the example's context has its Regions' zones). */
const APPS: [string, string, (app: App) => unknown][] = [
  ...EXAMPLES.map(([name, build]) => [`examples/${name}`, name, build] as [string, string, (app: App) => unknown]),
  ['a cross-Region read replica and its plan', 'active-passive', buildReplicaApp],
];

describeFromCdk('2.258.0', 'the construct tree on the validation context', 'Multi-Region examples and cdk-nag AwsSolutions', () => {
  test.each(APPS)('%s leaves no AwsSolutions finding unacknowledged', (_name, example, build) => {
    const { app, cleanup } = tempApp({ context: contextOf(example) });
    try {
      build(app);
      const nag = new AwsSolutionsChecks(app);
      Validations.of(app).addPlugins(nag);
      expect(() => app.synth()).not.toThrow();
      const report = nag.validateScope(app);
      expect(report.violations.map(v => `${v.ruleName} ${v.violatingResources.map(r => r.constructPath).join(' ')}`)).toEqual([]);
    } finally {
      cleanup();
    }
  }, 120_000);
});

describeFromCdk('2.262.0', 'the built-in CloudFormation validator', 'Multi-Region examples and CloudFormation validation', () => {
  const saved = process.env.CDK_VALIDATION;
  beforeAll(() => { delete process.env.CDK_VALIDATION; });
  afterAll(() => {
    if (saved === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = saved;
  });

  test.each(APPS)('%s (the Region switch plan included) passes the default rules', (_name, example, build) => {
    const { app, cleanup } = tempApp({ context: { ...contextOf(example), '@aws-cdk/core:validateAgainstDefaultRules': true } });
    try {
      build(app);
      expect(() => app.synth()).not.toThrow();
    } finally {
      cleanup();
    }
  }, 120_000);

  test('the control: a Region switch plan the schema rejects fails', () => {
    const { app, cleanup } = tempApp({ context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
    try {
      new CfnResource(new Stack(app, 'Bad'), 'Plan', {
        type: 'AWS::ARCRegionSwitch::Plan',
        properties: { Name: 'p', ExecutionRole: 'arn:aws:iam::123456789012:role/r', RecoveryApproach: 'sideways', Regions: ['eu-west-1'], Workflows: [] },
      });
      expect(() => app.synth()).toThrow(/RecoveryApproach/);
    } finally {
      cleanup();
    }
  }, 120_000);
});
