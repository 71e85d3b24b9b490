import { Duration } from 'aws-cdk-lib';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as sns from 'aws-cdk-lib/aws-sns';
import { FailoverEndpoint } from './endpoint';

/**
 * How ready the standby is to take the primary's traffic. When both endpoints are
 * `MultiAzWebTier`s, the pair compares them and warns about differences that break the mode.
 */
export enum StandbyMode {
  /**
   * The standby carries the primary's full load the moment DNS fails over: the same compute
   * (EC2 or Fargate) and instance type or task size, at least as many instances or tasks in service
   * after losing an Availability Zone as the primary, and the same maximum capacity.
   * `estimatedFailoverTime` is then the time to recovery.
   */
  HOT = 'HOT',

  /**
   * The standby runs a scaled-down copy of the primary that scales up by itself after a
   * failover: the same compute and instance type or task size, and at least the primary's maximum
   * capacity. Recovery takes `estimatedFailoverTime` plus the time scaling takes to add capacity.
   */
  WARM = 'WARM',

  /**
   * The standby runs the least capacity it can and is scaled up (by hand or by automation) when
   * it takes over: the same compute and CPU architecture (the primary's AMI or image runs on it),
   * and a maximum capacity that reaches what the primary keeps in service after losing a zone.
   * Recovery takes `estimatedFailoverTime` plus the scale-up.
   */
  PILOT_LIGHT = 'PILOT_LIGHT',
}

/**
 * The protocol of the Route 53 health checks.
 */
export enum FailoverHealthCheckProtocol {
  /** An HTTPS request, with the checked name in SNI; healthy on a 2xx or 3xx response. */
  HTTPS = 'HTTPS',

  /** An HTTP request; healthy on a 2xx or 3xx response. */
  HTTP = 'HTTP',

  /** A TCP connection; healthy when it is established. Needs `port`. */
  TCP = 'TCP',
}

/**
 * How Route 53 checks the health of both endpoints.
 */
export interface FailoverHealthCheckOptions {
  /**
   * The protocol of the checks.
   *
   * @default - HTTPS; HTTP for a `MultiAzWebTier` without a certificate, which serves HTTP only
   */
  readonly protocol?: FailoverHealthCheckProtocol;

  /**
   * The path Route 53 requests with HTTP or HTTPS. It must start with '/'; point it at a page that
   * checks what the application needs to serve requests.
   *
   * @default '/'
   */
  readonly path?: string;

  /**
   * The port Route 53 connects to.
   *
   * @default - 443 for HTTPS, 80 for HTTP; required for TCP
   */
  readonly port?: number;

  /**
   * The time between two checks by each Route 53 health checker: 30 seconds (standard) or
   * 10 seconds (fast, at extra cost), the only values Route 53 accepts.
   *
   * @default Duration.seconds(30)
   */
  readonly interval?: Duration;

  /**
   * Consecutive failed (or passed) checks before Route 53 considers an endpoint unhealthy (or
   * healthy again), from 1 to 10.
   *
   * @default 3
   */
  readonly failureThreshold?: number;
}

/**
 * Properties of an `ActivePassivePair`.
 */
export interface ActivePassivePairProps {
  /**
   * The endpoint that serves traffic while it is healthy:
   * `FailoverEndpoint.webTier(tier)`, `FailoverEndpoint.loadBalancer(lb)`,
   * `FailoverEndpoint.domainName(name)` or `FailoverEndpoint.ipAddress(ip)`.
   * It may live in a stack in another Region (with `crossRegionReferences`).
   */
  readonly primary: FailoverEndpoint;

  /**
   * The standby endpoint, which serves traffic while the primary is unhealthy. Its records must
   * have the primary's type: load balancers, web tiers and IPv4 addresses answer with A records,
   * IPv6 addresses with AAAA, domain names with CNAME.
   */
  readonly standby: FailoverEndpoint;

  /**
   * The hosted zone of the failover records. Its name must be known at synth time: a zone of this
   * app, or one imported with `HostedZone.fromHostedZoneAttributes`.
   */
  readonly hostedZone: route53.IHostedZone;

  /**
   * The name clients resolve: a label relative to the zone (`'www'`) or a fully qualified name
   * in the zone (`'www.example.com'`).
   *
   * @default - the zone apex
   */
  readonly recordName?: string;

  /**
   * How Route 53 checks both endpoints.
   *
   * @default - HTTPS (HTTP for a web tier without a certificate) on '/', every 30 seconds,
   * unhealthy after 3 failed checks
   */
  readonly healthCheck?: FailoverHealthCheckOptions;

  /**
   * How long resolvers cache the answer of a record that is not an alias (domain names and IP
   * addresses). Clients keep using a failed primary for up to this long after Route 53 has
   * switched. Alias records to load balancers have the load balancer's fixed TTL of 60 seconds.
   *
   * @default Duration.seconds(60)
   */
  readonly ttl?: Duration;

  /**
   * How ready the standby is. When both endpoints are `MultiAzWebTier`s, the pair warns about
   * differences between them that break this mode.
   *
   * @default StandbyMode.HOT
   */
  readonly standbyMode?: StandbyMode;

  /**
   * The SNS topic the health check alarms notify (on ALARM and on OK). The alarms exist only in
   * us-east-1 (or an environment-agnostic stack), where Route 53 publishes health check metrics.
   *
   * @default - a new topic encrypted with a new KMS key, accepting only TLS, when the alarms are created
   */
  readonly alarmTopic?: sns.ITopic;
}
