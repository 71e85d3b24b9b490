/**
 * The apps the benchmark synthesizes: stacks of web tiers, databases, tables, buckets, functions
 * and queues, sized to a target number of resources. Some resources fail checks on purpose, so
 * the checks have findings to report.
 *
 * Two shapes: `stacks`, where each stack has its own VPC and nothing links the stacks; and `linked`,
 * one workload of a network stack, application stacks that use its VPC (through exports and
 * imports), each with a nested stack for its functions and queues, and a monitoring stack whose
 * alarms watch the databases of the application stacks.
 */
import { App, Duration, NestedStack, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sqs from 'aws-cdk-lib/aws-sqs';

/** Resources one unit adds (measured by the benchmark, which prints the real totals). */
const RESOURCES_PER_UNIT = 26;
const RESOURCES_PER_STACK_BASE = 24;
/** The most resources one stack gets (CloudFormation allows 500); bigger apps get more stacks. */
const RESOURCES_PER_STACK = 450;

/** The app's shape: independent stacks, or stacks of one workload linked by references. */
export type Shape = 'stacks' | 'linked';

/** Where a unit of the linked shape puts its jobs (function and queue) and its alarms. */
interface Linked {
  readonly jobs: Stack;
  readonly monitoring: Stack;
}

/** One unit of workload: a web tier on Fargate, a database, a table, a bucket, a function and a queue. */
function addUnit(stack: Stack, vpc: ec2.IVpc, cluster: ecs.ICluster, i: number, linked?: Linked): void {
  const web = new ecsPatterns.ApplicationLoadBalancedFargateService(stack, `Web${i}`, {
    cluster,
    desiredCount: i % 3 === 0 ? 1 : 2,
    minHealthyPercent: 100,
    taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable') },
  });
  const db = new rds.DatabaseInstance(stack, `Db${i}`, {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
    vpc,
    multiAz: i % 2 === 0,
    removalPolicy: RemovalPolicy.SNAPSHOT,
  });
  db.connections.allowDefaultPortFrom(web.service);
  new dynamodb.Table(stack, `Table${i}`, {
    partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
    pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: i % 2 === 0 },
  });
  new s3.Bucket(stack, `Bucket${i}`, { versioned: true });
  const jobs = linked?.jobs ?? stack;
  const queue = new sqs.Queue(jobs, `Queue${i}`, { visibilityTimeout: Duration.seconds(60) });
  const fn = new lambda.Function(jobs, `Fn${i}`, {
    runtime: lambda.Runtime.NODEJS_20_X,
    handler: 'index.handler',
    code: lambda.Code.fromInline('exports.handler = async () => ({ statusCode: 200 });'),
    vpc,
  });
  queue.grantConsumeMessages(fn);
  if (linked) new cloudwatch.Alarm(linked.monitoring, `${stack.node.id}Db${i}Cpu`, { metric: db.metricCPUUtilization(), threshold: 90, evaluationPeriods: 3 });
}

/** Builds an app of about `resources` resources, in stacks of at most 450 (CloudFormation allows 500). */
export function buildWorkload(app: App, resources: number, shape: Shape = 'stacks'): Stack[] {
  const stacks: Stack[] = [];
  const stackCount = Math.max(1, Math.ceil(resources / RESOURCES_PER_STACK));
  const unitsPerStack = Math.max(1, Math.round((resources / stackCount - RESOURCES_PER_STACK_BASE) / RESOURCES_PER_UNIT));
  const network = shape === 'linked' ? new Stack(app, 'Network') : undefined;
  const shared = network ? new ec2.Vpc(network, 'Vpc', { maxAzs: 2 }) : undefined;
  const monitoring = network ? new Stack(app, 'Monitoring') : undefined;
  for (let s = 0; s < stackCount; s++) {
    const stack = new Stack(app, `Workload${s}`);
    const vpc = shared ?? new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: s % 2 === 0 ? 2 : 1 });
    const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
    const linked = monitoring ? { jobs: new NestedStack(stack, 'Jobs'), monitoring } : undefined;
    for (let i = 0; i < unitsPerStack; i++) addUnit(stack, vpc, cluster, i, linked);
    stacks.push(stack);
  }
  return [...(network ? [network] : []), ...stacks, ...(monitoring ? [monitoring] : [])];
}
