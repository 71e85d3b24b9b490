import { RuleCases } from './cases';
import {
  EVENTS_ENDPOINT_REPLICATION, EVENTS_TARGET_DLQ, MQ_DEPLOYMENT_MODE, SNS_SUBSCRIPTION_DLQ, SQS_DEAD_LETTER_QUEUE,
} from '../../../src/checks/rules/messaging';
import { res, template } from '../../helpers/templates';

const params = { Parameters: { P: { Type: 'String' } } };
const condition = { ...params, Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'P' }, 'prod'] } } };
const broker = (mode: unknown, engine = 'ACTIVEMQ') => res('AWS::AmazonMQ::Broker', {
  BrokerName: 'b', EngineType: engine, HostInstanceType: 'mq.m5.large', DeploymentMode: mode, PubliclyAccessible: false, Users: [],
});
const queue = (props: Record<string, unknown> = {}) => res('AWS::SQS::Queue', props);
const dlqArn = { 'Fn::GetAtt': ['Dlq', 'Arn'] };
const redrive = { deadLetterTargetArn: dlqArn, maxReceiveCount: 5 };
const subscription = (props: object) => res('AWS::SNS::Subscription', { TopicArn: { Ref: 'Topic' }, Endpoint: 'arn:aws:sqs:eu-west-1:111111111111:q', Protocol: 'sqs', ...props });
const topic = res('AWS::SNS::Topic');
const rule = (targets: unknown, extra: object = {}) => res('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)', Targets: targets, ...extra });
const target = (id: string, extra: object = {}) => ({ Id: id, Arn: 'arn:aws:lambda:eu-west-1:111111111111:function:f', ...extra });
const endpoint = (replication?: object) => res('AWS::Events::Endpoint', {
  RoutingConfig: { FailoverConfig: { Primary: { HealthCheck: 'arn:hc' }, Secondary: { Route: 'eu-central-1' } } },
  EventBuses: [{ EventBusArn: 'arn:a' }, { EventBusArn: 'arn:b' }],
  ...(replication ? { ReplicationConfig: replication } : {}),
});

export const MESSAGING_CASES: RuleCases[] = [
  {
    rule: MQ_DEPLOYMENT_MODE,
    compliant: {
      'an active/standby ActiveMQ broker': { template: template({ B: broker('ACTIVE_STANDBY_MULTI_AZ') }), target: 'B' },
      'a RabbitMQ cluster': { template: template({ B: broker('CLUSTER_MULTI_AZ', 'RABBITMQ') }), target: 'B' },
    },
    nonCompliant: {
      'a single-instance broker': { template: template({ B: broker('SINGLE_INSTANCE') }), target: 'B', message: /Amazon MQ broker B is a single instance/ },
    },
    unknown: {
      'the mode from a parameter': { template: template({ B: broker({ Ref: 'P' }) }, params), target: 'B', message: /parameter P/ },
      'the mode behind a condition': { template: template({ B: broker({ 'Fn::If': ['Prod', 'ACTIVE_STANDBY_MULTI_AZ', 'SINGLE_INSTANCE'] }) }, condition), target: 'B', message: /condition Prod/ },
    },
    notApplicable: {
      'a broker configuration only': { template: template({ C: res('AWS::AmazonMQ::Configuration', { Name: 'c', EngineType: 'ACTIVEMQ' }) }) },
    },
  },
  {
    rule: SQS_DEAD_LETTER_QUEUE,
    compliant: {
      'a queue with a redrive policy': { template: template({ Q: queue({ RedrivePolicy: redrive }), Dlq: queue() }), target: 'Q' },
      'a redrive policy given as a JSON string': { template: template({ Q: queue({ RedrivePolicy: '{"deadLetterTargetArn":"arn:aws:sqs:eu-west-1:111111111111:dlq","maxReceiveCount":3}' }) }), target: 'Q' },
      'a redrive policy joined from the queue ARN': {
        template: template({ Q: queue({ RedrivePolicy: { 'Fn::Join': ['', ['{"deadLetterTargetArn":"', dlqArn, '","maxReceiveCount":5}']] } }), Dlq: queue() }),
        target: 'Q',
      },
    },
    nonCompliant: {
      'no redrive policy': { template: template({ Q: queue() }), target: 'Q', message: /Queue Q has no dead-letter queue \(RedrivePolicy is not set\)/ },
      'a FIFO queue without one': { template: template({ Q: queue({ FifoQueue: true }) }), target: 'Q', message: /holding back the messages behind it/ },
      'a queue that is only the endpoint of a subscription': {
        template: template({ Topic: topic, Q: queue(), S: subscription({ Endpoint: { 'Fn::GetAtt': ['Q', 'Arn'] }, RedrivePolicy: { deadLetterTargetArn: dlqArn } }), Dlq: queue() }),
        target: 'Q',
      },
    },
    unknown: {
      'a redrive policy behind a condition': { template: template({ Q: queue({ RedrivePolicy: { 'Fn::If': ['Prod', redrive, { Ref: 'AWS::NoValue' }] } }), Dlq: queue() }, condition), target: 'Q', message: /condition Prod/ },
    },
    notApplicable: {
      'the dead-letter queue of another queue': { template: template({ Q: queue({ RedrivePolicy: redrive }), Dlq: queue() }), target: 'Dlq' },
      'the dead-letter queue of a Lambda function': { template: template({ F: res('AWS::Lambda::Function', { DeadLetterConfig: { TargetArn: dlqArn } }), Dlq: queue() }), target: 'Dlq' },
      'the dead-letter queue of an EventBridge target': { template: template({ R: rule([target('t', { DeadLetterConfig: { Arn: dlqArn } })]), Dlq: queue() }), target: 'Dlq' },
      'the dead-letter queue of a subscription': { template: template({ Topic: topic, S: subscription({ RedrivePolicy: { deadLetterTargetArn: dlqArn } }), Dlq: queue() }), target: 'Dlq' },
      'the on-failure destination of an event source mapping': {
        template: template({ M: res('AWS::Lambda::EventSourceMapping', { FunctionName: 'f', DestinationConfig: { OnFailure: { Destination: dlqArn } } }), Dlq: queue() }),
        target: 'Dlq',
      },
      'a queue declaring itself a dead-letter queue': { template: template({ Q: queue({ RedriveAllowPolicy: { redrivePermission: 'allowAll' } }) }), target: 'Q' },
      'a queue named as a dead-letter queue': { template: template({ Q: queue({ QueueName: 'orders-dlq' }) }), target: 'Q' },
    },
  },
  {
    rule: SNS_SUBSCRIPTION_DLQ,
    compliant: {
      'a subscription with a dead-letter queue': { template: template({ Topic: topic, S: subscription({ RedrivePolicy: { deadLetterTargetArn: dlqArn } }), Dlq: queue() }), target: 'S' },
    },
    nonCompliant: {
      'an SQS subscription without one': { template: template({ Topic: topic, S: subscription({}) }), target: 'S', message: /Subscription S \(sqs\) has no dead-letter queue/ },
      'a Lambda subscription without one': { template: template({ Topic: topic, S: subscription({ Protocol: 'lambda', Endpoint: 'arn:aws:lambda:eu-west-1:111111111111:function:f' }) }), target: 'S' },
    },
    unknown: {
      'the protocol from a parameter': { template: template({ Topic: topic, S: subscription({ Protocol: { Ref: 'P' } }) }, params), target: 'S', message: /Protocol is the parameter P/ },
      'a redrive policy behind a condition': {
        template: template({ Topic: topic, S: subscription({ RedrivePolicy: { 'Fn::If': ['Prod', { deadLetterTargetArn: 'arn:dlq' }, { Ref: 'AWS::NoValue' }] } }) }, condition),
        target: 'S',
      },
    },
    notApplicable: {
      'an email subscription': { template: template({ Topic: topic, S: subscription({ Protocol: 'email', Endpoint: 'ops@example.com' }) }), target: 'S' },
    },
  },
  {
    rule: EVENTS_TARGET_DLQ,
    compliant: {
      'every target with a dead-letter queue': { template: template({ R: rule([target('a', { DeadLetterConfig: { Arn: dlqArn } }), target('b', { DeadLetterConfig: { Arn: 'arn:dlq' } })]), Dlq: queue() }), target: 'R' },
    },
    nonCompliant: {
      'a target without one': { template: template({ R: rule([target('a', { DeadLetterConfig: { Arn: 'arn:dlq' } }), target('b')]) }), target: 'R', message: /Rule R delivers to target b without a dead-letter queue/ },
    },
    unknown: {
      'targets from a condition': { template: template({ R: rule({ 'Fn::If': ['Prod', [target('a')], []] }) }, condition), target: 'R', message: /condition Prod/ },
      'a target behind a condition': { template: template({ R: rule([{ 'Fn::If': ['Prod', target('a'), target('b')] }]) }, condition), target: 'R' },
    },
    notApplicable: {
      'a disabled rule': { template: template({ R: rule([target('a')], { State: 'DISABLED' }) }), target: 'R' },
      'a rule without targets': { template: template({ R: res('AWS::Events::Rule', { EventPattern: { source: ['aws.ec2'] } }) }), target: 'R' },
    },
  },
  {
    rule: EVENTS_ENDPOINT_REPLICATION,
    compliant: {
      'replication absent (defaults to ENABLED)': { template: template({ E: endpoint() }), target: 'E' },
      'replication enabled': { template: template({ E: endpoint({ State: 'ENABLED' }) }), target: 'E' },
    },
    nonCompliant: {
      'replication disabled': { template: template({ E: endpoint({ State: 'DISABLED' }) }), target: 'E', message: /Global endpoint E does not replicate events/ },
    },
    unknown: {
      'replication from a parameter': { template: template({ E: endpoint({ State: { Ref: 'P' } }) }, params), target: 'E', message: /parameter P/ },
    },
    notApplicable: {
      'an event bus only': { template: template({ B: res('AWS::Events::EventBus', { Name: 'b' }) }) },
    },
  },
];
