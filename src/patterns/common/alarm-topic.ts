import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';

/**
 * The SNS topic a pattern's alarms notify: the one given, or a new one, encrypted with a
 * customer-managed key that CloudWatch may use (CloudWatch cannot publish to topics encrypted
 * with the AWS-managed `aws/sns` key) and accepting only TLS connections.
 */
export function alarmTopic(scope: Construct, given?: sns.ITopic): sns.ITopic {
  if (given) return given;
  const key = new kms.Key(scope, 'AlarmTopicKey', {
    description: `Encrypts the alarm notifications of ${scope.node.path}`,
    enableKeyRotation: true,
  });
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'AllowCloudWatchAlarmsToPublish',
    principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
    actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
    resources: ['*'],
  }));
  return new sns.Topic(scope, 'AlarmTopic', { masterKey: key, enforceSSL: true });
}

/** Sends an alarm's ALARM and OK transitions to a topic. */
export function notify(alarm: cloudwatch.Alarm, topic: sns.ITopic): cloudwatch.Alarm {
  const action = new cwActions.SnsAction(topic);
  alarm.addAlarmAction(action);
  alarm.addOkAction(action);
  return alarm;
}
