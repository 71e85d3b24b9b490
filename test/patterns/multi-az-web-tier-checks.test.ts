import { App, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { CURRENTLY_RECOMMENDED_FLAGS } from 'aws-cdk-lib/cx-api';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { MultiAzWebTier, MultiAzWebTierProps, WebTierCompute } from '../../src/patterns/multi-az-web-tier';
import { describeFromCdk, withCdkValidation } from '../helpers/cdk-version';
import { checkStack, summaryOf } from '../helpers/templates';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];
const ENV_CONTEXT = { [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: ZONES };
/** The feature flags `cdk init` writes into a new project's cdk.json. */
const NEW_PROJECT = { ...ENV_CONTEXT, ...CURRENTLY_RECOMMENDED_FLAGS };

type Variant = 'ec2' | 'fargate';

function compute(kind: Variant, scope?: Stack): WebTierCompute {
  if (kind === 'ec2') {
    return WebTierCompute.autoScaling({ instanceType: new ec2.InstanceType('t3.small'), machineImage: ec2.MachineImage.latestAmazonLinux2023() });
  }
  const image = scope
    ? ecs.ContainerImage.fromEcrRepository(ecr.Repository.fromRepositoryName(scope, 'Repo', 'web'), 'v1')
    : ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable');
  return WebTierCompute.fargate({ image });
}

/** How a test tier is set up. */
interface TierOptions {
  readonly env?: boolean;
  readonly https?: boolean;
  readonly ecr?: boolean;
  readonly props?: Partial<MultiAzWebTierProps>;
}

/** A stack holding one tier. */
function tierStack(app: App, id: string, kind: Variant, options: TierOptions = {}): Stack {
  const stackProps: StackProps = options.env ? { env: { account: ACCOUNT, region: REGION } } : {};
  const stack = new Stack(app, id, stackProps);
  new MultiAzWebTier(stack, 'Web', {
    compute: compute(kind, options.ecr ? stack : undefined),
    capacity: { needed: 4 },
    certificate: options.https ? acm.Certificate.fromCertificateArn(stack, 'Certificate', `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/abc`) : undefined,
    ...options.props,
  });
  return stack;
}

describe('the tier passes the cdk-ha checks with zero findings', () => {
  test.each([
    ['EC2, environment-agnostic (two zones)', 'ec2', false],
    ['Fargate, environment-agnostic (two zones)', 'fargate', false],
    ['EC2, account and Region with three zones', 'ec2', true],
    ['Fargate, account and Region with three zones', 'fargate', true],
  ] as Array<[string, Variant, boolean]>)('%s', (_name, kind, env) => {
    const stack = tierStack(new App({ context: ENV_CONTEXT }), 'Shop', kind, { env, https: env });
    expect(summaryOf(checkStack(stack))).toEqual([]);
  });

  test.each(['ec2', 'fargate'] as Variant[])('%s, with the feature flags of a new CDK project', kind => {
    const stack = tierStack(new App({ context: NEW_PROJECT }), 'Shop', kind, { env: true, https: true });
    expect(summaryOf(checkStack(stack))).toEqual([]);
  });

  test('in an imported VPC whose subnets come with their zones, zero findings as well', () => {
    const app = new App({ context: ENV_CONTEXT });
    const stack = new Stack(app, 'Shop', { env: { account: ACCOUNT, region: REGION } });
    const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
      vpcId: 'vpc-1234',
      vpcCidrBlock: '10.1.0.0/16',
      availabilityZones: ZONES,
      privateSubnetIds: ['subnet-a', 'subnet-b', 'subnet-c'],
    });
    new MultiAzWebTier(stack, 'Web', { compute: compute('ec2'), capacity: { needed: 2 }, vpc, internetFacing: false });
    // The template names the subnets by ID only; their zones come from the construct tree.
    expect(summaryOf(checkStack(stack))).toEqual([]);
  });
});

/** Every acknowledgement recorded under a scope, with its reason. */
function acknowledgements(scope: IConstruct): Array<{ path: string; id: string; reason: string }> {
  return scope.node.findAll().flatMap(c => c.node.metadata
    .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(m => Object.entries(m.data as Record<string, string>).map(([id, reason]) => ({ path: c.node.path, id: id.replace(/^annotation::/i, ''), reason }))));
}

describeFromCdk('2.258.0', 'the construct tree on the validation context', 'cdk-nag AwsSolutions', () => {
  test.each([
    ['EC2 with HTTPS in a known Region', 'ec2', { env: true, https: true }],
    ['EC2, internal, environment-agnostic', 'ec2', { props: { internetFacing: false } }],
    ['Fargate with HTTP only, environment-agnostic', 'fargate', {}],
    ['Fargate with an image from ECR and HTTPS', 'fargate', { env: true, https: true, ecr: true }],
    ['EC2 with the feature flags of a new CDK project', 'ec2', { env: true, https: true, flags: true }],
    ['Fargate with the feature flags of a new CDK project', 'fargate', { env: true, https: true, ecr: true, flags: true }],
  ] as Array<[string, Variant, TierOptions & { flags?: boolean }]>)('%s: no unacknowledged finding', (_name, kind, options) => {
    const app = new App({ context: options.flags ? NEW_PROJECT : ENV_CONTEXT });
    tierStack(app, 'Shop', kind, options);
    const nag = new AwsSolutionsChecks(app);
    Validations.of(app).addPlugins(nag);
    // The report lists what remains; on 2.276 synthesis also throws ValidationFailed if anything does.
    expect(nag.validateScope(app).violations.map(v => `${v.ruleName} ${v.violatingResources.map(r => r.constructPath).join(', ')}`)).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  test('the tier acknowledges only inherent findings, each with a written reason', () => {
    const app = new App({ context: ENV_CONTEXT });
    tierStack(app, 'Ec2', 'ec2', { env: true });
    tierStack(app, 'Fargate', 'fargate', { env: true, ecr: true });
    // aws-cdk-lib acknowledges some CloudFormation validator rules on its own constructs.
    const acks = acknowledgements(app).filter(a => !a.id.startsWith('CloudFormation-Validate::'));
    expect(acks.map(a => `${a.path} ${a.id}`).sort()).toEqual([
      'Ec2/Web/AutoScalingGroup AwsSolutions-AS3',
      'Ec2/Web/AutoScalingGroup AwsSolutions-EC26',
      'Ec2/Web/InstanceRole AwsSolutions-IAM5[Resource::*]',
      'Ec2/Web/LoadBalancer/SecurityGroup AwsSolutions-EC23',
      'Ec2/Web/LogBucket AwsSolutions-S1',
      'Fargate/Web/LoadBalancer/SecurityGroup AwsSolutions-EC23',
      'Fargate/Web/LogBucket AwsSolutions-S1',
      'Fargate/Web/TaskDefinition/ExecutionRole AwsSolutions-IAM5[Resource::*]',
    ]);
    for (const ack of acks) expect(ack.reason.length).toBeGreaterThan(80);
  });
});

describeFromCdk('2.262.0', 'the built-in CloudFormation validator', 'CloudFormation validation with the default rules', () => {
  withCdkValidation();

  test('both compute choices synthesize without a finding', () => {
    const app = new App({ context: { ...ENV_CONTEXT, '@aws-cdk/core:validateAgainstDefaultRules': true } });
    tierStack(app, 'Ec2', 'ec2', { env: true, https: true });
    tierStack(app, 'Fargate', 'fargate', {});
    expect(() => app.synth()).not.toThrow();
  }, 120_000);
});
