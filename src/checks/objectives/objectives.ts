import { isObject } from '../model/json';

/** What can fail: one host or instance, one Availability Zone, or a whole Region. */
export type Disruption = 'instance' | 'az' | 'region';
export const DISRUPTIONS: readonly Disruption[] = ['instance', 'az', 'region'];
export const DISRUPTION_LABELS: Record<Disruption, string> = {
  instance: 'host or instance failure',
  az: 'Availability Zone failure',
  region: 'Region failure',
};

/** Recovery objectives for one kind of disruption, in seconds; absent means no objective. */
export interface RecoveryTargets {
  readonly rtoSeconds?: number;
  readonly rpoSeconds?: number;
}

/**
 * The resilience objectives of a workload, as every host and report holds them (plain data,
 * the shape of the `cdk-ha` template Metadata, of the `@cdk-ha/objectives` context and of
 * `cdk-ha check --objectives`).
 */
export interface Objectives {
  readonly tier: 'production' | 'non-production';
  /** Availability target, in percent (for example 99.95). */
  readonly availabilityPercent?: number;
  /** Whether the workload must survive the loss of a Region. */
  readonly surviveRegionFailure: boolean;
  readonly instance?: RecoveryTargets;
  readonly az?: RecoveryTargets;
  readonly region?: RecoveryTargets;
  /** Where the objectives came from, for reports (a preset name, "context", a file). */
  readonly source?: string;
}

/** The name of the non-production objectives: `tier: WorkloadTier.NON_PRODUCTION`, or the preset name in context and on the command line. */
export const NON_PRODUCTION = 'non-production';

const MINUTE = 60;
const HOUR = 3600;

/**
 * Presets for common tiers. Their numbers follow the usual disaster-recovery strategies: active
 * Multi-AZ with a warm standby Region for mission-critical, Multi-AZ with restores in another
 * Region for business-critical, and single-zone tolerance for non-production.
 */
export const PRESETS: Record<string, Objectives> = {
  'mission-critical': {
    tier: 'production',
    availabilityPercent: 99.99,
    surviveRegionFailure: true,
    instance: { rtoSeconds: MINUTE, rpoSeconds: 0 },
    az: { rtoSeconds: 5 * MINUTE, rpoSeconds: 0 },
    region: { rtoSeconds: HOUR, rpoSeconds: 15 * MINUTE },
    source: 'preset mission-critical',
  },
  'business-critical': {
    tier: 'production',
    availabilityPercent: 99.95,
    surviveRegionFailure: true,
    instance: { rtoSeconds: 5 * MINUTE, rpoSeconds: MINUTE },
    az: { rtoSeconds: 30 * MINUTE, rpoSeconds: 5 * MINUTE },
    region: { rtoSeconds: 24 * HOUR, rpoSeconds: 24 * HOUR },
    source: 'preset business-critical',
  },
  'non-production': {
    tier: 'non-production',
    availabilityPercent: 99.5,
    surviveRegionFailure: false,
    instance: { rtoSeconds: 4 * HOUR, rpoSeconds: 24 * HOUR },
    az: { rtoSeconds: 24 * HOUR, rpoSeconds: 24 * HOUR },
    source: 'preset non-production',
  },
};

/** Objectives that cannot be read, with every problem found. */
export class ObjectivesError extends Error {
  constructor(public readonly where: string, public readonly problems: string[]) {
    super(`${where}: invalid resilience objectives: ${problems.join('; ')}`);
    this.name = 'ObjectivesError';
  }
}

const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|sec|secs|seconds?|m|min|mins|minutes?|h|hr|hrs|hours?|d|days?)?$/i;
const UNIT_SECONDS: Record<string, number> = { ms: 0.001, s: 1, m: MINUTE, h: HOUR, d: 24 * HOUR };

/** Seconds from a number (seconds) or a text such as `90s`, `5m`, `1h`, `2 days`; undefined when unreadable. */
export function parseDuration(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) && value >= 0 ? value : undefined;
  if (typeof value !== 'string') return undefined;
  const m = DURATION.exec(value.trim());
  if (!m) return undefined;
  const unit = (m[2] ?? 's').toLowerCase();
  const key = unit === 'ms' ? 'ms' : unit[0];
  return Number(m[1]) * UNIT_SECONDS[key];
}

/**
 * Reads objectives from plain data: a preset name, or an object such as
 * `{ "preset": "business-critical", "tier": "production", "availability": 99.95, "surviveRegionFailure": true,
 *    "az": { "rto": "15m", "rpo": "5m" }, "instance": {...}, "region": {...} }` (fields override the preset).
 */
export function readObjectives(data: unknown, where: string): Objectives {
  if (typeof data === 'string') return readObjectives({ preset: data }, where);
  if (!isObject(data)) throw new ObjectivesError(where, ['expected a preset name or an object']);
  const problems: string[] = [];
  const known = new Set(['preset', 'tier', 'availability', 'surviveRegionFailure', 'instance', 'az', 'region', 'source']);
  for (const key of Object.keys(data)) if (!known.has(key)) problems.push(`unknown field '${key}' (fields: ${[...known].join(', ')})`);
  let base: Objectives = { tier: 'production', surviveRegionFailure: false };
  if (data.preset !== undefined) {
    const preset = typeof data.preset === 'string' ? PRESETS[data.preset] : undefined;
    if (preset) base = preset;
    else problems.push(`preset must be one of ${Object.keys(PRESETS).join(', ')}, not ${JSON.stringify(data.preset)}`);
  }
  let tier = base.tier;
  if (data.tier !== undefined) {
    if (data.tier === 'production' || data.tier === 'non-production') tier = data.tier;
    else problems.push(`tier must be 'production' or 'non-production', not ${JSON.stringify(data.tier)}`);
  }
  let availabilityPercent = base.availabilityPercent;
  if (data.availability !== undefined) {
    const a = typeof data.availability === 'string' ? Number(data.availability.replace(/%$/, '')) : data.availability;
    if (typeof a === 'number' && a > 0 && a <= 100) availabilityPercent = a;
    else problems.push(`availability must be a percentage above 0 and up to 100, not ${JSON.stringify(data.availability)}`);
  }
  let surviveRegionFailure = base.surviveRegionFailure;
  if (data.surviveRegionFailure !== undefined) {
    if (typeof data.surviveRegionFailure === 'boolean') surviveRegionFailure = data.surviveRegionFailure;
    else if (data.surviveRegionFailure === 'true' || data.surviveRegionFailure === 'false') surviveRegionFailure = data.surviveRegionFailure === 'true';
    else problems.push(`surviveRegionFailure must be true or false, not ${JSON.stringify(data.surviveRegionFailure)}`);
  }
  const targets = (key: 'instance' | 'az' | 'region'): RecoveryTargets | undefined => {
    const raw = data[key];
    if (raw === undefined) return base[key];
    if (!isObject(raw)) {
      problems.push(`${key} must be an object with rto and rpo`);
      return undefined;
    }
    const out: { rtoSeconds?: number; rpoSeconds?: number } = { ...base[key] };
    for (const [field, prop] of [['rto', 'rtoSeconds'], ['rpo', 'rpoSeconds']] as const) {
      if (raw[field] === undefined) continue;
      const seconds = parseDuration(raw[field]);
      if (seconds === undefined) problems.push(`${key}.${field} must be a duration such as 90s, 5m or 1h, not ${JSON.stringify(raw[field])}`);
      else out[prop] = seconds;
    }
    for (const field of Object.keys(raw)) if (field !== 'rto' && field !== 'rpo') problems.push(`unknown field '${key}.${field}' (use rto and rpo)`);
    return out;
  };
  const result: Objectives = {
    tier,
    availabilityPercent,
    surviveRegionFailure,
    instance: targets('instance'),
    az: targets('az'),
    region: targets('region'),
    source: typeof data.source === 'string' ? data.source : base.source,
  };
  if (problems.length) throw new ObjectivesError(where, problems);
  return result;
}

/**
 * The short form of `cdk-ha check --objectives`: a preset name, or comma-separated settings such as
 * `preset=business-critical,availability=99.9,az.rto=15m,az.rpo=5m,region=no,tier=non-production`.
 */
export function readInlineObjectives(text: string, where: string): Objectives {
  const data: Record<string, unknown> = {};
  for (const part of text.split(',').map(p => p.trim()).filter(Boolean)) {
    const eq = part.indexOf('=');
    if (eq < 0) {
      if (Object.keys(data).length === 0 && !text.includes('=')) return readObjectives(part, where);
      throw new ObjectivesError(where, [`'${part}' is not a setting of the form name=value`]);
    }
    const [key, value] = [part.slice(0, eq).trim(), part.slice(eq + 1).trim()];
    const dot = key.indexOf('.');
    if (key === 'region' && /^(no|false)$/i.test(value)) {data.surviveRegionFailure = false;} else if (key === 'region' && /^(yes|true)$/i.test(value)) {data.surviveRegionFailure = true;} else if (dot > 0) {
      const group = key.slice(0, dot);
      data[group] = { ...(data[group] as object | undefined), [key.slice(dot + 1)]: value };
    } else {data[key] = value;}
  }
  return readObjectives(data, where);
}

/** Objectives as plain data (the inverse of readObjectives), for template Metadata and JSON reports. */
export function objectivesData(o: Objectives): Record<string, unknown> {
  const targets = (t?: RecoveryTargets) => (t ? { rto: t.rtoSeconds, rpo: t.rpoSeconds } : undefined);
  return JSON.parse(JSON.stringify({
    tier: o.tier,
    availability: o.availabilityPercent,
    surviveRegionFailure: o.surviveRegionFailure,
    instance: targets(o.instance),
    az: targets(o.az),
    region: targets(o.region),
    source: o.source,
  }));
}
