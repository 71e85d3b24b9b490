import { Annotations, Duration, Stack, Tags, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { compareRegions } from './drift';
import { ActiveActiveProps, ActiveActiveRouting } from './props';
import { validateActiveActiveProps } from './validate';
import { HEALTH_CHECK_TYPES, healthCheckUnhealthyAlarm, METRICS_REGION } from '../active-passive-pair/health-check-target';
import { FailoverHealthCheckProtocol } from '../active-passive-pair/props';
import { alarmTopic, notify } from '../common/alarm-topic';

const DEFAULT_INTERVAL = Duration.seconds(30);
const DEFAULT_FAILURE_THRESHOLD = 3;
const DEFAULT_TTL = Duration.seconds(60);
/** The fixed TTL of a load balancer's DNS answers, which alias records take (Route 53 FAQ). */
const ALIAS_TTL_SECONDS = 60;

/**
 * Two or more Regions that serve at the same time: a latency (or weighted) record per Region, each with
 * a Route 53 health check, so that clients go to their nearest healthy Region and leave a failed one
 * after `estimatedFailoverTime`, with alarms on every health check; the Regions' web tiers are compared
 * for drift, and the DynamoDB global table that holds the shared state must have a replica in every
 * serving Region.
 *
 * ```ts
 * import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
 * import * as route53 from 'aws-cdk-lib/aws-route53';
 * import { ActiveActive, MultiAzWebTier, ServingRegion } from 'cdk-ha';
 *
 * declare const zone: route53.IHostedZone;
 * declare const europe: MultiAzWebTier;   // in eu-west-1
 * declare const america: MultiAzWebTier;  // in us-east-2
 * declare const table: dynamodb.TableV2;  // with a replica in both Regions
 *
 * new ActiveActive(this, 'Site', {
 *   regions: [ServingRegion.webTier(europe), ServingRegion.webTier(america)],
 *   hostedZone: zone,
 *   recordName: 'www',
 *   table,
 * });
 * ```
 *
 * Warnings: `@cdk-ha/patterns:regionComputeDrift`, `@cdk-ha/patterns:regionCapacityDrift` (the Regions'
 * web tiers differ, or cannot absorb a failed Region), `@cdk-ha/patterns:healthCheckAlarmsRegion`.
 *
 * @experimental
 */
export class ActiveActive extends Construct {
  /** The name clients resolve, without the trailing dot. */
  public readonly domainName: string;

  /** The serving Regions, in the order given. */
  public readonly regionNames: string[];

  /** The health check of each Region's endpoint, in the order of `regions`. */
  public readonly healthChecks: route53.HealthCheck[];

  /** The latency or weighted record of each Region, in the order of `regions`. */
  public readonly records: route53.RecordSet[];

  /** An alarm per Region on its health check (empty outside us-east-1). */
  public readonly alarms: cloudwatch.Alarm[];

  /**
   * The topic the alarms notify.
   *
   * @default - none when no alarms were created
   */
  public readonly alarmTopic?: sns.ITopic;

  /** How long Route 53 takes to see a Region fail: interval × failure threshold. */
  public readonly failoverDetectionTime: Duration;

  /**
   * The estimated time from a Region failing to its clients reaching another: detection plus the
   * TTL of the answers (60 seconds for load balancers). With the defaults, 30 s × 3 + 60 s = 150 seconds.
   */
  public readonly estimatedFailoverTime: Duration;

  constructor(scope: Construct, id: string, props: ActiveActiveProps) {
    super(scope, id);
    const { name, regions } = validateActiveActiveProps(this, props);
    this.domainName = name.domainName;
    this.regionNames = regions;
    const routing = props.routing ?? ActiveActiveRouting.LATENCY;
    const hc = props.healthCheck ?? {};
    const interval = hc.interval ?? DEFAULT_INTERVAL;
    const threshold = hc.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
    const ttl = props.ttl ?? DEFAULT_TTL;

    this.healthChecks = [];
    this.records = [];
    props.regions.forEach((serving, i) => {
      const endpoint = serving._endpoint;
      const region = regions[i];
      const protocol = hc.protocol ?? endpoint._defaultProtocol;
      const healthCheck = new route53.HealthCheck(this, `HealthCheck${i + 1}`, {
        type: HEALTH_CHECK_TYPES[protocol],
        ...endpoint._healthCheckTarget(this.domainName),
        port: hc.port ?? (protocol === FailoverHealthCheckProtocol.HTTP ? 80 : 443),
        resourcePath: protocol === FailoverHealthCheckProtocol.TCP ? undefined : hc.path ?? '/',
        requestInterval: interval,
        failureThreshold: threshold,
      });
      Tags.of(healthCheck).add('Name', `${this.domainName} ${region}`);
      const record = new route53.RecordSet(this, `Record${i + 1}`, {
        zone: props.hostedZone,
        recordName: name.recordName,
        recordType: endpoint._recordType,
        target: endpoint._target(),
        ttl: endpoint._alias ? undefined : ttl,
        healthCheck,
        setIdentifier: region,
        region: routing === ActiveActiveRouting.LATENCY ? region : undefined,
        weight: routing === ActiveActiveRouting.WEIGHTED ? serving._weight ?? 1 : undefined,
        comment: `${region} of ${this.node.path}: ${endpoint._description}`.slice(0, 255),
      });
      this.healthChecks.push(healthCheck);
      this.records.push(record);
    });

    const stack = Stack.of(this);
    if (Token.isUnresolved(stack.region) || stack.region === METRICS_REGION) {
      this.alarmTopic = alarmTopic(this, props.alarmTopic);
      this.alarms = this.healthChecks.map((healthCheck, i) => notify(healthCheckUnhealthyAlarm(this, `Region${i + 1}UnhealthyAlarm`, healthCheck,
        `${this.node.path}: ${regions[i]} (${props.regions[i]._endpoint._description}) failed its Route 53 health check, so its clients `
        + 'now go to the other Regions, which must carry them. Find out why; Route 53 sends clients back once it passes again.'), this.alarmTopic!));
    } else {
      this.alarms = [];
      Annotations.of(this).addWarningV2('@cdk-ha/patterns:healthCheckAlarmsRegion',
        `ActiveActive at '${this.node.path}': stack ${stack.stackName} is in ${stack.region}, but Route 53 publishes health check metrics only in `
        + `${METRICS_REGION}, so no alarms on the health checks were created. Put the construct in a stack in ${METRICS_REGION}.`);
    }

    // Tokens count as Route 53's maximum: 30 seconds, 10 checks.
    const detection = interval.isUnresolved() || Token.isUnresolved(threshold)
      ? Duration.seconds(30 * 10) : Duration.seconds(interval.toSeconds() * threshold);
    this.failoverDetectionTime = detection;
    const cached = props.regions[0]?._endpoint._alias ? ALIAS_TTL_SECONDS : ttl.isUnresolved() ? 0 : ttl.toSeconds();
    this.estimatedFailoverTime = Duration.seconds(detection.toSeconds() + cached);

    const tiers = props.regions.flatMap((r, i) => (r._tier ? [{ region: regions[i], tier: r._tier }] : []));
    for (const drift of compareRegions(tiers)) {
      Annotations.of(this).addWarningV2(drift.id, `ActiveActive at '${this.node.path}': ${drift.message}`);
    }
  }
}
