import type { Resource, TemplateModel } from '../model/template-model';
import type { AzSpread, TopologyIndex } from '../model/topology';
import type { Known } from '../model/values';
import { RuleCategory, Severity } from '../types';

/** A source a rule relies on: an AWS Config rule, a Well-Architected best practice, a documentation page. */
export interface RuleReference {
  readonly label: string;
  readonly url?: string;
}

/** The outcome of a rule on one resource. Only `fail` and `unknown` become findings. */
export type Outcome =
  | { readonly status: 'pass' }
  | { readonly status: 'not-applicable'; readonly reason: string }
  | { readonly status: 'fail'; readonly property?: string; readonly message: string; readonly severity?: Severity }
  | { readonly status: 'unknown'; readonly property?: string; readonly message: string };

/** What a rule can read besides the resource itself. */
export interface RuleContext {
  readonly model: TemplateModel;
  readonly topology: TopologyIndex;
}

/**
 * A check: a self-describing object with a stable ID, the resource types it reads, and the
 * text that RULES.md and every report show.
 */
export interface Rule {
  /** Stable ID, `HA-<AREA><n>`; never renamed, never reused. */
  readonly id: string;
  readonly title: string;
  readonly severity: Severity;
  readonly category: RuleCategory;
  /** The only resource types the engine runs this rule on. */
  readonly resourceTypes: readonly string[];
  /** Why it matters. */
  readonly explanation: string;
  /** What flags a resource, in one sentence. */
  readonly flags: string;
  /** The CloudFormation defaults the rule relies on when a property is absent. */
  readonly defaults: string;
  readonly remediation: string;
  readonly references: readonly RuleReference[];
  evaluate(resource: Resource, context: RuleContext): Outcome | readonly Outcome[];
}

export const PASS: Outcome = { status: 'pass' };

export function notApplicable(reason: string): Outcome {
  return { status: 'not-applicable', reason };
}

export function fail(property: string | undefined, message: string, severity?: Severity): Outcome {
  return { status: 'fail', property, message, severity };
}

export function unknown(property: string | undefined, message: string): Outcome {
  return { status: 'unknown', property, message };
}

/** An unknown outcome for a property whose value is not decided at synth time. */
export function undecided(property: string, known: Known<unknown> & { known: false }): Outcome {
  return unknown(property, `${property} is ${known.reason}, so this can only be decided at deploy time.`);
}

/**
 * The usual decision on a zone spread: fewer than two zones fails, two or more certain zones
 * pass, anything else is unknown.
 */
export function decideSpread(spread: AzSpread, property: string, subject: string, consequence: string): Outcome {
  if (spread.max === 0) return unknown(property, `${property} names no subnets or zones that the template shows.`);
  if (spread.max < 2) {
    const where = spread.labels.length ? ` (${spread.labels.join(', ')})` : '';
    return fail(property, `${subject} is in one Availability Zone${where}: ${consequence}`);
  }
  if (spread.min >= 2) return PASS;
  return unknown(property, `${subject} may be in one Availability Zone: ${spread.undecided ?? 'the zones of its subnets cannot be compared'}.`);
}

/** Well-Architected reliability best practices that many rules cite. */
export const WA = {
  REL10_BP01: { label: 'Well-Architected REL10-BP01: Deploy the workload to multiple locations', url: 'https://docs.aws.amazon.com/wellarchitected/latest/framework/rel_fault_isolation_multiaz_region_system.html' },
  REL11_BP01: { label: 'Well-Architected REL11-BP01: Monitor all components of the workload to detect failures', url: 'https://docs.aws.amazon.com/wellarchitected/latest/framework/rel_withstand_component_failures_monitoring_health.html' },
  REL11_BP02: { label: 'Well-Architected REL11-BP02: Fail over to healthy resources', url: 'https://docs.aws.amazon.com/wellarchitected/latest/framework/rel_withstand_component_failures_failover2good.html' },
  REL11_BP05: { label: 'Well-Architected REL11-BP05: Use static stability to prevent bimodal behavior', url: 'https://docs.aws.amazon.com/wellarchitected/latest/framework/rel_withstand_component_failures_static_stability.html' },
  REL09_BP03: { label: 'Well-Architected REL09-BP03: Perform data backup automatically', url: 'https://docs.aws.amazon.com/wellarchitected/latest/framework/rel_backing_up_data_automated_backups_data.html' },
} satisfies Record<string, RuleReference>;

/** An AWS Config managed rule, as a reference. */
export function configRule(name: string): RuleReference {
  return { label: `AWS Config rule ${name}`, url: `https://docs.aws.amazon.com/config/latest/developerguide/${name}.html` };
}
