import { App, Duration, Stack } from 'aws-cdk-lib';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as kinesis from 'aws-cdk-lib/aws-kinesis';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { checkTemplate } from '../../../src/checks/engine';
import { KINESIS_RULES } from '../../../src/checks/rules/kinesis';
import { MESSAGING_RULES } from '../../../src/checks/rules/messaging';
import { modelOfStack } from '../../helpers/templates';

function findings(stack: Stack): string[] {
  return checkTemplate(modelOfStack(stack), [...MESSAGING_RULES, ...KINESIS_RULES]).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status}`).sort();
}

describe('messaging built with CDK', () => {
  test('queues, subscriptions and rule targets with dead-letter queues have no findings; the dead-letter queues are not judged', () => {
    const stack = new Stack(new App(), 'S');
    const dlq = new sqs.Queue(stack, 'Failures');
    const work = new sqs.Queue(stack, 'Work', { deadLetterQueue: { queue: dlq, maxReceiveCount: 5 } });
    const topic = new sns.Topic(stack, 'Topic');
    topic.addSubscription(new subscriptions.SqsSubscription(work, { deadLetterQueue: dlq }));
    const fn = new lambda.Function(stack, 'Fn', { code: lambda.Code.fromInline('exports.handler = async () => {}'), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_20_X });
    new events.Rule(stack, 'Schedule', { schedule: events.Schedule.rate(Duration.minutes(5)), targets: [new targets.LambdaFunction(fn, { deadLetterQueue: dlq })] });
    new kinesis.Stream(stack, 'Stream', { retentionPeriod: Duration.days(7) });
    expect(findings(stack)).toEqual([]);
  });

  test('the defaults: a queue, a subscription and a rule target without dead-letter queues, a stream kept for a day', () => {
    const stack = new Stack(new App(), 'S');
    const work = new sqs.Queue(stack, 'Work');
    new sns.Topic(stack, 'Topic').addSubscription(new subscriptions.SqsSubscription(work));
    const fn = new lambda.Function(stack, 'Fn', { code: lambda.Code.fromInline('exports.handler = async () => {}'), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_20_X });
    new events.Rule(stack, 'Schedule', { schedule: events.Schedule.rate(Duration.minutes(5)), targets: [new targets.LambdaFunction(fn)] });
    new kinesis.Stream(stack, 'Stream');
    expect(findings(stack)).toEqual([
      'HA-EVENTS1 Schedule fail',
      'HA-KINESIS2 Stream fail',
      expect.stringMatching(/^HA-SNS1 WorkSTopic\w* fail$/),
      'HA-SQS1 Work fail',
    ]);
  });
});
