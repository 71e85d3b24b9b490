import { Annotations, Duration, Stack, Tags, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as sns from 'aws-cdk-lib/aws-sns';
import { Construct } from 'constructs';
import { compareTiers } from './drift';
import { FailoverEndpoint } from './endpoint';
import { HEALTH_CHECK_TYPES, healthCheckUnhealthyAlarm, METRICS_REGION } from './health-check-target';
import { ActivePassivePairProps, FailoverHealthCheckOptions, FailoverHealthCheckProtocol, StandbyMode } from './props';
import { MAX_FAILURE_THRESHOLD, ROUTE53_INTERVALS, validateActivePassivePairProps } from './validate';
import { alarmTopic, notify } from '../common/alarm-topic';
import { MultiAzWebTier } from '../multi-az-web-tier/multi-az-web-tier';

const DEFAULT_INTERVAL = Duration.seconds(30);
const DEFAULT_FAILURE_THRESHOLD = 3;
const DEFAULT_TTL = Duration.seconds(60);
/** The TTL of a load balancer's DNS answers, which an alias record to it takes (Route 53 FAQ). */
const LOAD_BALANCER_ALIAS_TTL = Duration.seconds(60);

/**
 * Automated DNS failover from a primary endpoint to a standby, possibly in another Region: Route 53
 * health checks on both endpoints, PRIMARY and SECONDARY failover records in a hosted zone, and
 * alarms that say when either endpoint is unhealthy, so that no person has to switch DNS when the
 * primary fails.
 *
 * Load balancers and `MultiAzWebTier`s are alias records that also evaluate the load balancer's
 * target health; domain names (CNAME) and IP addresses (A or AAAA) get a short TTL. When both
 * endpoints are `MultiAzWebTier`s, the pair compares them against `standbyMode` and warns about
 * drift that breaks it.
 *
 * Route 53 publishes health check metrics only in us-east-1, so the alarms are created when the
 * pair's stack is in us-east-1 or environment-agnostic (deploy it to us-east-1 then). Records and
 * health checks are global: put the pair in a us-east-1 stack and reference endpoints in other
 * Regions with `crossRegionReferences: true`.
 *
 * ```ts
 * import * as route53 from 'aws-cdk-lib/aws-route53';
 * import { ActivePassivePair, FailoverEndpoint, MultiAzWebTier, StandbyMode } from 'cdk-ha';
 *
 * declare const zone: route53.IHostedZone;
 * declare const primaryTier: MultiAzWebTier; // in eu-west-1
 * declare const standbyTier: MultiAzWebTier; // in eu-central-1
 *
 * const pair = new ActivePassivePair(this, 'Site', {
 *   primary: FailoverEndpoint.webTier(primaryTier),
 *   standby: FailoverEndpoint.webTier(standbyTier),
 *   hostedZone: zone,
 *   recordName: 'www',
 *   healthCheck: { path: '/health' },
 *   standbyMode: StandbyMode.WARM,
 * });
 * ```
 *
 * Warnings (acknowledge them with `Annotations.of(pair).acknowledgeWarning(id, reason)`):
 * `@cdk-ha/patterns:standbyComputeDrift`, `@cdk-ha/patterns:standbyInstanceDrift`,
 * `@cdk-ha/patterns:standbyCapacityDrift` (the web tiers differ in a way that breaks the standby
 * mode), `@cdk-ha/patterns:healthCheckAlarmsRegion` (the stack is in a Region without Route 53
 * metrics, so no alarms were created), `@cdk-ha/patterns:failoverTimeUnresolved` (a health check
 * setting or the TTL is a token, so `estimatedFailoverTime` is an upper bound or leaves the TTL out).
 *
 * @experimental
 */
export class ActivePassivePair extends Construct {
  /** The name clients resolve, fully qualified without the trailing dot (a token when the zone's name is one). */
  public readonly domainName: string;

  /** The standby mode the tiers were compared against. */
  public readonly standbyMode: StandbyMode;

  /** The health check of the primary endpoint, on its PRIMARY record. */
  public readonly primaryHealthCheck: route53.HealthCheck;

  /** The health check of the standby endpoint, on its SECONDARY record. */
  public readonly standbyHealthCheck: route53.HealthCheck;

  /** The PRIMARY failover record, which Route 53 answers with while the primary is healthy. */
  public readonly primaryRecord: route53.RecordSet;

  /** The SECONDARY failover record, which Route 53 answers with while the primary is unhealthy. */
  public readonly standbyRecord: route53.RecordSet;

  /**
   * The alarms on the health checks' status: the primary is unhealthy (DNS has failed over), and the
   * standby is unhealthy (there is nothing to fail over to). Each notifies `alarmTopic` on ALARM
   * and on OK. Empty when the stack is in a Region other than us-east-1.
   */
  public readonly alarms: cloudwatch.Alarm[];

  /**
   * The topic the alarms notify.
   *
   * @default - none when no alarms were created
   */
  public readonly alarmTopic?: sns.ITopic;

  /**
   * How long Route 53 takes to see that the primary has failed: `interval × failureThreshold`
   * (90 seconds with the defaults, 30 seconds with the fast interval).
   */
  public readonly failoverDetectionTime: Duration;

  /**
   * The estimated time from the primary failing to clients reaching the standby: the detection
   * time (`interval × failureThreshold`) plus the time resolvers may still cache the primary's
   * answer: the record's `ttl` when the primary is a domain name or IP address, or the fixed 60
   * seconds of a load balancer's DNS answers when it is an alias. With the defaults,
   * 30 s × 3 + 60 s = 150 seconds; with the fast interval, 10 s × 3 + 60 s = 90 seconds.
   *
   * An estimate, to confirm by testing: Route 53 health checkers in several locations decide
   * together, some clients and resolvers cache longer than the TTL, and with a warm standby or a
   * pilot light the standby must still scale up.
   */
  public readonly estimatedFailoverTime: Duration;

  /**
   * The primary's web tier, when the primary endpoint is one.
   *
   * @internal
   */
  public readonly _primaryTier?: MultiAzWebTier;

  /**
   * The standby's web tier, when the standby endpoint is one.
   *
   * @internal
   */
  public readonly _standbyTier?: MultiAzWebTier;

  constructor(scope: Construct, id: string, props: ActivePassivePairProps) {
    super(scope, id);
    const name = validateActivePassivePairProps(this, props);
    this.domainName = name.domainName;
    this.standbyMode = props.standbyMode ?? StandbyMode.HOT;
    const hc = props.healthCheck ?? {};
    const ttl = props.ttl ?? DEFAULT_TTL;

    this.primaryHealthCheck = this.healthCheck('PrimaryHealthCheck', props.primary, hc, 'primary');
    this.standbyHealthCheck = this.healthCheck('SecondaryHealthCheck', props.standby, hc, 'standby');
    this.primaryRecord = this.record('PrimaryRecord', props, props.primary, route53.Failover.PRIMARY, this.primaryHealthCheck, name.recordName, ttl);
    this.standbyRecord = this.record('SecondaryRecord', props, props.standby, route53.Failover.SECONDARY, this.standbyHealthCheck, name.recordName, ttl);

    const stack = Stack.of(this);
    if (Token.isUnresolved(stack.region) || stack.region === METRICS_REGION) {
      this.alarmTopic = alarmTopic(this, props.alarmTopic);
      this.alarms = [
        this.unhealthyAlarm('PrimaryUnhealthyAlarm', this.primaryHealthCheck,
          `the primary (${props.primary._description}) has failed its Route 53 health check, so DNS now answers with the standby `
          + `(${props.standby._description}). Find out why the primary failed; Route 53 returns to it by itself once it passes again.`),
        this.unhealthyAlarm('SecondaryUnhealthyAlarm', this.standbyHealthCheck,
          `the standby (${props.standby._description}) has failed its Route 53 health check: if the primary fails now, `
          + 'there is nothing to fail over to. Bring the standby back before the primary needs it.'),
      ];
    } else {
      this.alarms = [];
      Annotations.of(this).addWarningV2('@cdk-ha/patterns:healthCheckAlarmsRegion',
        `ActivePassivePair at '${this.node.path}': stack ${stack.stackName} is in ${stack.region}, but Route 53 publishes health check metrics `
        + `only in ${METRICS_REGION}, so no alarms on the health checks were created and no one is told when DNS fails over. Put the pair in a stack `
        + `in ${METRICS_REGION} (records and health checks are global; reference endpoints in other Regions with crossRegionReferences: true), `
        + `or alarm on the HealthCheckStatus of primaryHealthCheck and standbyHealthCheck from a stack in ${METRICS_REGION}.`);
    }

    const timing = this.estimate(props, hc, ttl);
    this.failoverDetectionTime = timing.detection;
    this.estimatedFailoverTime = timing.total;

    const primaryTier = props.primary._webTier;
    const standbyTier = props.standby._webTier;
    this._primaryTier = primaryTier;
    this._standbyTier = standbyTier;
    if (primaryTier && standbyTier) {
      for (const drift of compareTiers(this.standbyMode, primaryTier, standbyTier)) {
        Annotations.of(this).addWarningV2(drift.id, `ActivePassivePair at '${this.node.path}' (StandbyMode.${this.standbyMode}): ${drift.message}`);
      }
    }
  }

  private healthCheck(id: string, endpoint: FailoverEndpoint, hc: FailoverHealthCheckOptions, role: string): route53.HealthCheck {
    const protocol = hc.protocol ?? endpoint._defaultProtocol;
    const healthCheck = new route53.HealthCheck(this, id, {
      type: HEALTH_CHECK_TYPES[protocol],
      ...endpoint._healthCheckTarget(this.domainName),
      port: hc.port ?? (protocol === FailoverHealthCheckProtocol.HTTP ? 80 : 443),
      resourcePath: protocol === FailoverHealthCheckProtocol.TCP ? undefined : hc.path ?? '/',
      requestInterval: hc.interval ?? DEFAULT_INTERVAL,
      failureThreshold: hc.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD,
    });
    // The Route 53 console lists health checks by their Name tag.
    Tags.of(healthCheck).add('Name', limit(`${this.domainName} ${role}`, 255));
    return healthCheck;
  }

  private record(id: string, props: ActivePassivePairProps, endpoint: FailoverEndpoint, failover: route53.Failover,
    healthCheck: route53.HealthCheck, recordName: string, ttl: Duration): route53.RecordSet {
    return new route53.RecordSet(this, id, {
      zone: props.hostedZone,
      recordName,
      recordType: endpoint._recordType,
      target: endpoint._target(),
      // An alias takes its target's TTL.
      ttl: endpoint._alias ? undefined : ttl,
      failover,
      // An alias to a load balancer also evaluates its target health: the record fails over when
      // the load balancer answers but has no healthy targets.
      healthCheck,
      setIdentifier: failover === route53.Failover.PRIMARY ? 'primary' : 'secondary',
      comment: limit(`${failover === route53.Failover.PRIMARY ? 'Primary' : 'Secondary'} of ${this.node.path}: ${endpoint._description}`, 255),
    });
  }

  private unhealthyAlarm(id: string, healthCheck: route53.HealthCheck, what: string): cloudwatch.Alarm {
    const alarm = healthCheckUnhealthyAlarm(this, id, healthCheck, `${this.node.path}: ${what}`);
    return notify(alarm, this.alarmTopic!);
  }

  /**
   * The detection time and the estimated failover time. Settings that are tokens count as Route 53's
   * maximum (30 seconds, 10 checks); a TTL that is a token is left out. Either way a warning says so.
   */
  private estimate(props: ActivePassivePairProps, hc: FailoverHealthCheckOptions, ttl: Duration): { detection: Duration; total: Duration } {
    const unresolved: string[] = [];
    const interval = hc.interval ?? DEFAULT_INTERVAL;
    let intervalSeconds = Math.max(...ROUTE53_INTERVALS);
    if (interval.isUnresolved()) unresolved.push('healthCheck.interval (counted as 30 seconds)');
    else intervalSeconds = interval.toSeconds();
    const threshold = hc.failureThreshold ?? DEFAULT_FAILURE_THRESHOLD;
    let checks = MAX_FAILURE_THRESHOLD;
    if (Token.isUnresolved(threshold)) unresolved.push(`healthCheck.failureThreshold (counted as ${MAX_FAILURE_THRESHOLD})`);
    else checks = threshold;
    const detection = Duration.seconds(intervalSeconds * checks);

    let cached = 0;
    if (props.primary._alias) cached = LOAD_BALANCER_ALIAS_TTL.toSeconds();
    else if (ttl.isUnresolved()) unresolved.push('ttl (left out)');
    else cached = ttl.toSeconds();

    if (unresolved.length) {
      Annotations.of(this).addWarningV2('@cdk-ha/patterns:failoverTimeUnresolved',
        `ActivePassivePair at '${this.node.path}': ${unresolved.join(', ')} ${unresolved.length === 1 ? 'is a token' : 'are tokens'}, so `
        + `estimatedFailoverTime (${detection.toSeconds() + cached} seconds) is not exact. Use numbers and durations to get the estimate.`);
    }
    return { detection, total: Duration.seconds(detection.toSeconds() + cached) };
  }
}

/** A text cut to Route 53's limit for comments and tag values; texts with tokens are left whole. */
function limit(text: string, max: number): string {
  return Token.isUnresolved(text) || text.length <= max ? text : `${text.slice(0, max - 3)}...`;
}
