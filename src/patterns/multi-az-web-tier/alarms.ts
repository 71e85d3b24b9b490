import { Duration, Token, Tokenization } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { WebTierAlarmOptions } from './props';
import { notify } from '../common/alarm-topic';

/** What the alarms watch. */
export interface WebTierAlarmContext {
  readonly loadBalancer: elbv2.ApplicationLoadBalancer;
  readonly targetGroup: elbv2.ApplicationTargetGroup;
  /** The distinct zones of the compute, as the subnets name them (literal or tokens). */
  readonly zones: string[];
  readonly minimum: number;
  readonly topic: sns.ITopic;
  readonly thresholds: WebTierAlarmOptions;
}

const MINUTE = Duration.minutes(1);

/**
 * The tier's alarms, each notifying the topic on ALARM and OK: unhealthy targets, too few
 * healthy targets in each zone, load balancer 5xx responses and slow targets.
 */
export function createAlarms(scope: Construct, c: WebTierAlarmContext): cloudwatch.Alarm[] {
  const path = scope.node.path;
  const alarms: cloudwatch.Alarm[] = [];

  alarms.push(new cloudwatch.Alarm(scope, 'UnhealthyHostsAlarm', {
    alarmDescription: `${path}: targets have failed the load balancer's health checks for 5 minutes and were not replaced. `
      + 'Check the application logs of the unhealthy targets and the health check path.',
    metric: c.targetGroup.metrics.unhealthyHostCount({ statistic: cloudwatch.Stats.MAXIMUM, period: MINUTE }),
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  }));

  // The share of the minimum each zone holds when capacity is balanced; below it, the zone has
  // lost capacity and the tier no longer survives losing another zone at peak.
  const perZone = Token.isUnresolved(c.minimum) ? 1 : Math.max(1, Math.floor(c.minimum / c.zones.length));
  c.zones.forEach((zone, i) => {
    alarms.push(new cloudwatch.Alarm(scope, `HealthyHostsZone${i + 1}Alarm`, {
      alarmDescription: `${path}: fewer than ${perZone} healthy target${perZone === 1 ? '' : 's'} in Availability Zone ${i + 1} `
        + 'for 3 minutes, so the tier may not keep its needed capacity if another zone fails. '
        + 'Check why instances or tasks in that zone fail to launch or to pass health checks.',
      metric: new cloudwatch.Metric({
        namespace: 'AWS/ApplicationELB',
        metricName: 'HealthyHostCount',
        dimensionsMap: {
          LoadBalancer: c.loadBalancer.loadBalancerFullName,
          TargetGroup: c.targetGroup.targetGroupFullName,
          AvailabilityZone: zone,
        },
        statistic: cloudwatch.Stats.MINIMUM,
        period: MINUTE,
      }),
      threshold: perZone,
      comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      // The load balancer reports this metric every minute; silence means no targets at all.
      treatMissingData: cloudwatch.TreatMissingData.BREACHING,
    }));
  });

  const percent = c.thresholds.loadBalancer5xxPercent ?? 5;
  alarms.push(new cloudwatch.Alarm(scope, 'LoadBalancer5xxAlarm', {
    alarmDescription: `${path}: the load balancer answered more than ${Tokenization.stringifyNumber(percent)}% of requests with a 5xx code itself `
      + '(no healthy target, connection errors or timeouts) in 3 of the last 5 minutes.',
    metric: new cloudwatch.MathExpression({
      // Minutes with little traffic are ignored: one failed request of three is not an outage.
      expression: 'IF(requests >= 20, 100 * errors / requests, 0)',
      usingMetrics: {
        errors: c.loadBalancer.metrics.httpCodeElb(elbv2.HttpCodeElb.ELB_5XX_COUNT, { statistic: cloudwatch.Stats.SUM, period: MINUTE }),
        requests: c.loadBalancer.metrics.requestCount({ statistic: cloudwatch.Stats.SUM, period: MINUTE }),
      },
      label: 'Load balancer 5xx responses (% of requests)',
      period: MINUTE,
    }),
    threshold: percent,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 5,
    datapointsToAlarm: 3,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  }));

  const responseTime = c.thresholds.targetResponseTime ?? Duration.seconds(1);
  alarms.push(new cloudwatch.Alarm(scope, 'TargetResponseTimeAlarm', {
    alarmDescription: `${path}: the 99th percentile of the targets' response time was above the threshold for 5 minutes.`,
    metric: c.targetGroup.metrics.targetResponseTime({ statistic: cloudwatch.Stats.p(99), period: MINUTE }),
    threshold: responseTime.isUnresolved() ? responseTime.toSeconds() : responseTime.toMilliseconds() / 1000,
    comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
    evaluationPeriods: 5,
    datapointsToAlarm: 5,
    treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
  }));

  for (const alarm of alarms) notify(alarm, c.topic);
  return alarms;
}
