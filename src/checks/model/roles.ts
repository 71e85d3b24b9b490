import { isObject, Json } from './json';
import type { Resource } from './template-model';
import { evaluate, linkedResources } from './values';
import type { Workload } from './workload';

/**
 * What a resource does for the workload, when the templates show it supports the workload rather
 * than serving its requests or holding its data:
 *
 * - `log-destination`: a bucket that receives logs (access logs of a load balancer, a bucket or a
 *   distribution, a trail, flow logs);
 * - `alarm-topic`: a topic that alarms or event subscriptions notify.
 */
export type SupportRole = 'log-destination' | 'alarm-topic';

/** Property names under which resources name where their logs go. */
const LOG_PROPERTY = /log/i;
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
      for (const raw of logDestinations(r)) mark(raw, r, 'AWS::S3::Bucket', 'log-destination');
    }
  }
  for (const [type, properties] of NOTIFY) {
    for (const r of workload.ofType(type)) {
      for (const property of properties) mark(r.properties[property], r, 'AWS::SNS::Topic', 'alarm-topic');
    }
  }
  return index;
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
