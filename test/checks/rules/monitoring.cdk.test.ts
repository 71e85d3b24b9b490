import { App, Duration, Stack } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { checkTemplate } from '../../../src/checks/engine';
import { BACKUP_RULES } from '../../../src/checks/rules/backup';
import { CODEDEPLOY_RULES } from '../../../src/checks/rules/codedeploy';
import { ECS_RULES } from '../../../src/checks/rules/ecs';
import { EFS_RULES } from '../../../src/checks/rules/efs';
import { EKS_RULES } from '../../../src/checks/rules/eks';
import { EB_RULES } from '../../../src/checks/rules/elastic-beanstalk';
import { FSX_RULES } from '../../../src/checks/rules/fsx';
import { LAMBDA_RULES } from '../../../src/checks/rules/lambda';
import { ALARM_RULES } from '../../../src/checks/rules/monitoring';
import { S3_RULES } from '../../../src/checks/rules/s3';
import { SAGEMAKER_RULES } from '../../../src/checks/rules/sagemaker';
import { DATA_RULES } from '../../../src/checks/rules/stateful-resources';
import { modelOfStack } from '../../helpers/templates';

/** The rules of storage, backup, serverless, containers, PaaS, ML and monitoring. */
const RULES = [
  ...S3_RULES, ...EFS_RULES, ...FSX_RULES, ...BACKUP_RULES, ...DATA_RULES, ...LAMBDA_RULES, ...ECS_RULES,
  ...CODEDEPLOY_RULES, ...EKS_RULES, ...EB_RULES, ...SAGEMAKER_RULES, ...ALARM_RULES,
];

/** Synthesizes the app first, so that aspects such as `Tags` have run, as they have when the checks run. */
function findings(stack: Stack): string[] {
  (stack.node.root as App).synth();
  return checkTemplate(modelOfStack(stack), RULES).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status}`).sort();
}

function alarmed(scope: Stack, id: string, metric: cloudwatch.IMetric, topic: sns.ITopic, threshold: number): void {
  const alarm = new cloudwatch.Alarm(scope, id, { metric, threshold, evaluationPeriods: 2 });
  alarm.addAlarmAction(new cwActions.SnsAction(topic));
  alarm.addOkAction(new cwActions.SnsAction(topic));
}

/** What the web tier and database patterns build: every resource configured the way a careful team would. */
function wellBuilt(): Stack {
  const stack = new Stack(new App({ context: { 'availability-zones:account=111111111111:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] } }),
    'S', { env: { account: '111111111111', region: 'eu-west-1' } });
  const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
  const key = new kms.Key(stack, 'AlarmTopicKey', { enableKeyRotation: true });
  const topic = new sns.Topic(stack, 'AlarmTopic', { masterKey: key });

  const logs = new s3.Bucket(stack, 'AccessLogs', {
    versioned: true,
    enforceSSL: true,
    encryption: s3.BucketEncryption.S3_MANAGED,
    lifecycleRules: [{ noncurrentVersionExpiration: Duration.days(30) }],
  });
  const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true });
  lb.logAccessLogs(logs);
  const cluster = new ecs.Cluster(stack, 'Cluster', { vpc });
  const task = new ecs.FargateTaskDefinition(stack, 'Task');
  task.addContainer('web', { image: ecs.ContainerImage.fromRegistry('nginx'), portMappings: [{ containerPort: 80 }] });
  const service = new ecs.FargateService(stack, 'Service', {
    cluster, taskDefinition: task, desiredCount: 2, minHealthyPercent: 100, circuitBreaker: { rollback: true },
  });
  const listener = lb.addListener('Http', { port: 80 });
  const group = listener.addTargets('Web', { port: 80, targets: [service] });
  alarmed(stack, 'Unhealthy', group.metrics.unhealthyHostCount(), topic, 1);

  const db = new rds.DatabaseInstance(stack, 'Db', {
    engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
    vpc,
    multiAz: true,
    backupRetention: Duration.days(7),
    deletionProtection: true,
  });
  alarmed(stack, 'DbCpu', db.metricCPUUtilization(), topic, 80);
  alarmed(stack, 'DbStorage', db.metricFreeStorageSpace(), topic, 5e9);

  const aurora = new rds.DatabaseCluster(stack, 'Aurora', {
    engine: rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_16_4 }),
    vpc,
    writer: rds.ClusterInstance.provisioned('Writer'),
    readers: [rds.ClusterInstance.provisioned('Reader')],
    backup: { retention: Duration.days(7) },
    deletionProtection: true,
  });
  alarmed(stack, 'AuroraCpu', aurora.metricCPUUtilization(), topic, 80);
  return stack;
}

describe('storage, serverless, container and monitoring rules on CDK constructs', () => {
  test('a carefully configured web tier and database have no findings', () => {
    expect(findings(wellBuilt())).toEqual([]);
  });

  test('CDK defaults: an unversioned bucket, a load balancer and a database without alarms, a dead-letter queue nobody watches', () => {
    const stack = new Stack(new App(), 'S');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new s3.Bucket(stack, 'Data');
    new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc });
    new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }), vpc, multiAz: true });
    const dlq = new sqs.Queue(stack, 'Dlq');
    new sqs.Queue(stack, 'Work', { deadLetterQueue: { queue: dlq, maxReceiveCount: 3 } });
    new cloudwatch.Alarm(stack, 'Silent', { metric: dlq.metricApproximateNumberOfMessagesVisible(), threshold: 1, evaluationPeriods: 1 });
    expect(findings(stack)).toEqual([
      'HA-ALARM1 Db fail',
      'HA-ALARM1 Lb fail',
      'HA-ALARM2 Silent fail',
      'HA-BUCKET1 Data fail',
    ]);
  });
});
