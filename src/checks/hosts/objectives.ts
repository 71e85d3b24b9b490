import { AspectPriority, Aspects, Duration, IAspect, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { DECLARED_OBJECTIVES, recordObjectives } from './objectives-record';
import { addResilienceHub } from './resilience-hub';
import { NON_PRODUCTION as NON_PRODUCTION_OBJECTIVES, Objectives, ObjectivesError, PRESETS, RecoveryTargets } from '../objectives/objectives';

/**
 * Production workloads get warnings for single points of failure; non-production ones get advice.
 */
export enum WorkloadTier {
  /** Serves customers: single points of failure are warnings or errors. */
  PRODUCTION = 'production',
  /**
   * Development, test or staging: single points of failure are reported as info. Without a preset,
   * the objectives default to the non-production ones: 99.5% availability, instance failure RTO 4 h /
   * RPO 24 h, zone failure RTO 24 h / RPO 24 h, and no need to survive a Region failure.
   */
  NON_PRODUCTION = 'non-production',
}

/**
 * Ready-made objectives for production tiers. For non-production objectives, declare
 * `tier: WorkloadTier.NON_PRODUCTION`.
 *
 * | Preset | Availability | Instance failure RTO / RPO | Zone failure RTO / RPO | Region failure RTO / RPO |
 * |---|---|---|---|---|
 * | MISSION_CRITICAL | 99.99% | 1 min / 0 | 5 min / 0 | 1 h / 15 min |
 * | BUSINESS_CRITICAL | 99.95% | 5 min / 1 min | 30 min / 5 min | 24 h / 24 h |
 */
export enum ResiliencePreset {
  /** Multi-AZ with automatic failover, and a warm standby Region. */
  MISSION_CRITICAL = 'mission-critical',
  /** Multi-AZ with automatic failover, and restores into another Region. */
  BUSINESS_CRITICAL = 'business-critical',
}

/**
 * How long recovery from one kind of disruption may take, and how much data it may lose.
 */
export interface RecoveryObjective {
  /**
   * Recovery time objective: the longest acceptable time to restore service.
   */
  readonly rto: Duration;

  /**
   * Recovery point objective: the most recent data that may be lost, as a time window.
   */
  readonly rpo: Duration;
}

/**
 * Resilience objectives of a workload.
 */
export interface ResilienceObjectivesOptions {
  /**
   * A preset to start from; the other props override its values.
   *
   * @default - no preset: only the objectives given here
   */
  readonly preset?: ResiliencePreset;

  /**
   * Production or non-production. `WorkloadTier.NON_PRODUCTION` without a preset starts from the
   * non-production objectives (see `WorkloadTier.NON_PRODUCTION`), which the other props override;
   * with a preset, it keeps the preset's numbers and only makes single points of failure info.
   *
   * @default WorkloadTier.PRODUCTION
   */
  readonly tier?: WorkloadTier;

  /**
   * Availability target in percent, for example 99.95.
   *
   * @default - the preset's target, else no availability target
   */
  readonly availabilityTarget?: number;

  /**
   * Whether the workload must survive the loss of a whole Region.
   *
   * @default - the preset's choice, else false
   */
  readonly surviveRegionFailure?: boolean;

  /**
   * Objectives for the failure of one host or instance.
   *
   * @default - the preset's objectives, else none
   */
  readonly instanceFailure?: RecoveryObjective;

  /**
   * Objectives for the failure of one Availability Zone.
   *
   * @default - the preset's objectives, else none
   */
  readonly zoneFailure?: RecoveryObjective;

  /**
   * Objectives for the failure of a Region. Setting them implies `surviveRegionFailure`.
   *
   * @default - the preset's objectives, else none
   */
  readonly regionFailure?: RecoveryObjective;

  /**
   * Also create the AWS Resilience Hub resources that carry these objectives after deployment: a
   * resilience policy with the availability target and the zone and Region RTO and RPO, and a
   * service that applies it to the workload's stacks, so AWS assesses the running workload against
   * the same numbers cdk-ha judges at synth. Needs aws-cdk-lib 2.260.0 or later.
   *
   * @default - no Resilience Hub resources: the objectives are judged at synth only
   */
  readonly resilienceHub?: ResilienceHubOptions;
}

/**
 * Where the Resilience Hub resources of declared objectives go, and their names.
 */
export interface ResilienceHubOptions {
  /**
   * The stack that holds the resilience policy and the service; it must be below the scope the
   * objectives are declared on, and be judged against them.
   *
   * @default - the stack the objectives are declared on; objectives declared on an App or a Stage need one
   */
  readonly stack?: Stack;

  /**
   * Name of the resilience policy: 2 to 60 letters, digits, `-` and `_`, starting with a letter or digit.
   *
   * @default - made from the stack's name and the construct path, unique in the account
   */
  readonly policyName?: string;

  /**
   * Name of the Resilience Hub service: 2 to 60 letters, digits, `-` and `_`, starting with a letter or digit.
   *
   * @default - made from the stack's name and the construct path, unique in the account
   */
  readonly serviceName?: string;
}


/**
 * Declares the resilience objectives (RTO, RPO, availability) of the stacks below a scope, so
 * the checks judge them: each objective is met, breached or unknown per disruption, and every
 * breach is a finding that names the resource behind it.
 *
 * @experimental
 */
export class ResilienceObjectives {
  /**
   * The context key that declares objectives for a whole app (in cdk.json) or below a scope: a
   * preset name, or an object such as `{ "preset": "business-critical", "az": { "rto": "15m", "rpo": "5m" } }`.
   */
  public static readonly CONTEXT_KEY = '@cdk-ha/objectives';

  /**
   * Declares objectives on an App, Stage, Stack or construct; the declaration nearest to a stack wins.
   * Objectives can also come from the `@cdk-ha/objectives` context (a preset name or an object).
   */
  public static declare(scope: IConstruct, props: ResilienceObjectivesOptions): void {
    const where = `ResilienceObjectives.declare(${scope.node.path || '<app>'})`;
    let objectives: Objectives;
    try {
      objectives = toObjectives(props, where);
    } catch (e) {
      // The trace starts in the code that declared the objectives, not in cdk-ha.
      if (e instanceof ObjectivesError) Error.captureStackTrace(e, ResilienceObjectives.declare);
      throw e;
    }
    if (props.resilienceHub) {
      addResilienceHub({ scope, objectives, where, entry: ResilienceObjectives.declare, ...props.resilienceHub });
    }
    (scope as any)[DECLARED_OBJECTIVES] = objectives;
    // Recorded in each stack's template, so the plugin and `cdk-ha check` of cdk.out judge the same objectives.
    Aspects.of(scope).add(new ObjectivesRecorder(), { priority: AspectPriority.MUTATING });
  }

  private constructor() {}
}

/** Writes the objectives into the template of every stack below the scope. */
class ObjectivesRecorder implements IAspect {
  public visit(node: IConstruct): void {
    if (Stack.isStack(node)) recordObjectives(node);
  }
}

function seconds(d: Duration | undefined, where: string, problems: string[]): number | undefined {
  if (d === undefined) return undefined;
  if (Token.isUnresolved(d.toSeconds({ integral: false }))) {
    problems.push(`${where} must be known at synth time, not a token`);
    return undefined;
  }
  return d.toSeconds({ integral: false });
}

/** Whether props other than the ones that chose the starting objectives change them. */
function changesBase(props: ResilienceObjectivesOptions, chosenBy: string): boolean {
  return Object.entries(props).some(([key, value]) => key !== chosenBy && key !== 'resilienceHub' && value !== undefined);
}

/** The objectives the props start from: the preset's, or without one the non-production tier's. */
function baseOf(props: ResilienceObjectivesOptions): { objectives: Objectives; source: string } | undefined {
  if (props.preset) return { objectives: PRESETS[props.preset], source: `preset ${props.preset}${changesBase(props, 'preset') ? ' with changes' : ''}` };
  if (props.tier === WorkloadTier.NON_PRODUCTION) {
    return { objectives: PRESETS[NON_PRODUCTION_OBJECTIVES], source: `tier ${NON_PRODUCTION_OBJECTIVES}${changesBase(props, 'tier') ? ' with changes' : ''}` };
  }
  return undefined;
}

function toObjectives(props: ResilienceObjectivesOptions, where: string): Objectives {
  const problems: string[] = [];
  const start = baseOf(props);
  const base = start?.objectives;
  const targets = (key: 'instanceFailure' | 'zoneFailure' | 'regionFailure', fallback?: RecoveryTargets): RecoveryTargets | undefined => {
    const o = props[key];
    return o ? { rtoSeconds: seconds(o.rto, `${key}.rto`, problems), rpoSeconds: seconds(o.rpo, `${key}.rpo`, problems) } : fallback;
  };
  const availability = props.availabilityTarget ?? base?.availabilityPercent;
  if (availability !== undefined && !Token.isUnresolved(availability) && !(availability > 0 && availability <= 100)) {
    problems.push(`availabilityTarget must be a percentage above 0 and up to 100, not ${availability}`);
  }
  if (problems.length) throw new ObjectivesError(where, problems);
  return {
    tier: props.tier ?? base?.tier ?? 'production',
    availabilityPercent: availability,
    surviveRegionFailure: props.surviveRegionFailure ?? (props.regionFailure ? true : base?.surviveRegionFailure ?? false),
    instance: targets('instanceFailure', base?.instance),
    az: targets('zoneFailure', base?.az),
    region: targets('regionFailure', base?.region),
    source: start?.source ?? 'declared in code',
  };
}

