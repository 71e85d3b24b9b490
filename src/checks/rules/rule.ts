import { SUPPORT_ROLE_DESCRIPTIONS, SupportRole, supportRoleOf } from '../model/roles';
import type { Resource, TemplateModel } from '../model/template-model';
import type { AzSpread, TopologyIndex } from '../model/topology';
import type { Known } from '../model/values';
import type { Workload } from '../model/workload';
import type { Objectives } from '../objectives/objectives';
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

/**
 * What the findings of a hygiene rule protect against: data loss (deletion guards and policies,
 * versioning, cache backups) or unavailability that nobody notices (alarms, a load balancer's
 * deletion protection).
 */
export type ObjectiveNeed = 'data-loss' | 'availability';

/**
 * What a rule can read besides the resource itself: its template, that template's topology index
 * and, through `model.workload`, the other stacks of the workload.
 */
export interface RuleContext {
  readonly model: TemplateModel;
  readonly topology: TopologyIndex;
  /** The resilience objectives declared for the stack, if any. */
  readonly objectives?: Objectives;
}

/** What a workload-wide rule reads: the stacks judged together, and their objectives. */
export interface WorkloadContext {
  readonly workload: Workload;
  /** The stacks judged together: the whole workload, or those of its stacks that share one set of objectives. */
  readonly stacks: readonly TemplateModel[];
  /** The objectives these stacks are judged against, if any. */
  readonly objectives?: Objectives;
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
  /**
   * For hygiene rules: sound advice for every workload, but a weakness only where the declared
   * objectives need it. Their failures are info, unless the resource's stack declares production
   * objectives with an RPO (`data-loss`) or an availability or RTO target (`availability`); then they
   * have the rule's severity, and say which objective raised them.
   */
  readonly raisedBy?: ObjectiveNeed;
  /**
   * Rules that see the same problem less specifically on the resources this rule judges: when both
   * fail on a resource, only this rule's finding is reported, with the other's message added.
   */
  readonly supersedes?: readonly string[];
  /** Judges one resource of a declared type. */
  evaluate?(resource: Resource, context: RuleContext): Outcome | readonly Outcome[];
  /**
   * Judges the workload as a whole, for workload-wide rules; each outcome names the resource it is
   * reported on. Runs once per group of stacks judged together that holds any of the declared types.
   */
  evaluateWorkload?(context: WorkloadContext): readonly LocatedOutcome[];
}

/** An outcome of a workload-wide rule, reported on one resource of one of its stacks. */
export type LocatedOutcome = Outcome & { readonly resource: Resource };

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

function wa(id: string, title: string, slug: string): RuleReference {
  return { label: `Well-Architected ${id}: ${title}`, url: `https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/${slug}.html` };
}

/** Well-Architected Reliability Pillar best practices that rules cite. */
export const WA = {
  REL02_BP01: wa('REL02-BP01', 'Use highly available network connectivity for your workload public endpoints', 'rel_planning_network_topology_ha_conn_users'),
  REL02_BP02: wa('REL02-BP02', 'Provision redundant connectivity between private networks in the cloud and on-premises environments', 'rel_planning_network_topology_ha_conn_private_networks'),
  REL02_BP04: wa('REL02-BP04', 'Prefer hub-and-spoke topologies over many-to-many mesh', 'rel_planning_network_topology_prefer_hub_and_spoke'),
  REL05_BP02: wa('REL05-BP02', 'Throttle requests', 'rel_mitigate_interaction_failure_throttle_requests'),
  REL05_BP04: wa('REL05-BP04', 'Fail fast and limit queues', 'rel_mitigate_interaction_failure_fail_fast'),
  REL06_BP01: wa('REL06-BP01', 'Monitor all components for the workload', 'rel_monitor_aws_resources_monitor_resources'),
  REL06_BP03: wa('REL06-BP03', 'Send notifications', 'rel_monitor_aws_resources_notification_monitor'),
  REL07_BP01: wa('REL07-BP01', 'Use automation when obtaining or scaling resources', 'rel_adapt_to_changes_autoscale_adapt'),
  REL08_BP05: wa('REL08-BP05', 'Deploy changes with automation', 'rel_tracking_change_management_automated_changemgmt'),
  REL09_BP01: wa('REL09-BP01', 'Identify and back up all data that needs to be backed up', 'rel_backing_up_data_identified_backups_data'),
  REL09_BP02: wa('REL09-BP02', 'Secure and encrypt backups', 'rel_backing_up_data_secured_backups_data'),
  REL09_BP03: wa('REL09-BP03', 'Perform data backup automatically', 'rel_backing_up_data_automated_backups_data'),
  REL10_BP01: wa('REL10-BP01', 'Deploy the workload to multiple locations', 'rel_fault_isolation_multiaz_region_system'),
  REL10_BP02: wa('REL10-BP02', 'Select the appropriate locations for your multi-location deployment', 'rel_fault_isolation_select_location'),
  REL11_BP01: wa('REL11-BP01', 'Monitor all components of the workload to detect failures', 'rel_withstand_component_failures_monitoring_health'),
  REL11_BP02: wa('REL11-BP02', 'Fail over to healthy resources', 'rel_withstand_component_failures_failover2good'),
  REL11_BP03: wa('REL11-BP03', 'Automate healing on all layers', 'rel_withstand_component_failures_auto_healing_system'),
  REL11_BP05: wa('REL11-BP05', 'Use static stability to prevent bimodal behavior', 'rel_withstand_component_failures_static_stability'),
  REL11_BP06: wa('REL11-BP06', 'Send notifications when events impact availability', 'rel_withstand_component_failures_notifications_sent_system'),
  REL13_BP02: wa('REL13-BP02', 'Use defined recovery strategies to meet the recovery objectives', 'rel_planning_for_recovery_disaster_recovery'),
} satisfies Record<string, RuleReference>;

/** An AWS Config managed rule, as a reference. */
export function configRule(name: string): RuleReference {
  return { label: `AWS Config rule ${name}`, url: `https://docs.aws.amazon.com/config/latest/developerguide/${name}.html` };
}

/**
 * Not applicable when the resource has one of the given support roles (a log bucket, a pipeline's
 * artifact store, a deployment-time function): the rule's concern is the workload's own data or requests.
 */
export function notForSupport(r: Resource, roles: readonly SupportRole[]): Outcome | undefined {
  const role = supportRoleOf(r);
  return role && roles.includes(role) ? notApplicable(SUPPORT_ROLE_DESCRIPTIONS[role]) : undefined;
}
