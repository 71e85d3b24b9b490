import { estimate, Estimated, isUnknown, ResourceEstimate } from './estimates';
import { Disruption, DISRUPTIONS, Objectives } from './objectives';
import type { Resource, TemplateModel } from '../model/template-model';
import { referencedResources } from '../model/values';
import type { RuleContext } from '../rules/rule';

/** Whether an estimate meets its objective. */
export type Verdict = 'met' | 'breached' | 'unknown' | 'no-objective' | 'not-required';

/** One judged figure: the stack's weakest link against the objective. */
export interface Judgement {
  readonly verdict: Verdict;
  /** Seconds; Infinity when the weakest link cannot recover within the disruption; undefined when undecided. */
  readonly estimateSeconds?: number;
  readonly objectiveSeconds?: number;
  /** The resource that decides the estimate. */
  readonly weakestLink?: string;
  readonly basis?: string;
  /** Resources whose estimate is undecided, with the reason. */
  readonly undecided?: string[];
}

/** Resources that depend on each other through references: one workload, judged in series. */
export interface WorkloadGroup {
  /** The members with an availability figure (or an undecided one), in template order. */
  readonly members: string[];
  /** Composite availability of the group in percent: the product of its decided members' SLAs. */
  readonly availabilityPercent: number;
  /** Members whose SLA is undecided, with the reason: the product is then an upper bound. */
  readonly undecided: string[];
}

/** The stack's composite availability against its target. */
export interface AvailabilityJudgement {
  readonly verdict: Verdict;
  readonly estimatePercent?: number;
  readonly objectivePercent?: number;
  /** The index of the group with the lowest estimate. */
  readonly weakestGroup?: number;
}

/** The resilience assessment of one stack. */
export interface StackAssessment {
  readonly objectives?: Objectives;
  readonly components: ResourceEstimate[];
  readonly groups: WorkloadGroup[];
  readonly availability: AvailabilityJudgement;
  readonly recovery: Record<Disruption, { readonly rto: Judgement; readonly rpo: Judgement }>;
}

export const ASSUMPTIONS: readonly string[] = [
  'Estimates come from each resource\'s configuration and documented service figures; they are not measurements: confirm them by testing failover.',
  'Recovery time and data loss of a stack are those of its weakest link; resources without an estimate (IAM, logs, alarms, networking plumbing) are not counted.',
  'Composite availability multiplies the monthly SLA commitments of the resources that depend on each other through template references (serial dependencies); redundancy inside a resource (Multi-AZ, several zones) is in its SLA figure; failures are assumed independent.',
  'SLA figures are commitments that define service credits, not guaranteed uptime; a workload\'s own code and deployments are not included.',
  'A Region failure is survivable only through what the template shows (global tables and databases, replication); copies made by other stacks are not seen.',
];

/** Resource types that connect everything and say nothing about which tier depends on which. */
const HUB_TYPES = new Set([
  'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::Route', 'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::InternetGateway', 'AWS::EC2::VPCGatewayAttachment', 'AWS::EC2::EIP', 'AWS::EC2::NatGateway', 'AWS::EC2::VPCEndpoint',
  'AWS::RDS::DBSubnetGroup', 'AWS::ElastiCache::SubnetGroup', 'AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::CompositeAlarm', 'AWS::CloudWatch::Dashboard', 'AWS::Logs::LogGroup', 'AWS::SNS::Topic', 'AWS::SNS::TopicPolicy',
  'AWS::RDS::EventSubscription', 'AWS::CDK::Metadata', 'AWS::IAM::ManagedPolicy', 'AWS::S3::BucketPolicy',
]);

const cache = new WeakMap<TemplateModel, Map<Objectives | undefined, StackAssessment>>();

/** The assessment of a template against objectives (or without any), computed once per template and objectives. */
export function assess(ctx: RuleContext, objectives: Objectives | undefined): StackAssessment {
  let byObjectives = cache.get(ctx.model);
  if (!byObjectives) cache.set(ctx.model, byObjectives = new Map());
  let result = byObjectives.get(objectives);
  if (!result) byObjectives.set(objectives, result = compute(ctx, objectives));
  return result;
}

function compute(ctx: RuleContext, objectives: Objectives | undefined): StackAssessment {
  const components: ResourceEstimate[] = [];
  for (const r of ctx.model.resources) {
    const e = estimate(r, ctx);
    if (e) components.push(e);
  }
  const groups = workloadGroups(ctx.model, components);
  const recovery = {} as StackAssessment['recovery'];
  for (const d of DISRUPTIONS) {
    const required = d !== 'region' || objectives?.surviveRegionFailure === true || objectives?.region !== undefined;
    recovery[d] = {
      rto: judge(components, c => c.recovery[d].rto, objectives?.[d]?.rtoSeconds, required),
      rpo: judge(components, c => c.recovery[d].rpo, objectives?.[d]?.rpoSeconds, required),
    };
  }
  let weakestGroup: number | undefined;
  groups.forEach((g, i) => { if (weakestGroup === undefined || g.availabilityPercent < groups[weakestGroup].availabilityPercent) weakestGroup = i; });
  const estimatePercent = weakestGroup === undefined ? undefined : groups[weakestGroup].availabilityPercent;
  const objectivePercent = objectives?.availabilityPercent;
  const anyUndecided = groups.some(g => g.undecided.length > 0);
  const availabilityVerdict: Verdict = objectivePercent === undefined ? 'no-objective'
    : estimatePercent === undefined ? 'unknown'
      : estimatePercent + 1e-9 < objectivePercent ? 'breached' : anyUndecided ? 'unknown' : 'met';
  return {
    objectives,
    components,
    groups,
    availability: { verdict: availabilityVerdict, estimatePercent, objectivePercent, weakestGroup },
    recovery,
  };
}

/** The weakest link among the components, judged against an objective. */
function judge(
  components: ResourceEstimate[], pick: (c: ResourceEstimate) => Estimated, objective: number | undefined, required: boolean,
): Judgement {
  let worst: { seconds: number; id: string; basis: string } | undefined;
  const undecided: string[] = [];
  for (const c of components) {
    const e = pick(c);
    if (isUnknown(e)) undecided.push(`${c.resource.logicalId}: ${e.unknown}`);
    else if (!worst || e.seconds > worst.seconds) worst = { seconds: e.seconds, id: c.resource.logicalId, basis: e.basis };
  }
  const breached = worst !== undefined && objective !== undefined && worst.seconds > objective;
  const base = {
    // With undecided components the weakest link is only known when a decided one already breaches.
    estimateSeconds: undecided.length && !breached ? undefined : worst?.seconds,
    objectiveSeconds: objective,
    weakestLink: worst?.id,
    basis: worst?.basis,
    undecided: undecided.length ? undecided : undefined,
  };
  if (!required) return { ...base, verdict: 'not-required' };
  if (objective === undefined) return { ...base, estimateSeconds: worst?.seconds, verdict: 'no-objective' };
  if (worst && worst.seconds > objective) return { ...base, estimateSeconds: worst.seconds, verdict: 'breached' };
  if (undecided.length) return { ...base, verdict: 'unknown' };
  return { ...base, verdict: 'met' };
}

/**
 * Groups the components that reach each other through references (ignoring networking,
 * encryption, logging and monitoring resources, which every tier shares), and multiplies the
 * SLAs of each group's members: serial dependencies.
 */
function workloadGroups(model: TemplateModel, components: ResourceEstimate[]): WorkloadGroup[] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const union = (a: string, b: string) => parent.set(find(a), find(b));
  const connectors: Resource[] = [...model.resources].filter(r => !HUB_TYPES.has(r.type));
  for (const r of connectors) parent.set(r.logicalId, r.logicalId);
  for (const r of connectors) {
    for (const id of referencedResources(r.properties, model)) {
      if (parent.has(id)) union(r.logicalId, id);
    }
  }
  const groups = new Map<string, ResourceEstimate[]>();
  for (const c of components) {
    if ((!c.sla && !c.slaUndecided) || !parent.has(c.resource.logicalId)) continue;
    const root = find(c.resource.logicalId);
    const list = groups.get(root);
    if (list) list.push(c);
    else groups.set(root, [c]);
  }
  return [...groups.values()].map(members => ({
    members: members.map(m => m.resource.logicalId),
    availabilityPercent: 100 * members.reduce((a, m) => a * (m.sla ? m.sla.percent / 100 : 1), 1),
    undecided: members.filter(m => m.slaUndecided).map(m => `${m.resource.logicalId}: ${m.slaUndecided}`),
  }));
}
