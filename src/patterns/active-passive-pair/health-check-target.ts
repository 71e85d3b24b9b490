// Internal to the pair and to ActiveActive: what Route 53 health checks. Not exported from the package.
import * as route53 from 'aws-cdk-lib/aws-route53';
import { FailoverHealthCheckProtocol } from './props';

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
