import { isObject, Json } from '../model/json';
import type { TemplateModel } from '../model/template-model';
import { intrinsicName, referencedResources } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, Outcome, PASS, Rule, undecided, unknown, WA } from './rule';

export const MQ_DEPLOYMENT_MODE: Rule = {
  id: 'HA-MQ1',
  title: 'Amazon MQ broker is a single instance',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::AmazonMQ::Broker'],
  explanation:
    'A single-instance broker runs in one Availability Zone with no standby: when it or its zone fails, producers and '
    + 'consumers are cut off, and the messages it holds are out of reach, until the broker is back. An active/standby '
    + 'ActiveMQ broker fails over to a standby in another zone, and a RabbitMQ cluster spreads three nodes over three zones.',
  flags: 'A broker with `DeploymentMode: SINGLE_INSTANCE`.',
  defaults: '`DeploymentMode` is required; there is no default.',
  remediation: 'Use `DeploymentMode: ACTIVE_STANDBY_MULTI_AZ` for ActiveMQ or `CLUSTER_MULTI_AZ` for RabbitMQ, with `SubnetIds` in two '
    + '(ActiveMQ) or three (RabbitMQ) Availability Zones (CDK: `deploymentMode` on `amazonmq.CfnBroker`).',
  references: [
    configRule('mq-active-deployment-mode'),
    configRule('mq-rabbit-deployment-mode'),
    { label: 'Amazon MQ for ActiveMQ: active/standby broker', url: 'https://docs.aws.amazon.com/amazon-mq/latest/developer-guide/active-standby-broker-deployment.html' },
    WA.REL10_BP01,
  ],
  evaluate(r) {
    const mode = r.str('DeploymentMode');
    if (!mode.known) return undecided('DeploymentMode', mode);
    if (mode.value.toUpperCase() !== 'SINGLE_INSTANCE') return PASS;
    return fail('DeploymentMode', `Amazon MQ broker ${r.logicalId} is a single instance (DeploymentMode SINGLE_INSTANCE): when it or its `
      + 'Availability Zone fails, clients are cut off and its messages are out of reach until it is back.');
  },
};

/** Property names under which a resource names the queue its failed messages, events or invocations go to. */
const DEAD_LETTER_KEYS = /^(deadLetterConfig|deadLetterTargetArn|deadLetterQueue|redrivePolicy|onFailure|errorAction)$/i;

/** The resource types that can name a dead-letter queue or a failure destination. */
const DEAD_LETTER_SENDERS = [
  'AWS::SQS::Queue', 'AWS::SNS::Subscription', 'AWS::Lambda::Function', 'AWS::Lambda::EventInvokeConfig',
  'AWS::Lambda::EventSourceMapping', 'AWS::Events::Rule', 'AWS::Events::EventBus', 'AWS::Scheduler::Schedule',
  'AWS::Pipes::Pipe', 'AWS::Serverless::Function', 'AWS::IoT::TopicRule',
];

const deadLetterTargetsCache = new WeakMap<TemplateModel, Map<string, string>>();

/**
 * The resources that receive another resource's failures, by logical ID, with the first resource that sends them:
 * queues named by an SQS `RedrivePolicy`, an SNS subscription `RedrivePolicy`, a Lambda, EventBridge rule target, Scheduler
 * or Pipes `DeadLetterConfig`, a Lambda `OnFailure` destination, a SAM `DeadLetterQueue` or an IoT rule `ErrorAction`.
 */
function deadLetterTargets(model: TemplateModel): Map<string, string> {
  let targets = deadLetterTargetsCache.get(model);
  if (!targets) {
    targets = new Map();
    const found = targets;
    const walk = (value: Json | undefined, owner: string): void => {
      if (Array.isArray(value)) {
        for (const item of value) walk(item, owner);
      } else if (isObject(value)) {
        for (const [key, inner] of Object.entries(value)) {
          if (DEAD_LETTER_KEYS.test(key)) {
            for (const id of referencedResources(inner, model)) if (id !== owner && !found.has(id)) found.set(id, owner);
          } else {
            walk(inner, owner);
          }
        }
      }
    };
    // Only these types can send failures somewhere; reading no other resource keeps the rule cheap on big stacks.
    for (const type of DEAD_LETTER_SENDERS) {
      for (const resource of model.ofType(type)) walk(resource.properties, resource.logicalId);
    }
    deadLetterTargetsCache.set(model, targets);
  }
  return targets;
}

/** A name that says the queue is a dead-letter queue (used by something outside the template). */
const DEAD_LETTER_NAME = /dead.?letter|dlq/i;

/** True when a raw value is a string built at deploy time from pieces (Fn::Join, Fn::Sub): present, with parts unknown. */
function isBuiltString(raw: Json | undefined): boolean {
  const fn = intrinsicName(raw);
  return fn === 'Fn::Join' || fn === 'Fn::Sub';
}

export const SQS_DEAD_LETTER_QUEUE: Rule = {
  id: 'HA-SQS1',
  title: 'SQS queue has no dead-letter queue',
  severity: Severity.WARNING,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::SQS::Queue'],
  explanation:
    'A message that its consumers can never process (a poison message) comes back after every visibility timeout until it '
    + 'expires, wasting consumer capacity and hiding the failure; in a FIFO queue it also holds back every later message of its '
    + 'message group. A dead-letter queue takes such messages aside after a set number of receives, where they can be alarmed on, '
    + 'inspected and redriven. Queues that are themselves dead-letter queues or failure destinations are not judged.',
  flags: 'A queue without `RedrivePolicy` that is not a failure destination: not named by another queue\'s or an SNS subscription\'s '
    + '`RedrivePolicy`, a `DeadLetterConfig` (Lambda, EventBridge, Scheduler, Pipes), a Lambda `OnFailure` destination, a SAM '
    + '`DeadLetterQueue` or an IoT `ErrorAction`; without a `RedriveAllowPolicy`; and not named as a dead-letter queue (DLQ, dead-letter).',
  defaults: 'A queue has no dead-letter queue unless `RedrivePolicy` names one.',
  remediation: 'Set `RedrivePolicy` with a `deadLetterTargetArn` and a `maxReceiveCount` (CDK: `deadLetterQueue: { queue: dlq, maxReceiveCount: 5 }` '
    + 'on `sqs.Queue`), and alarm on the dead-letter queue\'s depth.',
  references: [
    configRule('sqs-queue-dlq-check'),
    { label: 'Using dead-letter queues in Amazon SQS', url: 'https://docs.aws.amazon.com/AWSSimpleQueueService/latest/SQSDeveloperGuide/sqs-dead-letter-queues.html' },
    WA.REL05_BP04,
  ],
  evaluate(r, { model }): Outcome {
    const sender = deadLetterTargets(model).get(r.logicalId);
    if (sender) return notApplicable(`the failure destination of ${sender}`);
    if (r.has('RedriveAllowPolicy')) {
      const permission = r.str('RedriveAllowPolicy.redrivePermission', 'allowAll');
      if (!permission.known || permission.value !== 'denyAll') return notApplicable('declares itself a dead-letter queue (RedriveAllowPolicy)');
    }
    const name = r.str('QueueName');
    if (DEAD_LETTER_NAME.test(r.logicalId) || (name.known && DEAD_LETTER_NAME.test(name.value))) return notApplicable('named as a dead-letter queue');
    const policy = r.value('RedrivePolicy');
    if (policy.kind === 'literal' || isBuiltString(r.properties.RedrivePolicy)) return PASS;
    if (policy.kind !== 'absent') return unknown('RedrivePolicy', `RedrivePolicy is ${policy.kind === 'unknown' ? policy.reason : 'a value of an unexpected shape'}, so whether queue ${r.logicalId} has a dead-letter queue is decided at deploy time.`);
    const fifo = r.bool('FifoQueue', false);
    return fail('RedrivePolicy', `Queue ${r.logicalId} has no dead-letter queue (RedrivePolicy is not set): a message its consumers cannot process `
      + 'is received again and again until it expires'
      + (fifo.known && fifo.value ? ', holding back the messages behind it in its message group.' : ', wasting consumer capacity and hiding the failure.'));
  },
};

/** Subscription protocols that deliver to people, for whom a dead-letter queue is of no use. */
const HUMAN_PROTOCOLS = new Set(['email', 'email-json', 'sms']);

export const SNS_SUBSCRIPTION_DLQ: Rule = {
  id: 'HA-SNS1',
  title: 'SNS subscription has no dead-letter queue',
  severity: Severity.INFO,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::SNS::Subscription'],
  explanation:
    'When SNS cannot deliver a message to a subscription after its retries (the endpoint is down, a permission or a KMS key '
    + 'policy is wrong, a Lambda function is throttled), the message is dropped. A dead-letter queue on the subscription keeps '
    + 'those messages so they can be alarmed on and redriven.',
  flags: 'A subscription with a system endpoint (SQS, Lambda, HTTP/S, Firehose, application) and no `RedrivePolicy`.',
  defaults: 'A subscription has no dead-letter queue unless `RedrivePolicy` names one. Email and SMS subscriptions are not judged.',
  remediation: 'Set `RedrivePolicy: { "deadLetterTargetArn": <queue ARN> }` (CDK: `deadLetterQueue` on `sns.Subscription`, or in the props of '
    + '`subscriptions.SqsSubscription`, `LambdaSubscription` and `UrlSubscription`).',
  references: [
    { label: 'Amazon SNS dead-letter queues', url: 'https://docs.aws.amazon.com/sns/latest/dg/sns-dead-letter-queues.html' },
    WA.REL05_BP04,
  ],
  evaluate(r) {
    const policy = r.value('RedrivePolicy');
    if (policy.kind === 'literal' || isBuiltString(r.properties.RedrivePolicy)) return PASS;
    if (policy.kind !== 'absent') return unknown('RedrivePolicy', `RedrivePolicy is ${policy.kind === 'unknown' ? policy.reason : 'a value of an unexpected shape'}, so this can only be decided at deploy time.`);
    const protocol = r.str('Protocol');
    if (!protocol.known) return undecided('Protocol', protocol);
    if (HUMAN_PROTOCOLS.has(protocol.value.toLowerCase())) return notApplicable(`protocol ${protocol.value} delivers to people`);
    return fail('RedrivePolicy', `Subscription ${r.logicalId} (${protocol.value}) has no dead-letter queue (RedrivePolicy is not set): `
      + 'messages SNS cannot deliver after its retries are dropped without a trace.');
  },
};

export const EVENTS_TARGET_DLQ: Rule = {
  id: 'HA-EVENTS1',
  title: 'EventBridge rule target has no dead-letter queue',
  severity: Severity.INFO,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::Events::Rule'],
  explanation:
    'When EventBridge cannot deliver an event to a target (the target is missing, throttled or not permitted) it retries for '
    + 'up to 24 hours by default and then drops the event. A dead-letter queue on the target keeps those events so they can be '
    + 'alarmed on and replayed.',
  flags: 'An enabled rule with any entry of `Targets` lacking a `DeadLetterConfig`.',
  defaults: 'A target has no dead-letter queue unless `DeadLetterConfig.Arn` names one; a disabled rule is not judged.',
  remediation: 'Give each target a `DeadLetterConfig` with the ARN of an SQS queue (CDK: `deadLetterQueue` in the target\'s props, e.g. '
    + '`new targets.LambdaFunction(fn, { deadLetterQueue: dlq })`).',
  references: [
    { label: 'Using dead-letter queues to process undelivered events in EventBridge', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-rule-dlq.html' },
    WA.REL05_BP04,
  ],
  evaluate(r) {
    const state = r.str('State', 'ENABLED');
    if (state.known && state.value.toUpperCase() === 'DISABLED') return notApplicable('the rule is disabled');
    const targets = r.list('Targets');
    if (!targets.known) return undecided('Targets', targets);
    if (targets.value.length === 0) return notApplicable('the rule has no targets');
    const missing: string[] = [];
    const undecidedTargets: string[] = [];
    targets.value.forEach((_, i) => {
      const id = r.str(`Targets.${i}.Id`);
      const label = id.known ? id.value : `#${i + 1}`;
      if (r.value(`Targets.${i}`).kind !== 'literal') { undecidedTargets.push(label); return; }
      const dlq = r.value(`Targets.${i}.DeadLetterConfig`);
      if (dlq.kind === 'absent') missing.push(label);
      else if (dlq.kind !== 'literal') undecidedTargets.push(label);
    });
    if (missing.length) {
      return fail('Targets', `Rule ${r.logicalId} delivers to target${missing.length === 1 ? '' : 's'} ${missing.join(', ')} without a dead-letter queue (no DeadLetterConfig): `
        + 'events that cannot be delivered after the retries are dropped without a trace.');
    }
    if (undecidedTargets.length) return unknown('Targets', `The targets ${undecidedTargets.join(', ')} of rule ${r.logicalId} are decided at deploy time.`);
    return PASS;
  },
};

export const EVENTS_ENDPOINT_REPLICATION: Rule = {
  id: 'HA-EVENTS2',
  title: 'EventBridge global endpoint does not replicate events',
  severity: Severity.INFO,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::Events::Endpoint'],
  explanation:
    'A global endpoint fails event ingestion over to a secondary Region. With event replication on, events sent to the primary '
    + 'Region are also replicated to the secondary, so the events that were in flight when the primary Region failed can still be '
    + 'processed there; with it off, they wait for the primary Region to recover, or are lost.',
  flags: 'A global endpoint with `ReplicationConfig.State: DISABLED`.',
  defaults: '`ReplicationConfig.State` defaults to `ENABLED` (which needs a `RoleArn`).',
  remediation: 'Set `ReplicationConfig.State: ENABLED` (or leave it out) and give the endpoint a `RoleArn` that may put events on both event buses.',
  references: [
    configRule('global-endpoint-event-replication-enabled'),
    { label: 'Making applications Regional-fault tolerant with global endpoints in EventBridge', url: 'https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-global-endpoints.html' },
    WA.REL13_BP02,
  ],
  evaluate(r) {
    const state = r.str('ReplicationConfig.State', 'ENABLED');
    if (!state.known) return undecided('ReplicationConfig.State', state);
    if (state.value.toUpperCase() !== 'DISABLED') return PASS;
    return fail('ReplicationConfig.State', `Global endpoint ${r.logicalId} does not replicate events (ReplicationConfig.State DISABLED): `
      + 'events in flight when the primary Region fails are not processed in the secondary Region.');
  },
};

/** Every rule of this file. */
export const MESSAGING_RULES: readonly Rule[] = [
  MQ_DEPLOYMENT_MODE, SQS_DEAD_LETTER_QUEUE, SNS_SUBSCRIPTION_DLQ, EVENTS_TARGET_DLQ, EVENTS_ENDPOINT_REPLICATION,
];
