import { Drill, drillsOf } from './drills';
import { estimate, Estimated, isUnknown, ResourceEstimate } from './estimates';
import { Disruption, DISRUPTIONS, Objectives } from './objectives';
import { isSupportResource } from '../model/roles';
import type { Resource, TemplateModel } from '../model/template-model';
import { linkedResources } from '../model/values';
import type { WorkloadContext } from '../rules/rule';

/** Whether an estimate meets its objective. */
export type Verdict = 'met' | 'breached' | 'unknown' | 'no-objective' | 'not-required';

/** One judged figure: the weakest link against the objective. */
export interface Judgement {
  readonly verdict: Verdict;
  /** Seconds; Infinity when the weakest link cannot recover within the disruption; undefined when undecided. */
  readonly estimateSeconds?: number;
  readonly objectiveSeconds?: number;
  /** The resource that decides the estimate. */
  readonly weakest?: Resource;
  /** The weakest link as reports name it: its logical ID, and its stack when the workload has several. */
  readonly weakestLink?: string;
  readonly basis?: string;
  /** Resources whose estimate is undecided, with the reason. */
  readonly undecided?: string[];
}

/** Resources that depend on each other through references: one chain, judged in series. */
export interface WorkloadGroup {
  /** The members with an availability figure (or an undecided one), as reports name them. */
  readonly members: string[];
  /** Composite availability of the group in percent: the product of its decided members' SLAs. */
  readonly availabilityPercent: number;
  /** Members whose SLA is undecided, with the reason: the product is then an upper bound. */
  readonly undecided: string[];
  /** The member resources. */
  readonly resources: Resource[];
}

/** The workload's composite availability against its target. */
export interface AvailabilityJudgement {
  readonly verdict: Verdict;
  readonly estimatePercent?: number;
  readonly objectivePercent?: number;
  /** The index of the group with the lowest estimate. */
  readonly weakestGroup?: number;
}

/** Recovery judgements for each kind of disruption. */
export type RecoveryJudgements = Record<Disruption, { readonly rto: Judgement; readonly rpo: Judgement }>;

/** The recovery judgements of one stack of the workload, on its own resources. */
export interface StackRecovery {
  readonly stack: string;
  readonly templatePath: string;
  readonly recovery: RecoveryJudgements;
}

/** The resilience assessment of a workload (or of those of its stacks that share one set of objectives). */
export interface WorkloadAssessment {
  readonly workload: string;
  /** The stacks judged, by name. */
  readonly stacks: string[];
  readonly objectives?: Objectives;
  readonly components: ResourceEstimate[];
  readonly groups: WorkloadGroup[];
  readonly availability: AvailabilityJudgement;
  /** The workload as a whole: the weakest link across its stacks. */
  readonly recovery: RecoveryJudgements;
  /** The same judgements for each stack on its own. */
  readonly byStack: StackRecovery[];
  /** The drills that exercise each kind of disruption: experiment templates and zonal autoshift practice runs. */
  readonly drills: Record<Disruption, Drill[]>;
  /** Experiment templates whose actions or existence are decided at deploy time. */
  readonly undecidedDrills: Drill[];
}

export const ASSUMPTIONS: readonly string[] = [
  'Estimates come from each resource\'s configuration and documented service figures; they are not measurements: confirm them by testing failover.',
  'Recovery time and data loss of a workload are those of its weakest link across its stacks; data loss is judged on the resources that hold data. '
    + 'Resources without an estimate (IAM, networking plumbing) and support resources (logs, log buckets, alarms and their topics, keys) are not counted.',
  'Composite availability multiplies the monthly SLA commitments of the resources that depend on each other through references, within a '
    + 'stack and across the stacks of the workload (serial dependencies); redundancy inside a resource (Multi-AZ, several zones) is in its SLA '
    + 'figure; failures are assumed independent.',
  'SLA figures are commitments that define service credits, not guaranteed uptime; a workload\'s own code and deployments are not included.',
  'A Region failure is survivable only through what the workload shows (global tables and databases, replication, a standby Region); a '
    + 'stateless resource is recovered by deploying its template in another Region.',
];

/** Resource types that connect everything and say nothing about which tier depends on which. */
const HUB_TYPES = new Set([
  'AWS::EC2::VPC', 'AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::Route', 'AWS::EC2::SubnetRouteTableAssociation',
  'AWS::EC2::InternetGateway', 'AWS::EC2::VPCGatewayAttachment', 'AWS::EC2::EIP', 'AWS::EC2::NatGateway', 'AWS::EC2::VPCEndpoint',
  'AWS::RDS::DBSubnetGroup', 'AWS::ElastiCache::SubnetGroup', 'AWS::KMS::Key', 'AWS::KMS::Alias', 'AWS::CloudWatch::Alarm',
  'AWS::CloudWatch::CompositeAlarm', 'AWS::CloudWatch::Dashboard', 'AWS::Logs::LogGroup', 'AWS::SNS::Topic', 'AWS::SNS::TopicPolicy',
  'AWS::RDS::EventSubscription', 'AWS::CDK::Metadata', 'AWS::IAM::ManagedPolicy', 'AWS::S3::BucketPolicy',
  // Stacks themselves, and CDK's cross-stack plumbing, pass values along; they are not tiers.
  'AWS::CloudFormation::Stack', 'Custom::CrossRegionExportReader', 'Custom::CrossRegionExportWriter', 'AWS::SSM::Parameter',
  // A Region switch plan orchestrates the Regions; it is not a tier of either.
  'AWS::ARCRegionSwitch::Plan',
  // Drills name what they disrupt; they are not tiers that depend on it.
  'AWS::FIS::ExperimentTemplate', 'AWS::Scheduler::Schedule', 'AWS::ARCZonalShift::ZonalAutoshiftConfiguration',
]);

/** The roles that drills run with (and their policies): they name what the drills disrupt, which is no dependency between tiers. */
function drillRoles(stacks: readonly TemplateModel[]): Set<Resource> {
  const roles = new Set<Resource>();
  for (const model of stacks) {
    for (const drill of [...model.ofType('AWS::FIS::ExperimentTemplate'), ...model.ofType('AWS::Scheduler::Schedule')]) {
      const raw = drill.type === 'AWS::FIS::ExperimentTemplate' ? drill.properties.RoleArn : drill.properties.Target;
      for (const link of linkedResources(raw, model)) {
        const role = link.model.resource(link.logicalId);
        if (role?.type !== 'AWS::IAM::Role') continue;
        roles.add(role);
        for (const policy of role.model.topology.referrers('AWS::IAM::Policy', 'Roles', role.logicalId)) roles.add(policy);
      }
    }
  }
  return roles;
}

const cache = new WeakMap<TemplateModel, Map<string, WorkloadAssessment>>();

/** The assessment of a group of stacks against objectives (or without any), computed once per stacks and objectives. */
export function assessWorkload(ctx: WorkloadContext): WorkloadAssessment {
  const first = ctx.stacks[0];
  let byKey = cache.get(first);
  if (!byKey) cache.set(first, byKey = new Map());
  const key = `${ctx.stacks.map(s => s.stackName).join('\u0000')}\u0001${ctx.objectives ? JSON.stringify(ctx.objectives) : ''}`;
  let result = byKey.get(key);
  if (!result) byKey.set(key, result = compute(ctx));
  return result;
}

function compute(ctx: WorkloadContext): WorkloadAssessment {
  const { objectives } = ctx;
  const several = ctx.stacks.length > 1;
  const label = (r: Resource) => (several ? `${r.logicalId} (${r.model.stackName})` : r.logicalId);
  const components: ResourceEstimate[] = [];
  for (const model of ctx.stacks) {
    const context = { model, topology: model.topology, objectives };
    for (const r of model.resources) {
      if (isSupportResource(r)) continue;
      const e = estimate(r, context);
      if (e) components.push(e);
    }
  }
  const groups = workloadGroups(ctx.stacks, components, label);
  const judgeAll = (of: readonly ResourceEstimate[]): RecoveryJudgements => {
    const recovery = {} as RecoveryJudgements;
    for (const d of DISRUPTIONS) {
      const required = d !== 'region' || objectives?.surviveRegionFailure === true || objectives?.region !== undefined;
      // "Survive a Region failure" is an objective of its own: without numbers, it still asks for a finite recovery.
      const mustRecover = d === 'region' && objectives?.surviveRegionFailure === true;
      recovery[d] = {
        rto: judge(of, c => c.recovery[d].rto, objectives?.[d]?.rtoSeconds, required, label, mustRecover),
        // Data loss is a matter of what holds data: a load balancer or a NAT gateway loses none.
        rpo: judge(of.filter(c => c.holdsData), c => c.recovery[d].rpo, objectives?.[d]?.rpoSeconds, required, label, mustRecover),
      };
    }
    return recovery;
  };
  let weakestGroup: number | undefined;
  groups.forEach((g, i) => { if (weakestGroup === undefined || g.availabilityPercent < groups[weakestGroup].availabilityPercent) weakestGroup = i; });
  const estimatePercent = weakestGroup === undefined ? undefined : groups[weakestGroup].availabilityPercent;
  const drills = drillsOf(ctx.stacks);
  const objectivePercent = objectives?.availabilityPercent;
  const anyUndecided = groups.some(g => g.undecided.length > 0);
  const availabilityVerdict: Verdict = objectivePercent === undefined ? 'no-objective'
    : estimatePercent === undefined ? 'unknown'
      : estimatePercent + 1e-9 < objectivePercent ? 'breached' : anyUndecided ? 'unknown' : 'met';
  return {
    workload: ctx.workload.name,
    stacks: ctx.stacks.map(s => s.stackName),
    objectives,
    components,
    groups,
    availability: { verdict: availabilityVerdict, estimatePercent, objectivePercent, weakestGroup },
    recovery: judgeAll(components),
    byStack: ctx.stacks.map(s => ({
      stack: s.stackName,
      templatePath: s.templatePath,
      recovery: judgeAll(components.filter(c => c.resource.model === s)),
    })),
    drills: Object.fromEntries(DISRUPTIONS.map(d => [d, drills.filter(x => x.disruptions.includes(d))])) as Record<Disruption, Drill[]>,
    undecidedDrills: drills.filter(x => x.undecided),
  };
}

/** The weakest link among the components, judged against an objective. */
function judge(
  components: readonly ResourceEstimate[], pick: (c: ResourceEstimate) => Estimated, objective: number | undefined, required: boolean,
  label: (r: Resource) => string, mustRecover = false,
): Judgement {
  let worst: { seconds: number; resource: Resource; basis: string; rank: number } | undefined;
  const undecided: string[] = [];
  for (const c of components) {
    const e = pick(c);
    const rank = prominence(c);
    if (isUnknown(e)) {undecided.push(`${label(c.resource)}: ${e.unknown}`);} else if (!worst || e.seconds > worst.seconds || (e.seconds === worst.seconds && rank < worst.rank)) {
      worst = { seconds: e.seconds, resource: c.resource, basis: e.basis, rank };
    }
  }
  if (components.length === 0) {
    // Nothing to lose or to recover: a workload without data stores loses no data.
    const none = { estimateSeconds: 0, objectiveSeconds: objective, basis: 'no resource of the workload has an estimate' };
    return { ...none, verdict: !required ? 'not-required' : objective === undefined ? 'no-objective' : 'met' };
  }
  const breached = worst !== undefined && objective !== undefined && worst.seconds > objective;
  const base = {
    // With undecided components the weakest link is only known when a decided one already breaches.
    estimateSeconds: undecided.length && !breached ? undefined : worst?.seconds,
    objectiveSeconds: objective,
    weakest: worst?.resource,
    weakestLink: worst ? label(worst.resource) : undefined,
    basis: worst?.basis,
    undecided: undecided.length ? undecided : undefined,
  };
  if (!required) return { ...base, verdict: 'not-required' };
  if (objective === undefined) {
    const lost = mustRecover && worst !== undefined && !Number.isFinite(worst.seconds);
    return { ...base, estimateSeconds: worst?.seconds, verdict: lost ? 'breached' : 'no-objective' };
  }
  if (worst && worst.seconds > objective) return { ...base, estimateSeconds: worst.seconds, verdict: 'breached' };
  if (undecided.length) return { ...base, verdict: 'unknown' };
  return { ...base, verdict: 'met' };
}

const ENTRY_POINTS = /^AWS::(ElasticLoadBalancing(V2)?::LoadBalancer|ApiGateway(V2)?::|CloudFront::Distribution)/;
const COMPUTE = /^AWS::(AutoScaling::AutoScalingGroup|ECS::Service|Lambda::Function|EC2::Instance)$/;

/**
 * Which of several components with the same estimate to name as the weakest link: the one a reader
 * recognises as the workload's own (data stores, then entry points, then compute) rather than plumbing.
 */
function prominence(c: ResourceEstimate): number {
  if (c.holdsData) return 0;
  if (ENTRY_POINTS.test(c.resource.type)) return 1;
  if (COMPUTE.test(c.resource.type)) return 2;
  return 3;
}

/**
 * Groups the components that reach each other through references, within a stack and across the
 * stacks of the workload (ignoring networking, encryption, logging and monitoring resources, which
 * every tier shares), and multiplies the SLAs of each group's members: serial dependencies.
 */
function workloadGroups(stacks: readonly TemplateModel[], components: ResourceEstimate[], label: (r: Resource) => string): WorkloadGroup[] {
  const parent = new Map<Resource, Resource>();
  const find = (x: Resource): Resource => {
    let root = x;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(x, root);
    return root;
  };
  const union = (a: Resource, b: Resource) => parent.set(find(a), find(b));
  const drillPlumbing = drillRoles(stacks);
  const connectors = stacks.flatMap(m => [...m.resources]).filter(r => !HUB_TYPES.has(r.type) && !isSupportResource(r) && !drillPlumbing.has(r));
  for (const r of connectors) parent.set(r, r);
  for (const r of connectors) {
    for (const link of linkedResources(r.properties, r.model)) {
      const target = link.model.resource(link.logicalId);
      // Resources of two Regions are alternatives (a standby, a copy), not a chain: each Region is judged on its own.
      const regions = [r.model.region, target?.model.region];
      if (target && parent.has(target) && !(regions[0] && regions[1] && regions[0] !== regions[1])) union(r, target);
    }
  }
  const groups = new Map<Resource, ResourceEstimate[]>();
  for (const c of components) {
    if ((!c.sla && !c.slaUndecided) || !parent.has(c.resource)) continue;
    const root = find(c.resource);
    const list = groups.get(root);
    if (list) list.push(c);
    else groups.set(root, [c]);
  }
  return [...groups.values()].map(members => ({
    members: members.map(m => label(m.resource)),
    resources: members.map(m => m.resource),
    availabilityPercent: 100 * members.reduce((a, m) => a * (m.sla ? m.sla.percent / 100 : 1), 1),
    undecided: members.filter(m => m.slaUndecided).map(m => `${label(m.resource)}: ${m.slaUndecided}`),
  }));
}
