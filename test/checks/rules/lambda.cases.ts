import { withSubnets } from './builders';
import { RuleCases } from './cases';
import { LAMBDA_ASYNC_FAILURES, LAMBDA_CONCURRENCY_ZERO, LAMBDA_MULTI_AZ, LAMBDA_STREAM_FAILURES } from '../../../src/checks/rules/lambda';
import { az, res, template } from '../../helpers/templates';

const fn = (props: Record<string, unknown> = {}) => res('AWS::Lambda::Function', { Runtime: 'nodejs22.x', Handler: 'index.handler', Role: 'arn:aws:iam::111111111111:role/r', Code: { ZipFile: 'x' }, ...props });
const params = {
  Parameters: { P: { Type: 'String' }, N: { Type: 'Number' }, Arn: { Type: 'String' } },
  Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'prod'] } },
};
const rule = (target: Record<string, unknown>) => res('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)', Targets: [{ Id: 't', ...target }] });
const eventRule = (target: Record<string, unknown>) => res('AWS::Events::Rule', { EventPattern: { source: ['aws.s3'] }, Targets: [{ Id: 't', ...target }] });
const topicSubscription = res('AWS::SNS::Subscription', { Protocol: 'lambda', TopicArn: 'arn:aws:sns:eu-west-1:111111111111:t', Endpoint: { 'Fn::GetAtt': ['F', 'Arn'] } });
const onFailure = (functionName: unknown, destination: unknown = { 'Fn::GetAtt': ['Q', 'Arn'] }) => res('AWS::Lambda::EventInvokeConfig', {
  FunctionName: functionName, Qualifier: '$LATEST', DestinationConfig: { OnFailure: { Destination: destination } },
});
const queue = res('AWS::SQS::Queue');
const stream = res('AWS::Kinesis::Stream', { ShardCount: 1 });
const esm = (props: Record<string, unknown> = {}) => res('AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: 'F' }, StartingPosition: 'LATEST', ...props });

export const LAMBDA_CASES: RuleCases[] = [
  {
    rule: LAMBDA_MULTI_AZ,
    compliant: {
      'subnets in two zones': { template: withSubnets([az(0), az(1)], s => res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: s, SecurityGroupIds: [] } })), target: 'R' },
    },
    nonCompliant: {
      'one subnet': { template: withSubnets([az(1)], s => res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: s } })), target: 'R', message: /Lambda function R is in one Availability Zone/ },
    },
    unknown: {
      'subnets from a parameter': { template: withSubnets([], () => res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: { Ref: 'Subnets' } } })), target: 'R' },
      'imported subnet IDs': { template: template({ R: res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: ['subnet-1', 'subnet-2'] } }) }), target: 'R', message: /subnet-1 is not defined in this template/ },
    },
    notApplicable: {
      'no VPC': { template: template({ R: res('AWS::Lambda::Function', { Runtime: 'nodejs20.x' }) }), target: 'R' },
      'an empty subnet list': { template: template({ R: res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: [], SecurityGroupIds: [] } }) }), target: 'R' },
    },
  },
  {
    rule: LAMBDA_CONCURRENCY_ZERO,
    compliant: {
      'no reserved concurrency (shares the account pool)': { template: template({ F: fn() }), target: 'F' },
      'reserved concurrency 10': { template: template({ F: fn({ ReservedConcurrentExecutions: 10 }) }), target: 'F' },
    },
    nonCompliant: {
      'reserved concurrency 0': { template: template({ F: fn({ ReservedConcurrentExecutions: 0 }) }), target: 'F', message: /ReservedConcurrentExecutions 0: every invocation is throttled/ },
    },
    unknown: {
      'reserved concurrency from a parameter': { template: template({ F: fn({ ReservedConcurrentExecutions: { Ref: 'N' } }) }, params), target: 'F', message: /parameter N/ },
    },
    notApplicable: {
      'no function': { template: template({ Q: queue }) },
    },
  },
  {
    rule: LAMBDA_ASYNC_FAILURES,
    compliant: {
      'an SNS-invoked function with a dead-letter queue': {
        template: template({ F: fn({ DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': ['Q', 'Arn'] } } }), Q: queue, S: topicSubscription }),
        target: 'F',
      },
      'an EventBridge target with an on-failure destination': {
        template: template({ F: fn(), Q: queue, R: rule({ Arn: { 'Fn::GetAtt': ['F', 'Arn'] } }), Cfg: onFailure({ Ref: 'F' }) }),
        target: 'F',
      },
      'an alias invoked by S3, with a destination configured by function name': {
        template: template({
          F: fn({ FunctionName: 'thumbnails' }),
          A: res('AWS::Lambda::Alias', { FunctionName: { Ref: 'F' }, FunctionVersion: '1', Name: 'live' }),
          B: res('AWS::S3::Bucket', { NotificationConfiguration: { LambdaConfigurations: [{ Event: 's3:ObjectCreated:*', Function: { Ref: 'A' } }] } }),
          Q: queue,
          Cfg: onFailure('thumbnails'),
        }),
        target: 'F',
      },
      'a dead-letter queue ARN from a parameter': {
        template: template({ F: fn({ DeadLetterConfig: { TargetArn: { Ref: 'Arn' } } }), S: topicSubscription }, params),
        target: 'F',
      },
    },
    nonCompliant: {
      'an SNS-invoked function without a DLQ or destination': {
        template: template({ F: fn(), S: topicSubscription }),
        target: 'F',
        message: /invoked asynchronously by SNS subscription S and has neither a dead-letter queue nor an on-failure destination/,
      },
      'an event rule\'s target whose DLQ only catches delivery failures': {
        template: template({ F: fn(), Q: queue, R: eventRule({ Arn: { 'Fn::GetAtt': ['F', 'Arn'] }, DeadLetterConfig: { Arn: { 'Fn::GetAtt': ['Q', 'Arn'] } } }) }),
        target: 'F',
        message: /EventBridge rule R .*The dead-letter queue of EventBridge rule R does not catch these: it holds only events that could not be delivered/,
      },
      'a function that only a schedule invokes (advice: the next run comes anyway)': {
        template: template({ F: fn(), Q: queue, R: rule({ Arn: { 'Fn::GetAtt': ['F', 'Arn'] } }) }),
        target: 'F',
        severity: 'info',
        message: /runs on EventBridge rule R .* alarm on the function's Errors/,
      },
      'a CDK S3 notification custom resource': {
        template: template({
          F: fn(),
          N: res('Custom::S3BucketNotifications', { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:h', BucketName: 'b', NotificationConfiguration: { LambdaFunctionConfigurations: [{ Events: ['s3:ObjectCreated:*'], LambdaFunctionArn: { 'Fn::GetAtt': ['F', 'Arn'] } }] } }),
        }),
        target: 'F',
      },
      'an event invoke config for another function': {
        template: template({ F: fn(), G: fn(), Q: queue, S: topicSubscription, Cfg: onFailure({ Ref: 'G' }) }),
        target: 'F',
      },
    },
    unknown: {
      'a dead-letter queue only under a condition': {
        template: template({ F: fn({ DeadLetterConfig: { 'Fn::If': ['C', { TargetArn: 'arn:aws:sqs:eu-west-1:111111111111:dlq' }, { Ref: 'AWS::NoValue' }] } }), S: topicSubscription }, params),
        target: 'F',
        message: /condition C/,
      },
      'an event invoke config for a function named by a parameter': {
        template: template({ F: fn(), Q: queue, S: topicSubscription, Cfg: onFailure({ Ref: 'P' }) }, params),
        target: 'F',
        message: /may belong to function F/,
      },
    },
    notApplicable: {
      'a function with no asynchronous invoker in the template': { template: template({ F: fn() }), target: 'F' },
      'a custom resource handler, even with an asynchronous invoker': {
        template: template({ F: fn(), S: topicSubscription, CR: res('Custom::Thing', { ServiceToken: { 'Fn::GetAtt': ['F', 'Arn'] } }) }),
        target: 'F',
      },
      'the handler of an Auto Scaling lifecycle hook (the hook times out and the instance goes on)': {
        template: template({
          F: fn(),
          T: res('AWS::SNS::Topic'),
          S: res('AWS::SNS::Subscription', { Protocol: 'lambda', TopicArn: { Ref: 'T' }, Endpoint: { 'Fn::GetAtt': ['F', 'Arn'] } }),
          H: res('AWS::AutoScaling::LifecycleHook', {
            AutoScalingGroupName: 'asg', LifecycleTransition: 'autoscaling:EC2_INSTANCE_TERMINATING', NotificationTargetARN: { Ref: 'T' }, RoleARN: 'arn:aws:iam::111111111111:role/r',
          }),
        }),
        target: 'F',
      },
      'a function invoked by an SQS event source mapping (synchronous polling)': {
        template: template({ F: fn(), Q: queue, M: res('AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: 'F' }, EventSourceArn: { 'Fn::GetAtt': ['Q', 'Arn'] } }) }),
        target: 'F',
      },
    },
  },
  {
    rule: LAMBDA_STREAM_FAILURES,
    compliant: {
      'a Kinesis mapping with an on-failure destination': {
        template: template({ F: fn(), S: stream, Q: queue, M: esm({ EventSourceArn: { 'Fn::GetAtt': ['S', 'Arn'] }, DestinationConfig: { OnFailure: { Destination: { 'Fn::GetAtt': ['Q', 'Arn'] } } } }) }),
        target: 'M',
      },
      'a DynamoDB stream mapping with a destination from a parameter': {
        template: template({ F: fn(), M: esm({ EventSourceArn: 'arn:aws:dynamodb:eu-west-1:111111111111:table/t/stream/2024', DestinationConfig: { OnFailure: { Destination: { Ref: 'Arn' } } } }) }, params),
        target: 'M',
      },
    },
    nonCompliant: {
      'a Kinesis mapping without a destination': {
        template: template({ F: fn(), S: stream, M: esm({ EventSourceArn: { 'Fn::GetAtt': ['S', 'Arn'] } }) }),
        target: 'M',
        message: /reads Kinesis stream S with no on-failure destination: a batch that keeps failing is retried until its records expire/,
      },
      'a DynamoDB stream with bounded retries and no destination': {
        template: template({
          F: fn(),
          T: res('AWS::DynamoDB::Table', { StreamSpecification: { StreamViewType: 'NEW_IMAGE' } }),
          M: esm({ EventSourceArn: { 'Fn::GetAtt': ['T', 'StreamArn'] }, MaximumRetryAttempts: 3 }),
        }),
        target: 'M',
        message: /fails 3 retries is dropped without a trace/,
      },
      'a self-managed Kafka source': {
        template: template({ F: fn(), M: esm({ SelfManagedEventSource: { Endpoints: { KafkaBootstrapServers: ['b:9092'] } }, Topics: ['t'] }) }),
        target: 'M',
      },
      'a stream ARN from a parameter (StartingPosition shows it is a stream)': {
        template: template({ F: fn(), M: esm({ EventSourceArn: { Ref: 'Arn' } }) }, params),
        target: 'M',
      },
    },
    unknown: {
      'a destination only under a condition': {
        template: template({ F: fn(), S: stream, M: esm({ EventSourceArn: { 'Fn::GetAtt': ['S', 'Arn'] }, DestinationConfig: { 'Fn::If': ['C', { OnFailure: { Destination: 'arn:aws:sqs:eu-west-1:111111111111:dlq' } }, { Ref: 'AWS::NoValue' }] } }) }, params),
        target: 'M',
        message: /condition C/,
      },
      'a source ARN from a parameter and no starting position': {
        template: template({ F: fn(), M: res('AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: 'F' }, EventSourceArn: { Ref: 'Arn' } }) }, params),
        target: 'M',
        message: /EventSourceArn is the parameter Arn/,
      },
    },
    notApplicable: {
      'an SQS mapping (the queue keeps failed messages)': {
        template: template({ F: fn(), Q: queue, M: res('AWS::Lambda::EventSourceMapping', { FunctionName: { Ref: 'F' }, EventSourceArn: { 'Fn::GetAtt': ['Q', 'Arn'] } }) }),
        target: 'M',
      },
    },
  },
];
