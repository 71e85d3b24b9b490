import { App, Stack } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as events from 'aws-cdk-lib/aws-events';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as destinations from 'aws-cdk-lib/aws-lambda-destinations';
import * as sources from 'aws-cdk-lib/aws-lambda-event-sources';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3n from 'aws-cdk-lib/aws-s3-notifications';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { checkTemplate } from '../../../src/checks/engine';
import { LAMBDA_RULES } from '../../../src/checks/rules/lambda';
import { modelOfStack } from '../../helpers/templates';

/** Synthesizes the app first, so that aspects such as `Tags` have run, as they have when the checks run. */
function findings(stack: Stack): string[] {
  (stack.node.root as App).synth();
  return checkTemplate(modelOfStack(stack), LAMBDA_RULES).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status}`).sort();
}

const props = () => ({ code: lambda.Code.fromInline('exports.handler = async () => {}'), handler: 'index.handler', runtime: lambda.Runtime.NODEJS_22_X });

describe('Lambda failure handling on CDK constructs', () => {
  test('asynchronous invokers: an S3 notification and a schedule, with and without a failure destination', () => {
    const stack = new Stack(new App(), 'S');
    const bucket = new s3.Bucket(stack, 'Uploads', { versioned: true });
    const dlq = new sqs.Queue(stack, 'Failed');
    const lost = new lambda.Function(stack, 'Lost', props());
    const kept = new lambda.Function(stack, 'Kept', { ...props(), onFailure: new destinations.SqsDestination(dlq) });
    const queued = new lambda.Function(stack, 'Queued', { ...props(), deadLetterQueueEnabled: true });
    new lambda.Function(stack, 'NotInvoked', props());
    bucket.addEventNotification(s3.EventType.OBJECT_CREATED, new s3n.LambdaDestination(lost));
    bucket.addEventNotification(s3.EventType.OBJECT_REMOVED, new s3n.LambdaDestination(kept));
    new events.Rule(stack, 'Nightly', { schedule: events.Schedule.cron({ hour: '3', minute: '0' }), targets: [new targets.LambdaFunction(queued)] });
    expect(findings(stack)).toEqual(['HA-LAMBDA3 Lost fail']);
  });

  test('a DynamoDB stream source needs an on-failure destination', () => {
    const stack = new Stack(new App(), 'S');
    const table = new dynamodb.Table(stack, 'T', { partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING }, stream: dynamodb.StreamViewType.NEW_IMAGE });
    const fn = new lambda.Function(stack, 'Fn', props());
    fn.addEventSource(new sources.DynamoEventSource(table, { startingPosition: lambda.StartingPosition.LATEST }));
    const safe = new lambda.Function(stack, 'Safe', props());
    safe.addEventSource(new sources.DynamoEventSource(table, {
      startingPosition: lambda.StartingPosition.LATEST, retryAttempts: 3, onFailure: new sources.SqsDlq(new sqs.Queue(stack, 'Dlq')),
    }));
    const [finding] = checkTemplate(modelOfStack(stack), LAMBDA_RULES).findings;
    expect(findings(stack)).toEqual([expect.stringMatching(/^HA-LAMBDA4 FnDynamoDBEventSource.* fail$/)]);
    expect(finding.message).toMatch(/reads the stream of table T.* with no on-failure destination/);
  });
});
