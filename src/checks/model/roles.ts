import { isObject, Json } from './json';
import type { Resource, TemplateModel } from './template-model';
import { evaluate, linkedResources } from './values';
import type { Workload } from './workload';

/**
 * What a resource does for the workload, when the templates show it supports the workload (or its
 * deployment) rather than serving its requests or holding its data:
 *
 * - `log-destination`: a bucket that receives logs (access logs of a load balancer, a bucket or a
 *   distribution, a trail, flow logs);
 * - `alarm-topic`: a topic that alarms or event subscriptions notify;
 * - `pipeline-artifacts`: a CodePipeline artifact store, and the key that encrypts it: it holds what
 *   a pipeline run produces, rebuilt by the next run;
 * - `deployment-target`: a bucket that a CDK bucket deployment fills from the app's assets, which the
 *   next deployment writes again;
 * - `deployment-function`: a function that only runs while CloudFormation deploys the stack (a
 *   custom resource's handler, and the functions it calls);
 * - `lifecycle-hook-handler`: a function that Auto Scaling lifecycle notifications invoke (such as
 *   the draining hook of an ECS capacity provider): if it fails, the hook times out and the instance
 *   goes on with its lifecycle;
 * - `cdk-bootstrap`: a bucket, key or repository of a CDK bootstrap stack (the stack with the
 *   `/cdk-bootstrap/.../version` parameter), which holds the assets that deployments upload again.
 */
export type SupportRole = 'log-destination' | 'alarm-topic' | 'pipeline-artifacts' | 'deployment-target' | 'deployment-function'
| 'lifecycle-hook-handler' | 'cdk-bootstrap';

/** What each role is, for a rule that does not apply to it ("not applicable: <description>"). */
export const SUPPORT_ROLE_DESCRIPTIONS: Record<SupportRole, string> = {
  'log-destination': 'a log destination: it holds logs, not the workload\'s data',
  'alarm-topic': 'a topic for alarm notifications',
  'pipeline-artifacts': 'a pipeline\'s artifact store: the next pipeline run produces its content again',
  'deployment-target': 'the target of a CDK bucket deployment: the next deployment writes its content again',
  'deployment-function': 'a function that runs only while CloudFormation deploys the stack',
  'lifecycle-hook-handler': 'a handler of Auto Scaling lifecycle notifications: when it fails, the hook times out and the instance goes on',
  'cdk-bootstrap': 'a resource of the CDK bootstrap stack: deployments upload the assets it holds again',
};

/** Types that a CDK bootstrap stack holds assets in. */
const BOOTSTRAP_TYPES = new Set(['AWS::S3::Bucket', 'AWS::KMS::Key', 'AWS::ECR::Repository']);

/**
 * Property names under which resources name where their logs go: "Log" as a word of the name
 * (`LoggingConfiguration`, `AccessLoggingPolicy`, `LogDestination`, `LogUri`, `FlowLogsS3Bucket`),
 * not as letters of another word (`Catalog`, `LoginUrl`, an environment variable `CATALOG_BUCKET`).
 */
const LOG_PROPERTY = /Log(?:s|ging)?(?=[A-Z0-9]|$)/;
/**
 * Types whose large properties (policy documents, code, user data, definitions) name no bucket that
 * receives logs: their properties are not searched for one.
 */
const NO_LOG_BUCKET = new Set([
  'AWS::IAM::Policy', 'AWS::IAM::Role', 'AWS::IAM::ManagedPolicy', 'AWS::S3::BucketPolicy', 'AWS::Lambda::Function',
  'AWS::Lambda::Permission', 'AWS::EC2::LaunchTemplate', 'AWS::StepFunctions::StateMachine', 'AWS::CloudWatch::Dashboard',
  'AWS::CloudWatch::Alarm', 'AWS::SSM::Parameter', 'AWS::CloudFormation::Stack',
]);

/** Load balancer attributes that name a log bucket. */
const LOG_ATTRIBUTE = /^(access_logs|connection_logs|health_check_logs)\.s3\.bucket$/;
/** Properties that name a topic to notify. */
const NOTIFY: readonly (readonly [string, readonly string[]])[] = [
  ['AWS::CloudWatch::Alarm', ['AlarmActions', 'OKActions', 'InsufficientDataActions']],
  ['AWS::CloudWatch::CompositeAlarm', ['AlarmActions', 'OKActions', 'InsufficientDataActions']],
  ['AWS::RDS::EventSubscription', ['SnsTopicArn']],
  ['AWS::DocDB::EventSubscription', ['SnsTopicArn']],
  ['AWS::Neptune::EventSubscription', ['SnsTopicArn']],
  ['AWS::Redshift::EventSubscription', ['SnsTopicArn']],
  ['AWS::DMS::EventSubscription', ['SnsTopicArn']],
];

const roles = new WeakMap<Workload, Map<Resource, SupportRole>>();

/** The support role of a resource, found from what the other resources of its workload do with it. */
export function supportRoleOf(r: Resource): SupportRole | undefined {
  const workload = r.model.workload;
  let index = roles.get(workload);
  if (!index) roles.set(workload, index = indexRoles(workload));
  return index.get(r);
}

/** True for a resource that supports the workload (logs, alarm notifications) rather than serving or storing for it. */
export function isSupportResource(r: Resource): boolean {
  return supportRoleOf(r) !== undefined;
}

function indexRoles(workload: Workload): Map<Resource, SupportRole> {
  const index = new Map<Resource, SupportRole>();
  const mark = (raw: Json | undefined, from: Resource, type: string, role: SupportRole) => {
    for (const link of linkedResources(raw, from.model)) {
      const target = link.model.resource(link.logicalId);
      if (target?.type === type && target !== from && !index.has(target)) index.set(target, role);
    }
  };
  for (const model of workload.stacks) {
    for (const r of model.resources) {
      if (NO_LOG_BUCKET.has(r.type)) continue;
      for (const raw of logDestinations(r)) mark(raw, r, 'AWS::S3::Bucket', 'log-destination');
    }
  }
  for (const [type, properties] of NOTIFY) {
    for (const r of workload.ofType(type)) {
      for (const property of properties) mark(r.properties[property], r, 'AWS::SNS::Topic', 'alarm-topic');
    }
  }
  for (const pipeline of workload.ofType('AWS::CodePipeline::Pipeline')) {
    for (const store of artifactStores(pipeline)) {
      if (!isObject(store)) continue;
      mark(store.Location, pipeline, 'AWS::S3::Bucket', 'pipeline-artifacts');
      mark(store.EncryptionKey, pipeline, 'AWS::KMS::Key', 'pipeline-artifacts');
    }
  }
  for (const deployment of workload.ofType('Custom::CDKBucketDeployment')) {
    mark(deployment.properties.DestinationBucketName, deployment, 'AWS::S3::Bucket', 'deployment-target');
  }
  for (const fn of deploymentFunctions(workload)) if (!index.has(fn)) index.set(fn, 'deployment-function');
  for (const model of workload.stacks) {
    if (!isBootstrapStack(model)) continue;
    for (const r of model.resources) if (BOOTSTRAP_TYPES.has(r.type) && !index.has(r)) index.set(r, 'cdk-bootstrap');
  }
  for (const hook of workload.ofType('AWS::AutoScaling::LifecycleHook')) {
    for (const topic of linkedResources(hook.properties.NotificationTargetARN, hook.model)) {
      const target = topic.model.resource(topic.logicalId);
      if (target?.type !== 'AWS::SNS::Topic') continue;
      for (const subscription of target.model.topology.referrers('AWS::SNS::Subscription', 'TopicArn', target.logicalId)) {
        mark(subscription.properties.Endpoint, subscription, 'AWS::Lambda::Function', 'lifecycle-hook-handler');
      }
    }
  }
  return index;
}

/** A CDK bootstrap stack: it declares the SSM parameter that deployments read the bootstrap version from. */
function isBootstrapStack(model: TemplateModel): boolean {
  return model.ofType('AWS::SSM::Parameter').some(p => {
    const name = evaluate(p.properties.Name, model);
    if (name.kind === 'literal' && typeof name.value === 'string') return /^\/cdk-bootstrap\/[^/]+\/version$/.test(name.value);
    // The bootstrap template names it with Fn::Sub over its Qualifier parameter.
    return JSON.stringify(p.properties.Name ?? null).includes('/cdk-bootstrap/');
  });
}

/** The artifact stores of a pipeline: `ArtifactStore`, or one per Region in `ArtifactStores`. */
function artifactStores(pipeline: Resource): Json[] {
  const stores: Json[] = [pipeline.properties.ArtifactStore ?? null];
  const perRegion = pipeline.properties.ArtifactStores;
  if (Array.isArray(perRegion)) for (const entry of perRegion) if (isObject(entry)) stores.push(entry.ArtifactStore ?? null);
  return stores;
}

/**
 * Functions that only run while CloudFormation deploys the stack: custom resource handlers (named by
 * a `ServiceToken`) and the functions those handlers call (named in their environment, as CDK's
 * provider framework does).
 */
function deploymentFunctions(workload: Workload): Set<Resource> {
  const found = new Set<Resource>();
  const pending: Resource[] = [];
  const follow = (raw: Json | undefined, from: Resource) => {
    for (const link of linkedResources(raw, from.model)) {
      const r = link.model.resource(link.logicalId);
      if (r) pending.push(r);
    }
  };
  for (const model of workload.stacks) {
    for (const r of model.resources) {
      if (r.type.startsWith('Custom::') || r.type === 'AWS::CloudFormation::CustomResource') follow(r.properties.ServiceToken, r);
    }
  }
  while (pending.length) {
    const fn = pending.pop()!;
    if (fn.type !== 'AWS::Lambda::Function' || found.has(fn)) continue;
    found.add(fn);
    follow(fn.properties.Environment, fn);
  }
  return found;
}

/** The raw values under which a resource names where its logs go. */
function logDestinations(r: Resource): Json[] {
  const found: Json[] = [];
  if (r.type === 'AWS::CloudTrail::Trail') found.push(r.properties.S3BucketName ?? null);
  if (r.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer') {
    const attributes = r.properties.LoadBalancerAttributes;
    if (Array.isArray(attributes)) {
      for (const a of attributes) {
        if (!isObject(a)) continue;
        const key = evaluate(a.Key, r.model);
        if (key.kind === 'literal' && typeof key.value === 'string' && LOG_ATTRIBUTE.test(key.value)) found.push(a.Value ?? null);
      }
    }
  }
  const walk = (value: Json | undefined): void => {
    if (Array.isArray(value)) {value.forEach(walk);} else if (isObject(value)) {
      for (const [key, inner] of Object.entries(value)) {
        if (LOG_PROPERTY.test(key)) found.push(inner);
        else walk(inner);
      }
    }
  };
  walk(r.properties);
  return found;
}
