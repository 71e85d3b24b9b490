// Internal to the pair and to ActiveActive: what Route 53 health checks. Not exported from the package.
import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { FailoverHealthCheckProtocol } from './props';

/** The only Region where Route 53 publishes health check metrics (the commercial partition). */
export const METRICS_REGION = 'us-east-1';

/** The Route 53 health check type of each protocol. */
export const HEALTH_CHECK_TYPES: Record<FailoverHealthCheckProtocol, route53.HealthCheckType> = {
  [FailoverHealthCheckProtocol.HTTPS]: route53.HealthCheckType.HTTPS,
  [FailoverHealthCheckProtocol.HTTP]: route53.HealthCheckType.HTTP,
  [FailoverHealthCheckProtocol.TCP]: route53.HealthCheckType.TCP,
};

/** Where a Route 53 health check sends its requests. */
export interface HealthCheckTarget {
  /** The name Route 53 resolves (without `ipAddress`) or sends as Host header and SNI name (with it). */
  readonly fqdn?: string;
  /** The address Route 53 checks. */
  readonly ipAddress?: string;
}

/** An alarm that fires when a Route 53 health check reports its endpoint unhealthy. */
export function healthCheckUnhealthyAlarm(scope: Construct, id: string, healthCheck: route53.IHealthCheck, description: string): cloudwatch.Alarm {
  return new cloudwatch.Alarm(scope, id, {
    alarmDescription: description,
    metric: new cloudwatch.Metric({
      namespace: 'AWS/Route53',
      metricName: 'HealthCheckStatus',
      dimensionsMap: { HealthCheckId: healthCheck.healthCheckId },
      statistic: cloudwatch.Stats.MINIMUM,
      period: Duration.minutes(1),
    }),
    // 1 is healthy, 0 unhealthy; the health check itself already waited for failureThreshold failures.
    threshold: 1,
    comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_THRESHOLD,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    // Route 53 reports the status every minute. No data means the health check is gone or the
    // alarm is in a Region without Route 53 metrics: either way the failover is not watched.
    treatMissingData: cloudwatch.TreatMissingData.BREACHING,
  });
}
