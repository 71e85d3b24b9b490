import { Duration } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as sns from 'aws-cdk-lib/aws-sns';
import { ServingRegion } from './serving-region';
import { FailoverHealthCheckOptions } from '../active-passive-pair/props';

/** How Route 53 spreads clients over the serving Regions. */
export enum ActiveActiveRouting {
  /** Each client goes to the Region with the lowest latency for it (latency records). */
  LATENCY = 'LATENCY',
  /** Clients are spread in proportion to each Region's weight (weighted records). */
  WEIGHTED = 'WEIGHTED',
}

/** Properties of an `ActiveActive`. */
export interface ActiveActiveProps {
  /**
   * The Regions that serve at the same time, two or more, each once: `ServingRegion.webTier(tier)` or
   * `ServingRegion.loadBalancer(lb)`, in stacks of their Regions (with an `env`).
   */
  readonly regions: ServingRegion[];

  /** The hosted zone of the records. Its name must be known at synth time. */
  readonly hostedZone: route53.IHostedZone;

  /**
   * The name clients resolve: a label relative to the zone (`'www'`) or a fully qualified name in the zone.
   *
   * @default - the zone apex
   */
  readonly recordName?: string;

  /**
   * How Route 53 spreads clients over the healthy Regions.
   *
   * @default ActiveActiveRouting.LATENCY
   */
  readonly routing?: ActiveActiveRouting;

  /**
   * How Route 53 checks each Region's endpoint; an unhealthy Region gets no clients until it passes again.
   *
   * @default - HTTPS (HTTP for a web tier without a certificate) on '/', every 30 seconds, unhealthy after 3 failed checks
   */
  readonly healthCheck?: FailoverHealthCheckOptions;

  /**
   * The DynamoDB global table that holds the state every Region reads and writes. It must have a replica
   * in every serving Region (its own Region counts); `multiRegionConsistency: MultiRegionConsistency.STRONG`
   * gives reads that see every acknowledged write, in any Region.
   *
   * @default - no shared state is checked
   */
  readonly table?: dynamodb.TableV2;

  /**
   * The SNS topic the health check alarms notify. The alarms exist only in us-east-1 (or an
   * environment-agnostic stack), where Route 53 publishes health check metrics.
   *
   * @default - a new topic encrypted with a new KMS key, accepting only TLS, when the alarms are created
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * How long resolvers cache an answer; alias records to load balancers take the load balancer's fixed 60 seconds.
   *
   * @default Duration.seconds(60)
   */
  readonly ttl?: Duration;
}
