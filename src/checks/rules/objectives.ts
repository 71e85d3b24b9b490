import { LocatedOutcome, Rule, WA, WorkloadContext } from './rule';
import { assessWorkload } from '../objectives/assessment';
import { ESTIMATED_TYPES, isUnknown, ResourceEstimate } from '../objectives/estimates';
import { Disruption, DISRUPTIONS, DISRUPTION_LABELS } from '../objectives/objectives';
import type { Objectives } from '../objectives/objectives';
import { RuleCategory, Severity } from '../types';

/** A duration for messages: `45 s`, `5 min`, `2 h`, `1.5 d`, or "not recoverable". */
export function formatSeconds(seconds: number | undefined): string {
  if (seconds === undefined) return 'undecided';
  if (!Number.isFinite(seconds)) return 'not recoverable';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  if (seconds < 3600) return `${+(seconds / 60).toFixed(1)} min`;
  if (seconds < 86400) return `${+(seconds / 3600).toFixed(1)} h`;
  return `${+(seconds / 86400).toFixed(1)} d`;
}

const OBJECTIVE_REFERENCES = [
  WA.REL13_BP02,
  { label: 'AWS Resilience Hub: resiliency policies', url: 'https://docs.aws.amazon.com/resilience-hub/latest/userguide/resiliency-policies.html' },
  { label: 'Disaster recovery options in the cloud', url: 'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html' },
];

/** "RTO objective" or "RPO objective" breaches: one finding per resource and disruption that breaks it. */
function recoveryRule(metric: 'rto' | 'rpo'): Rule {
  const name = metric === 'rto' ? 'recovery time' : 'data loss';
  const key = metric === 'rto' ? 'rtoSeconds' : 'rpoSeconds';
  return {
    id: metric === 'rto' ? 'HA-OBJ1' : 'HA-OBJ2',
    title: `Estimated ${name} (${metric.toUpperCase()}) exceeds the declared objective`,
    severity: Severity.ERROR,
    category: metric === 'rto' ? RuleCategory.FAILOVER : RuleCategory.DR,
    resourceTypes: ESTIMATED_TYPES,
    explanation: `When resilience objectives are declared, each resource's ${metric.toUpperCase()} is estimated from its configuration for `
      + 'a host or instance failure, an Availability Zone failure and (when the objectives require it) a Region failure. A resource '
      + 'whose estimate exceeds the objective is the reason the workload cannot meet it. Estimates use documented service figures '
      + 'and are to be confirmed by testing.',
    flags: `A resource whose estimated ${metric.toUpperCase()} for a disruption exceeds the declared ${metric.toUpperCase()} objective for that disruption.`,
    defaults: 'Runs only when objectives are declared (ResilienceObjectives, the `@cdk-ha/objectives` context, template Metadata, or `cdk-ha check --objectives`).',
    remediation: metric === 'rto'
      ? 'Add redundancy that fails over automatically (a standby or replica in another zone, capacity in every zone, a standby Region), or relax the objective.'
      : 'Replicate the data synchronously or more often (Multi-AZ, replicas, point-in-time recovery, cross-Region replication), or relax the objective.',
    references: OBJECTIVE_REFERENCES,
    evaluateWorkload(ctx: WorkloadContext): LocatedOutcome[] {
      if (!ctx.objectives) return [];
      const a = assessWorkload(ctx);
      const outcomes: LocatedOutcome[] = [];
      for (const d of DISRUPTIONS) {
        if (a.recovery[d][metric].verdict === 'not-required') continue;
        // Without numbers, "survive a Region failure" still asks every component to be recoverable in another Region.
        const objective = ctx.objectives[d]?.[key] ?? (d === 'region' && ctx.objectives.surviveRegionFailure ? SURVIVE : undefined);
        if (objective === undefined) continue;
        for (const c of a.components) {
          if (metric === 'rpo' && !c.holdsData) continue;
          outcomes.push(judge(c, d, metric, objective));
        }
      }
      return outcomes;
    },
  };
}

/** The objective "survive", with no number: any finite recovery meets it. */
const SURVIVE = Number.MAX_VALUE;

function judge(c: ResourceEstimate, d: Disruption, metric: 'rto' | 'rpo', objective: number): LocatedOutcome {
  const e = c.recovery[d][metric];
  const resource = c.resource;
  const logicalId = resource.logicalId;
  const what = `${capitalize(DISRUPTION_LABELS[d])} ${metric.toUpperCase()}`;
  if (isUnknown(e)) {
    return { resource, status: 'unknown', message: `${what} of ${logicalId} (${c.configuration}) is undecided at synth time: ${e.unknown}.` };
  }
  if (e.seconds <= objective) return { resource, status: 'pass' };
  return {
    resource,
    status: 'fail',
    message: `${what} objective ${objective === SURVIVE ? 'survive' : formatSeconds(objective)}, estimated ${formatSeconds(e.seconds)} for ${logicalId} (${c.configuration}): ${e.basis}.`,
  };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export const RTO_OBJECTIVE = recoveryRule('rto');
export const RPO_OBJECTIVE = recoveryRule('rpo');

export const AVAILABILITY_OBJECTIVE: Rule = {
  id: 'HA-OBJ3',
  title: 'Estimated availability is below the declared target',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ESTIMATED_TYPES,
  explanation: 'The composite availability of a workload multiplies the monthly SLA commitments of the resources it depends on in series, '
    + 'found through the template\'s references (a web tier that points at a database depends on it); redundancy inside a resource '
    + '(Multi-AZ, several zones) raises its SLA figure. A workload whose estimate is below the declared target cannot be expected '
    + 'to meet it; the resource with the lowest figure is the first to improve.',
  flags: 'A group of dependent resources whose product of SLA figures is below the declared availability target; reported on its weakest member.',
  defaults: 'Runs only when an availability target is declared.',
  remediation: 'Raise the weakest member\'s availability (Multi-AZ, several zones, a replica), remove a serial dependency, or relax the target.',
  references: [WA.REL10_BP01, { label: 'Well-Architected Reliability Pillar: Availability', url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/availability.html' }],
  evaluateWorkload(ctx) {
    const target = ctx.objectives?.availabilityPercent;
    if (target === undefined) return [];
    const a = assessWorkload(ctx);
    const outcomes: LocatedOutcome[] = [];
    for (const g of a.groups) {
      const members = a.components.filter(c => g.resources.includes(c.resource));
      const decided = members.filter(m => m.sla);
      const weakest = decided.length ? decided.reduce((x, y) => (y.sla!.percent < x.sla!.percent ? y : x)) : undefined;
      const estimate = g.availabilityPercent;
      if (estimate + 1e-9 < target && weakest) {
        outcomes.push({
          resource: weakest.resource,
          status: 'fail',
          message: `Availability target ${target}%, estimated ${estimate.toFixed(3)}% for the workload of ${g.members.join(', ')}; `
            + `its weakest member is ${weakest.resource.logicalId} (${weakest.configuration}, SLA ${weakest.sla!.percent}%).`,
        });
      } else if (g.undecided.length) {
        const first = members.find(m => m.slaUndecided)!;
        outcomes.push({
          resource: first.resource,
          status: 'unknown',
          message: `Whether the workload of ${g.members.join(', ')} meets the availability target ${target}% is undecided at synth time: ${g.undecided.join('; ')}.`,
        });
      } else if (weakest) {
        outcomes.push({ resource: weakest.resource, status: 'pass' });
      }
    }
    return outcomes;
  },
};

/** Multi-Region and Multi-AZ features beyond what the objectives ask for, with what they cost. */
function beyondObjectives(c: ResourceEstimate, o: Objectives): string | { undecided: string } | undefined {
  const r = c.resource;
  const regionNeeded = o.surviveRegionFailure || o.region !== undefined;
  if (!regionNeeded) {
    if (r.type === 'AWS::RDS::DBCluster' && r.has('GlobalClusterIdentifier')) {
      return `${r.logicalId} is part of a global database, although the objectives do not ask to survive a Region failure: the secondary Region roughly doubles the database cost`;
    }
    if (r.type === 'AWS::DynamoDB::GlobalTable') {
      const replicas = r.list('Replicas');
      if (!replicas.known) return { undecided: `whether ${r.logicalId} replicates to other Regions depends on deploy-time values: Replicas is ${replicas.reason}` };
      if (replicas.value.length >= 2) {
        return `${r.logicalId} replicates to ${replicas.value.length} Regions, although the objectives do not ask to survive a Region failure: each replica is billed for its storage and replicated writes`;
      }
    }
    if (r.type === 'AWS::S3::Bucket' && r.has('ReplicationConfiguration')) {
      return `${r.logicalId} replicates to another bucket, although the objectives do not ask to survive a Region failure: replication doubles storage and adds transfer costs`;
    }
  }
  const azRto = o.az?.rtoSeconds;
  if (o.tier === 'non-production' && azRto !== undefined && azRto >= 3600) {
    if (r.type === 'AWS::RDS::DBInstance' && c.configuration === 'RDS Multi-AZ instance') {
      return `${r.logicalId} is Multi-AZ in a non-production stack whose zone-failure objective (${formatSeconds(azRto)}) allows a restore from backup: the standby doubles the instance cost`;
    }
  }
  return undefined;
}

export const BEYOND_OBJECTIVES: Rule = {
  id: 'HA-OBJ4',
  title: 'Resilience beyond what the declared objectives need',
  severity: Severity.INFO,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::RDS::DBCluster', 'AWS::RDS::DBInstance', 'AWS::DynamoDB::GlobalTable', 'AWS::S3::Bucket'],
  explanation: 'High availability has a price. When the declared objectives do not ask for a feature (a second Region, a standby in a '
    + 'non-production stack), it is reported with its cost implication, so that nobody is pushed to over-engineer.',
  flags: 'A global database, a multi-Region global table or a replicated bucket when the objectives do not require surviving a Region '
    + 'failure; a Multi-AZ instance in a non-production stack whose zone-failure objective allows a restore.',
  defaults: 'Runs only when objectives are declared.',
  remediation: 'Keep the feature if the objectives understate the need (and declare it), or remove it to save its cost.',
  references: OBJECTIVE_REFERENCES,
  evaluateWorkload(ctx) {
    if (!ctx.objectives) return [];
    const outcomes: LocatedOutcome[] = [];
    for (const c of assessWorkload(ctx).components) {
      if (!this.resourceTypes.includes(c.resource.type)) continue;
      const beyond = beyondObjectives(c, ctx.objectives);
      const resource = c.resource;
      if (beyond === undefined) outcomes.push({ resource, status: 'pass' });
      else if (typeof beyond === 'string') outcomes.push({ resource, status: 'fail', message: `${beyond}.` });
      else outcomes.push({ resource, status: 'unknown', message: `${beyond.undecided.charAt(0).toUpperCase()}${beyond.undecided.slice(1)}.` });
    }
    return outcomes;
  },
};

export const OBJECTIVES_RULES: readonly Rule[] = [RTO_OBJECTIVE, RPO_OBJECTIVE, AVAILABILITY_OBJECTIVE, BEYOND_OBJECTIVES];
