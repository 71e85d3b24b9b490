import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { DrillScenario } from './scenario';
import { MultiAzWebTier } from '../multi-az-web-tier/multi-az-web-tier';
import { ReplicatedDatabase } from '../replicated-database/replicated-database';

/**
 * An Availability Zone power interruption over some building blocks, as AWS's "AZ Availability:
 * Power Interruption" scenario runs it.
 */
export interface ZonePowerInterruptionOptions {
  /**
   * The web tiers that lose the zone: their instances there stop (and their group cannot launch
   * there), or their tasks there stop, and their subnets there lose connectivity.
   *
   * @default - none
   */
  readonly webTiers?: MultiAzWebTier[];

  /**
   * The databases that fail over when their writer is in the zone: a Multi-AZ DB instance whose
   * primary is there (found when the experiment runs), an Aurora cluster whose writer was placed there.
   * Their subnets in the zone lose connectivity with the tiers'.
   *
   * @default - none
   */
  readonly databases?: ReplicatedDatabase[];

  /**
   * The zone that loses power, by name (for example `eu-west-1a`).
   *
   * @default - the first zone of the first web tier, else of the first database
   */
  readonly zone?: string;

  /**
   * How long the zone stays without power: instances stay stopped and launches there fail for this long.
   * From 1 minute to 12 hours.
   *
   * @default Duration.minutes(30)
   */
  readonly duration?: Duration;

  /**
   * How long the zone's subnets lose all connectivity, from the start. AWS's scenario cuts them for
   * 2 minutes: long enough for connections to time out and clients to resolve names again.
   * At most `duration`.
   *
   * @default Duration.minutes(2)
   */
  readonly connectivityLoss?: Duration;
}

/**
 * How a building block loses a zone.
 */
export interface ZoneLossOptions {
  /**
   * The zone that is lost, by name.
   *
   * @default - the first zone of the building block
   */
  readonly zone?: string;

  /**
   * How long the zone is lost, from 1 minute to 12 hours.
   *
   * @default Duration.minutes(30)
   */
  readonly duration?: Duration;
}

/**
 * How the primary endpoint of a pair is lost.
 */
export interface EndpointLossOptions {
  /**
   * How long the primary's load balancer subnets stay cut off, from 1 minute to 12 hours. It must
   * outlast the health checks' detection time (90 seconds by default) and the DNS TTL for clients
   * to reach the standby.
   *
   * @default Duration.minutes(10)
   */
  readonly duration?: Duration;
}

/**
 * Properties of a FailoverDrill.
 */
export interface FailoverDrillProps {
  /**
   * What the drill breaks: `DrillScenario.zonePowerInterruption(...)`, `DrillScenario.webTierZoneLoss(tier)`,
   * `DrillScenario.databaseFailover(db)` or `DrillScenario.primaryEndpointLoss(pair)`.
   */
  readonly scenario: DrillScenario;

  /**
   * Alarms that stop the experiment when they fire, besides the building blocks' own (see
   * `useBuildingBlockAlarms`). They must be in the drill's Region.
   *
   * @default - none
   */
  readonly stopConditions?: cloudwatch.IAlarm[];

  /**
   * Whether the building blocks' alarms that the drill does not set off on purpose stop it: the web
   * tiers' 5xx and response-time alarms, the databases' CPU, memory, connections and storage alarms,
   * the pair's alarm on its standby. Alarms that the drill sets off by design (a zone short of
   * healthy targets, unhealthy targets, replica lag, the pair's primary) are left out.
   *
   * @default true
   */
  readonly useBuildingBlockAlarms?: boolean;

  /**
   * Where the experiments write their logs.
   *
   * @default - a new log group, kept for `logRetention`
   */
  readonly logGroup?: logs.ILogGroup;

  /**
   * How long the new log group keeps the experiments' logs.
   *
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * When EventBridge Scheduler starts the experiment, for example monthly:
   * `scheduler.ScheduleExpression.cron({ day: '1', hour: '10', minute: '0' })`. Each run disrupts
   * production as the scenario says, and costs its FIS action-minutes; see the README.
   *
   * @default - no schedule: the experiment runs only when someone starts it
   */
  readonly schedule?: scheduler.ScheduleExpression;

  /**
   * The description of the experiment template.
   *
   * @default - the scenario's description
   */
  readonly description?: string;
}
