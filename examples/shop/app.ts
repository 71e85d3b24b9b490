/**
 * A small shop: a web service on Fargate, a PostgreSQL database and a sessions table, with the
 * cdk-ha checks applied and resilience objectives declared. It has two single points of failure
 * left in on purpose, so that `cdk synth` shows what the checks report and why the objectives are
 * breached, no drill that would prove them, and one acknowledged finding.
 */
import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as cwActions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as ecsPatterns from 'aws-cdk-lib/aws-ecs-patterns';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { HaChecks, ResilienceObjectives } from '../../src';

export interface ShopStackProps extends StackProps {
  /** Acknowledge the sessions table's missing point-in-time recovery. */
  readonly acknowledgeSessions?: boolean;
}

export class ShopStack extends Stack {
  constructor(scope: Construct, id: string, props: ShopStackProps = {}) {
    super(scope, id, props);

    // One NAT gateway for every zone: cdk-ha reports it (HA-VPC1).
    const vpc = new ec2.Vpc(this, 'Vpc', { maxAzs: 2, natGateways: 1 });

    // A Single-AZ database: cdk-ha reports it (HA-RDS1).
    const db = new rds.DatabaseInstance(this, 'Db', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      instanceType: ec2.InstanceType.of(ec2.InstanceClass.T4G, ec2.InstanceSize.MICRO),
      vpc,
      vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS },
      storageEncrypted: true,
      deletionProtection: true,
      backupRetention: Duration.days(7),
    });

    const web = new ecsPatterns.ApplicationLoadBalancedFargateService(this, 'Web', {
      vpc,
      desiredCount: 2,
      minHealthyPercent: 100,
      circuitBreaker: { rollback: true },
      taskImageOptions: { image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable') },
    });
    web.loadBalancer.setAttribute('deletion_protection.enabled', 'true');
    // Traffic can be shifted away from an impaired zone (ARC zonal shift).
    web.loadBalancer.setAttribute('zonal_shift.config.enabled', 'true');
    web.targetGroup.configureHealthCheck({ path: '/health', interval: Duration.seconds(15), healthyThresholdCount: 2 });
    db.connections.allowDefaultPortFrom(web.service);

    // Someone hears about it when the database or the entry point is in trouble.
    const alarms = new sns.Topic(this, 'Alarms', { enforceSSL: true });
    for (const alarm of [
      db.metricCPUUtilization().createAlarm(this, 'DbCpu', { threshold: 80, evaluationPeriods: 3 }),
      web.targetGroup.metrics.unhealthyHostCount().createAlarm(this, 'UnhealthyHosts', { threshold: 1, evaluationPeriods: 2 }),
    ]) {
      alarm.addAlarmAction(new cwActions.SnsAction(alarms));
    }

    // Sessions are disposable: the missing point-in-time recovery (HA-DDB1) is acknowledged.
    const sessions = new dynamodb.Table(this, 'Sessions', {
      partitionKey: { name: 'id', type: dynamodb.AttributeType.STRING },
      billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
      deletionProtection: true,
    });
    if (props.acknowledgeSessions ?? true) {
      HaChecks.acknowledge(sessions, 'HA-DDB1', 'Sessions are disposable: losing them only signs users out.');
    }
  }
}

/** Builds the example app; the checks and the objectives apply to every stack in it. */
export function buildShopApp(app: App, props: ShopStackProps = {}): { stack: ShopStack; checks: HaChecks } {
  const stack = new ShopStack(app, 'Shop', props);
  // The shop must stay up through the loss of an instance or a zone; a Region failure may take it down.
  ResilienceObjectives.declare(app, {
    availabilityTarget: 99.9,
    instanceFailure: { rto: Duration.minutes(5), rpo: Duration.seconds(0) },
    zoneFailure: { rto: Duration.minutes(15), rpo: Duration.minutes(5) },
  });
  const checks = HaChecks.applyTo(app);
  return { stack, checks };
}

if (require.main === module) {
  const app = new App();
  // `cdk synth -c acknowledgeSessions=false` shows the finding that the acknowledgement hides.
  buildShopApp(app, { acknowledgeSessions: app.node.tryGetContext('acknowledgeSessions') !== 'false' });
  app.synth();
}
