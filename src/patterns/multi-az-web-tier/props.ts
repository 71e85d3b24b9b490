import { Duration } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sns from 'aws-cdk-lib/aws-sns';
import { WebTierCompute } from './compute';

/**
 * How much capacity the application needs, in instances (EC2) or tasks (Fargate).
 */
export interface WebTierCapacityOptions {
  /**
   * The instances or tasks the application needs at peak load.
   *
   * The tier runs enough that losing one Availability Zone still leaves this many:
   * for N zones the minimum is `ceil(needed × N / (N − 1))`, and at least one per zone.
   * `MultiAzWebTier.minimumCapacityFor()` computes the same figure.
   */
  readonly needed: number;

  /**
   * The most instances or tasks scaling may run.
   *
   * Must be at least the computed minimum; with EC2 it must be above it, so that rolling
   * updates can launch new instances before old ones leave service.
   *
   * @default - twice the computed minimum
   */
  readonly maximum?: number;
}

/**
 * How the load balancer checks the health of each instance or task.
 */
export interface WebTierHealthCheckOptions {
  /**
   * The path the load balancer requests.
   *
   * @default '/'
   */
  readonly path?: string;

  /**
   * Time between two checks of one target.
   *
   * @default Duration.seconds(10)
   */
  readonly interval?: Duration;

  /**
   * Time after which a check without a response fails. Must be shorter than `interval`.
   *
   * @default Duration.seconds(5)
   */
  readonly timeout?: Duration;

  /**
   * Consecutive successful checks before an unhealthy target receives traffic again.
   *
   * @default 2
   */
  readonly healthyThresholdCount?: number;

  /**
   * Consecutive failed checks before a target stops receiving traffic (and, after the grace
   * period, is replaced).
   *
   * @default 2
   */
  readonly unhealthyThresholdCount?: number;

  /**
   * HTTP codes that count as healthy, e.g. `'200'`, `'200-299'` or `'200,204'`.
   *
   * @default '200-299'
   */
  readonly healthyHttpCodes?: string;
}

/**
 * Target tracking scaling between the computed minimum and `capacity.maximum`.
 */
export interface WebTierScalingOptions {
  /**
   * Average CPU utilization to keep the instances or tasks at, in percent.
   *
   * @default 50
   */
  readonly targetCpuUtilizationPercent?: number;

  /**
   * Requests per minute that each instance or task should serve on average
   * (the load balancer's `RequestCountPerTarget` metric).
   *
   * @default 1000
   */
  readonly targetRequestsPerMinute?: number;
}

/**
 * Thresholds of the tier's alarms.
 */
export interface WebTierAlarmOptions {
  /**
   * Share of requests, in percent, that the load balancer itself answers with a 5xx code
   * (no healthy target, target connection errors or timeouts) for the 5xx alarm to fire.
   * The alarm ignores minutes with fewer than 20 requests.
   *
   * @default 5
   */
  readonly loadBalancer5xxPercent?: number;

  /**
   * The 99th percentile of the targets' response time above which the latency alarm fires.
   *
   * @default Duration.seconds(1)
   */
  readonly targetResponseTime?: Duration;
}

/**
 * Properties of a MultiAzWebTier.
 */
export interface MultiAzWebTierProps {
  /**
   * What runs the application: `WebTierCompute.autoScaling(...)` (an EC2 Auto Scaling group)
   * or `WebTierCompute.fargate(...)` (an ECS service on Fargate).
   */
  readonly compute: WebTierCompute;

  /**
   * How much capacity the application needs at peak, from which the tier computes the
   * minimum that survives losing one Availability Zone.
   */
  readonly capacity: WebTierCapacityOptions;

  /**
   * The VPC to run in. Its compute subnets must be in at least two Availability Zones.
   *
   * @default - a new VPC across `maxAzs` zones, with public and private subnets, one NAT
   * gateway per zone and flow logs to the log bucket
   */
  readonly vpc?: ec2.IVpc;

  /**
   * How many Availability Zones the new VPC spans. Only for the VPC the tier creates; with
   * `vpc`, choose the zones through `computeSubnets`.
   *
   * An environment-agnostic stack only knows two zones: the tier then uses two and says so
   * in a warning.
   *
   * @default 3
   */
  readonly maxAzs?: number;

  /**
   * The subnets of the instances or tasks.
   *
   * @default - the private subnets with egress, or the isolated subnets if the VPC has none
   */
  readonly computeSubnets?: ec2.SubnetSelection;

  /**
   * The subnets of the load balancer, one per zone is used. They must cover every zone of
   * the compute subnets, or the targets in the missing zones get no traffic.
   *
   * @default - the public subnets for an internet-facing load balancer, otherwise the
   * compute subnets
   */
  readonly loadBalancerSubnets?: ec2.SubnetSelection;

  /**
   * Whether the load balancer is reachable from the internet.
   *
   * An internal load balancer accepts connections from the VPC's CIDR range; open it to
   * other sources through `loadBalancer.connections`.
   *
   * @default true
   */
  readonly internetFacing?: boolean;

  /**
   * The certificate of the HTTPS listener. HTTP is then redirected to HTTPS.
   *
   * @default - HTTP only, with a warning (`@cdk-ha/patterns:httpOnly`)
   */
  readonly certificate?: acm.ICertificate;

  /**
   * The TLS policy of the HTTPS listener.
   *
   * @default elbv2.SslPolicy.RECOMMENDED_TLS
   */
  readonly sslPolicy?: elbv2.SslPolicy;

  /**
   * How the load balancer checks the targets.
   *
   * @default - path '/', every 10 seconds, 5 second timeout, healthy after 2 and unhealthy
   * after 2 checks, codes 200-299
   */
  readonly healthCheck?: WebTierHealthCheckOptions;

  /**
   * How long the load balancer lets in-flight requests finish on a target that leaves service.
   *
   * @default Duration.seconds(30)
   */
  readonly deregistrationDelay?: Duration;

  /**
   * Target tracking settings.
   *
   * @default - 50% CPU and 1000 requests per target per minute
   */
  readonly scaling?: WebTierScalingOptions;

  /**
   * The SNS topic the alarms notify (on ALARM and on OK).
   *
   * @default - a new topic encrypted with a new KMS key, accepting only TLS
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Thresholds of the alarms.
   *
   * @default - 5% load balancer 5xx responses, 1 second p99 target response time
   */
  readonly alarmThresholds?: WebTierAlarmOptions;

  /**
   * The bucket for the load balancer's access logs (under `alb/`) and the new VPC's flow logs
   * (under `vpc-flow-logs/`). A bucket you bring must use SSE-S3 encryption (the only kind the
   * load balancer can write to) and, if it is imported, already allow the log deliveries.
   *
   * @default - a new bucket: SSE-S3 encrypted, versioned, TLS only, no public access,
   * retained when the stack is deleted, objects expire after `logRetention`
   */
  readonly logBucket?: s3.IBucket;

  /**
   * How long logs are kept: the objects in the new log bucket and, with Fargate, the
   * containers' log group.
   *
   * @default logs.RetentionDays.THREE_MONTHS
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * Whether AWS may shift the load balancer's traffic away from an Availability Zone it finds
   * impaired (ARC zonal autoshift), and practise it weekly: a practice run shifts traffic away
   * from one zone for about 30 minutes and ends early, as failed, when one of the tier's alarms
   * fires (the alarms are its outcome alarms). Zonal shift itself is always on; the tier's
   * statically stable minimum is what makes a shift safe.
   *
   * @default false
   */
  readonly zonalAutoshift?: boolean;
}
