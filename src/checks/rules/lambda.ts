import { brief, isObject, scalarText } from '../model/json';
import { Resource, resourceOf } from '../model/template-model';
import { describeUndecided, intrinsicName, referencedResources } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { placementOf } from './placement';
import { configRule, decideSpread, fail, notApplicable, notForSupport, Outcome, PASS, Rule, RuleContext, undecided, unknown, WA } from './rule';

export const LAMBDA_MULTI_AZ: Rule = {
  id: 'HA-LAMBDA1',
  title: 'Lambda function in a VPC uses subnets in one Availability Zone',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::Lambda::Function'],
  explanation:
    'Outside a VPC, Lambda runs a function across the zones of the Region. Attached to a VPC, it runs only in the zones '
    + 'of the subnets it is given: with subnets in one zone, a zone failure stops every invocation.',
  flags: 'A function with `VpcConfig.SubnetIds` in fewer than two zones.',
  defaults: 'A function without `VpcConfig` is not attached to a VPC and is not flagged.',
  remediation: 'Give the function subnets in at least two Availability Zones (CDK: `vpcSubnets` selecting one subnet per zone).',
  references: [configRule('lambda-vpc-multi-az-check'), WA.REL10_BP01],
  evaluate(r, ctx) {
    if (!r.has('VpcConfig')) return notApplicable('not attached to a VPC');
    const placement = placementOf(r, ctx, [{ subnets: 'VpcConfig.SubnetIds' }]);
    if (!placement) return notApplicable('no subnets: not attached to a VPC');
    if ('undecided' in placement) return unknown(placement.property, `${placement.undecided}, so the zones of function ${r.logicalId} are decided at deploy time.`);
    if ('allZones' in placement) return notApplicable('not attached to subnets');
    if (placement.spread.max === 0) return notApplicable('no subnets: not attached to a VPC');
    return decideSpread(placement.spread, placement.property, `Lambda function ${r.logicalId}`,
      'a zone failure stops every invocation.');
  },
};

export const LAMBDA_CONCURRENCY_ZERO: Rule = {
  id: 'HA-LAMBDA2',
  title: 'Lambda function has a reserved concurrency of zero',
  severity: Severity.ERROR,
  category: RuleCategory.OVERLOAD,
  resourceTypes: ['AWS::Lambda::Function'],
  explanation:
    'Reserved concurrency caps how many instances of a function run at once. At 0, Lambda throttles every invocation: '
    + 'synchronous callers get errors, and asynchronous events and stream records wait and then go to a failure destination '
    + 'or are discarded. A value of 0 is sometimes used as an emergency switch; left in a template, it disables the function.',
  flags: 'A function with `ReservedConcurrentExecutions: 0`.',
  defaults: 'Without `ReservedConcurrentExecutions` a function shares the account\'s unreserved concurrency; that is not flagged, '
    + 'because reserving concurrency for every function takes capacity from the shared pool and is a trade-off, not a fault.',
  remediation: 'Remove `ReservedConcurrentExecutions` or set it to the concurrency the function needs (CDK: `reservedConcurrentExecutions`).',
  references: [
    configRule('lambda-concurrency-check'),
    { label: 'Configuring reserved concurrency for a function', url: 'https://docs.aws.amazon.com/lambda/latest/dg/configuration-concurrency.html' },
    WA.REL05_BP02,
  ],
  evaluate(r) {
    if (!r.has('ReservedConcurrentExecutions')) return PASS;
    const reserved = r.num('ReservedConcurrentExecutions');
    if (!reserved.known) return undecided('ReservedConcurrentExecutions', reserved);
    if (reserved.value > 0) return PASS;
    return fail('ReservedConcurrentExecutions', `Lambda function ${r.logicalId} has ReservedConcurrentExecutions 0: every invocation is throttled, so the function never runs.`);
  },
};

/** The services that invoke a function asynchronously, as the template shows them: the type, the property that names the function, a label. */
const ASYNC_SOURCES: readonly (readonly [string, string, string])[] = [
  ['AWS::SNS::Subscription', 'Endpoint', 'SNS subscription'],
  ['AWS::SNS::Topic', 'Subscription', 'SNS topic'],
  ['AWS::S3::Bucket', 'NotificationConfiguration', 'S3 event notifications of bucket'],
  ['Custom::S3BucketNotifications', 'NotificationConfiguration', 'S3 event notifications'],
  ['AWS::Events::Rule', 'Targets', 'EventBridge rule'],
  ['AWS::Scheduler::Schedule', 'Target', 'EventBridge Scheduler schedule'],
  ['AWS::Logs::SubscriptionFilter', 'DestinationArn', 'CloudWatch Logs subscription filter'],
  ['AWS::IoT::TopicRule', 'TopicRulePayload', 'IoT rule'],
];

/** The logical IDs a function is invoked by: the function, its aliases and its versions. */
function invocationIds(fn: Resource, ctx: RuleContext): string[] {
  return [
    fn.logicalId,
    ...ctx.topology.referrers('AWS::Lambda::Alias', 'FunctionName', fn.logicalId).map(a => a.logicalId),
    ...ctx.topology.referrers('AWS::Lambda::Version', 'FunctionName', fn.logicalId).map(v => v.logicalId),
  ];
}

/** A resource that invokes a function asynchronously, as the template shows it. */
interface AsyncInvoker {
  /** `label logicalId`, for messages. */
  readonly text: string;
  /** True for a schedule: its events carry no data beyond the time, and the next one comes anyway. */
  readonly scheduled: boolean;
  /** True when the invoker has its own dead-letter queue, which only catches events it cannot deliver. */
  readonly deliveryDlq: boolean;
}

/** The asynchronous invokers of a function in the template. */
function asyncInvokers(fn: Resource, ctx: RuleContext): AsyncInvoker[] {
  const found: AsyncInvoker[] = [];
  for (const id of invocationIds(fn, ctx)) {
    for (const [type, property, label] of ASYNC_SOURCES) {
      for (const source of ctx.topology.referrers(type, property, id)) {
        found.push({ text: `${label} ${source.logicalId}`, ...invokerTraits(source, id) });
      }
    }
  }
  return found;
}

function invokerTraits(source: Resource, id: string): { scheduled: boolean; deliveryDlq: boolean } {
  if (source.type === 'AWS::Scheduler::Schedule') return { scheduled: true, deliveryDlq: source.has('Target.DeadLetterConfig.Arn') };
  if (source.type === 'AWS::SNS::Subscription') return { scheduled: false, deliveryDlq: source.has('RedrivePolicy') };
  if (source.type !== 'AWS::Events::Rule') return { scheduled: false, deliveryDlq: false };
  const targets = source.properties.Targets;
  const target = Array.isArray(targets) ? targets.find(t => isObject(t) && referencedResources(t.Arn, source.model).has(id)) : undefined;
  return {
    scheduled: source.has('ScheduleExpression') && !source.has('EventPattern'),
    deliveryDlq: isObject(target) && isObject(target.DeadLetterConfig) && target.DeadLetterConfig.Arn !== undefined,
  };
}

/** Whether a condition (`Fn::If`) sits anywhere along a path into a raw value, so that it may remove what is at the end. */
function conditionalOnPath(raw: unknown, path: readonly string[]): boolean {
  let current = raw;
  if (intrinsicName(current) === 'Fn::If') return true;
  for (const step of path) {
    if (!isObject(current)) return false;
    current = current[step];
    if (intrinsicName(current) === 'Fn::If') return true;
  }
  return false;
}

/** How a function's failed asynchronous events are kept: a DLQ, an on-failure destination, neither, or undecided. */
function failureHandling(fn: Resource, ctx: RuleContext): Outcome | 'none' {
  const dlq = fn.value('DeadLetterConfig.TargetArn');
  if (dlq.kind !== 'absent') {
    const raw = fn.properties.DeadLetterConfig;
    if (dlq.kind === 'unknown' && conditionalOnPath(raw, ['TargetArn'])) {
      return unknown('DeadLetterConfig', `Whether function ${fn.logicalId} has a dead-letter queue depends on ${dlq.reason}.`);
    }
    return PASS;
  }
  const ids = new Set(invocationIds(fn, ctx));
  const name = fn.str('FunctionName');
  let undecidedConfig: string | undefined;
  for (const config of ctx.model.workload.ofType('AWS::Lambda::EventInvokeConfig')) {
    const target = config.value('FunctionName');
    let forThis: boolean | undefined;
    if (target.kind === 'reference') forThis = target.model === fn.model && ids.has(target.logicalId);
    else if (target.kind === 'literal') forThis = name.known && (scalarText(target.value) === name.value || (scalarText(target.value) ?? '').endsWith(`:function:${name.value}`));
    else forThis = undefined;
    if (forThis === false) continue;
    const destination = config.value('DestinationConfig.OnFailure.Destination');
    if (destination.kind === 'absent') continue;
    if (forThis === undefined) { undecidedConfig ??= `${config.logicalId} (its FunctionName is ${describeUndecided(target)})`; continue; }
    const raw = config.properties.DestinationConfig;
    if (destination.kind === 'unknown' && conditionalOnPath(raw, ['OnFailure', 'Destination'])) {
      return unknown('DestinationConfig', `Whether ${config.logicalId} sends failed events of ${fn.logicalId} to a destination depends on ${destination.reason}.`);
    }
    return PASS;
  }
  if (undecidedConfig) return unknown(undefined, `The on-failure destination of event invoke config ${undecidedConfig} may belong to function ${fn.logicalId}.`);
  return 'none';
}

export const LAMBDA_ASYNC_FAILURES: Rule = {
  id: 'HA-LAMBDA3',
  title: 'Asynchronously invoked Lambda function discards failed events',
  severity: Severity.WARNING,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::Lambda::Function'],
  explanation:
    'S3, SNS, EventBridge, EventBridge Scheduler, CloudWatch Logs and IoT invoke functions asynchronously: Lambda queues the '
    + 'event and retries a failing invocation twice. After that, or when the event is older than six hours, the event is '
    + 'dropped unless the function has a dead-letter queue or an on-failure destination. A bug or an outage of a dependency '
    + 'then loses the events silently, with nothing to replay once it is fixed.',
  flags: 'A function that the template shows being invoked asynchronously (an SNS subscription, S3 notification, EventBridge rule '
    + 'or schedule, Logs subscription filter or IoT rule naming it or its alias) with no `DeadLetterConfig.TargetArn` and no '
    + '`AWS::Lambda::EventInvokeConfig` with `DestinationConfig.OnFailure.Destination` for it; info when only schedules invoke it. '
    + 'Functions that only run during deployments (custom resource handlers and the functions they call) and handlers of Auto '
    + 'Scaling lifecycle notifications are not judged.',
  defaults: 'Lambda retries a failed asynchronous invocation 2 times and keeps events up to 6 hours; without a DLQ or destination they are discarded. '
    + 'A dead-letter configuration on the EventBridge target or the SNS subscription only catches delivery failures, not function errors, '
    + 'so it does not count. Functions with no asynchronous invoker in the template are not judged.',
  remediation: 'Give the function an on-failure destination (`AWS::Lambda::EventInvokeConfig` `DestinationConfig.OnFailure`; CDK: `onFailure: '
    + 'new destinations.SqsDestination(queue)`) or a dead-letter queue (`DeadLetterConfig.TargetArn`; CDK: `deadLetterQueueEnabled: true` '
    + 'or `deadLetterQueue`), and alarm on it.',
  references: [
    configRule('lambda-dlq-check'),
    { label: 'Handling errors for asynchronous invocations', url: 'https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html' },
    WA.REL05_BP04,
  ],
  evaluate(r, ctx) {
    const support = notForSupport(r, ['deployment-function', 'lifecycle-hook-handler']);
    if (support) return support;
    const invokers = asyncInvokers(r, ctx);
    if (!invokers.length) return notApplicable('no asynchronous invoker in the template');
    const handling = failureHandling(r, ctx);
    if (handling !== 'none') return handling;
    const by = invokers.map(i => i.text).join(', ');
    if (invokers.every(i => i.scheduled)) {
      return fail('DeadLetterConfig', `Lambda function ${r.logicalId} runs on ${by} with neither a dead-letter queue nor an on-failure `
        + 'destination: a run that still fails after two retries is dropped. A scheduled event carries nothing to replay and the next '
        + 'run comes anyway, so this is advice: alarm on the function\'s Errors to know of failed runs.', Severity.INFO);
    }
    const delivery = invokers.filter(i => i.deliveryDlq).map(i => i.text);
    return fail('DeadLetterConfig', `Lambda function ${r.logicalId} is invoked asynchronously by ${by} and has neither a dead-letter queue `
      + 'nor an on-failure destination: an event that still fails after two retries is discarded without a trace.'
      + (delivery.length ? ` The dead-letter queue of ${delivery.join(' and ')} does not catch these: it holds only events that could not be `
        + 'delivered to Lambda, and Lambda accepts every event before the function runs.' : ''));
  },
};

/** The kind of event source a mapping reads: a stream (records wait in order), a queue or broker, or undecided. */
function sourceKind(esm: Resource): { kind: 'stream' | 'other'; label: string } | { kind: 'unknown'; reason: string } {
  if (esm.has('SelfManagedEventSource')) return { kind: 'stream', label: 'self-managed Kafka' };
  const arn = esm.value('EventSourceArn');
  if (arn.kind === 'reference') {
    const type = resourceOf(arn)?.type ?? '';
    if (type === 'AWS::Kinesis::Stream') return { kind: 'stream', label: `Kinesis stream ${arn.logicalId}` };
    if (type.startsWith('AWS::DynamoDB::')) return { kind: 'stream', label: `the stream of table ${arn.logicalId}` };
    if (type.startsWith('AWS::MSK::')) return { kind: 'stream', label: `MSK cluster ${arn.logicalId}` };
    return { kind: 'other', label: arn.logicalId };
  }
  const text = arn.kind === 'literal' ? scalarText(arn.value) ?? brief(arn.value) : JSON.stringify(esm.properties.EventSourceArn ?? '');
  if (/:kinesis:/.test(text)) return { kind: 'stream', label: 'a Kinesis stream' };
  if (/:dynamodb:/.test(text)) return { kind: 'stream', label: 'a DynamoDB stream' };
  if (/:kafka:/.test(text)) return { kind: 'stream', label: 'an MSK cluster' };
  if (/:(sqs|mq|rds|docdb):/.test(text)) return { kind: 'other', label: 'a queue or broker' };
  // Only stream and Kafka sources take a starting position.
  if (esm.has('StartingPosition')) return { kind: 'stream', label: 'a stream' };
  if (arn.kind === 'literal') return { kind: 'other', label: scalarText(arn.value) ?? brief(arn.value) };
  return { kind: 'unknown', reason: `EventSourceArn is ${describeUndecided(arn)}` };
}

export const LAMBDA_STREAM_FAILURES: Rule = {
  id: 'HA-LAMBDA4',
  title: 'Stream event source mapping has no on-failure destination',
  severity: Severity.WARNING,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::Lambda::EventSourceMapping'],
  explanation:
    'For Kinesis, DynamoDB Streams and Kafka sources, Lambda processes each shard or partition in order. A batch that keeps '
    + 'failing is retried, by default until its records expire, and blocks every record behind it in that shard: processing '
    + 'stalls while the backlog grows. With a retry limit but no on-failure destination, the failed records are dropped without a trace.',
  flags: 'An event source mapping that reads a Kinesis stream, a DynamoDB stream or a Kafka topic and has no '
    + '`DestinationConfig.OnFailure.Destination`.',
  defaults: '`MaximumRetryAttempts` and `MaximumRecordAgeInSeconds` default to -1 (retry until the record expires). SQS, Amazon MQ '
    + 'and DocumentDB sources are not judged: queues keep failed messages for their own redrive policy.',
  remediation: 'Set `DestinationConfig.OnFailure.Destination` to an SQS queue, SNS topic (or, for Kafka, S3 bucket) and bound the retries with '
    + '`MaximumRetryAttempts`, `MaximumRecordAgeInSeconds` and `BisectBatchOnFunctionError` (CDK: `onFailure: new SqsDlq(queue)`, '
    + '`retryAttempts`, `maxRecordAge`, `bisectBatchOnError`).',
  references: [
    { label: 'Retaining discarded records for a stream event source', url: 'https://docs.aws.amazon.com/lambda/latest/dg/kinesis-on-failure-destination.html' },
    WA.REL05_BP04,
  ],
  evaluate(r) {
    const source = sourceKind(r);
    if (source.kind === 'unknown') return unknown('EventSourceArn', `${source.reason}, so whether the mapping reads a stream is decided at deploy time.`);
    if (source.kind === 'other') return notApplicable(`reads ${source.label}, not a stream`);
    const destination = r.value('DestinationConfig.OnFailure.Destination');
    if (destination.kind === 'literal' || destination.kind === 'reference') return PASS;
    if (destination.kind === 'unknown') {
      // A destination from a parameter or an import is still a destination; only a condition can remove it.
      if (!conditionalOnPath(r.properties.DestinationConfig, ['OnFailure', 'Destination'])) return PASS;
      return unknown('DestinationConfig.OnFailure.Destination', `Whether mapping ${r.logicalId} has an on-failure destination depends on ${destination.reason}.`);
    }
    const retries = r.num('MaximumRetryAttempts', -1);
    const bounded = retries.known && retries.value >= 0;
    return fail('DestinationConfig.OnFailure.Destination', `Event source mapping ${r.logicalId} reads ${source.label} with no on-failure destination: `
      + (bounded ? `a batch that fails ${retries.value} retries is dropped without a trace.`
        : 'a batch that keeps failing is retried until its records expire, blocking the shard behind it.'));
  },
};

/** Every Lambda rule; register these in the rule index. */
export const LAMBDA_RULES: readonly Rule[] = [LAMBDA_MULTI_AZ, LAMBDA_CONCURRENCY_ZERO, LAMBDA_ASYNC_FAILURES, LAMBDA_STREAM_FAILURES];
