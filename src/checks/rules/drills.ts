import { assessWorkload } from '../objectives/assessment';
import { ESTIMATED_TYPES } from '../objectives/estimates';
import { DISRUPTION_LABELS, DISRUPTIONS } from '../objectives/objectives';
import { RuleCategory, Severity } from '../types';
import { formatSeconds } from './objectives';
import { LocatedOutcome, Rule, WA } from './rule';

export const UNDRILLED_OBJECTIVES: Rule = {
  id: 'HA-DRILL1',
  title: 'Declared recovery objectives are never exercised by a drill',
  severity: Severity.WARNING,
  category: RuleCategory.FAILOVER,
  resourceTypes: ESTIMATED_TYPES,
  explanation:
    'Recovery objectives are estimates until a failure proves them: a standby that never took over, a failover that nobody triggered, '
    + 'capacity in the other zones that never carried the load. Regularly tested HA and DR procedures are the first question of every '
    + 'availability review. A drill as code (an AWS FIS experiment template over the failure, or the weekly practice runs of zonal '
    + 'autoshift for a zone failure) is the workload\'s way to test them, on a schedule or before each release.',
  flags: 'For each disruption (host or instance, Availability Zone, Region) that the declared objectives give an RTO or RPO: a workload '
    + 'none of whose stacks holds an `AWS::FIS::ExperimentTemplate` that exercises it (by its `cdk-ha:exercises` tag, or by its actions: '
    + 'zone-filtered targets and zonal faults for a zone, stopped or failed-over hosts for an instance, cross-Region disruptions for a '
    + 'Region), nor, for a zone, an `AWS::ARCZonalShift::ZonalAutoshiftConfiguration` with practice runs. Reported once per disruption, '
    + 'on its weakest link; info in the non-production tier.',
  defaults: 'Runs only when objectives are declared. Experiments started from outside the templates (the console, another account) are not '
    + 'seen: acknowledge the finding with where the drill lives.',
  remediation: 'Add a drill for the disruption (cdk-ha: `new FailoverDrill(this, id, { scenario: DrillScenario.zonePowerInterruption({ ... }) })`, '
    + '`DrillScenario.databaseFailover(db)`, `DrillScenario.primaryEndpointLoss(pair)`), or turn on zonal autoshift with practice runs '
    + '(`MultiAzWebTier` `zonalAutoshift: true`).',
  references: [
    WA.REL13_BP02,
    { label: 'Well-Architected REL12-BP04: Test resiliency using chaos engineering', url: 'https://docs.aws.amazon.com/wellarchitected/latest/reliability-pillar/rel_testing_resiliency_failure_injection_resiliency.html' },
    { label: 'AWS FIS scenario library', url: 'https://docs.aws.amazon.com/fis/latest/userguide/scenario-library.html' },
  ],
  evaluateWorkload(ctx): LocatedOutcome[] {
    const o = ctx.objectives;
    if (!o) return [];
    const a = assessWorkload(ctx);
    if (a.components.length === 0) return [];
    const outcomes: LocatedOutcome[] = [];
    for (const d of DISRUPTIONS) {
      const targets = o[d];
      if (a.recovery[d].rto.verdict === 'not-required' || (targets?.rtoSeconds === undefined && targets?.rpoSeconds === undefined)) continue;
      const resource = a.recovery[d].rto.weakest ?? a.recovery[d].rpo.weakest ?? a.components[0].resource;
      if (a.drills[d].length) {
        outcomes.push({ resource, status: 'pass' });
        continue;
      }
      const undecided = a.undecidedDrills[0];
      if (undecided) {
        outcomes.push({ resource, status: 'unknown', message: `Whether a drill exercises ${article(DISRUPTION_LABELS[d])} is decided at deploy time: ${undecided.undecided}.` });
        continue;
      }
      const declared = [targets?.rtoSeconds !== undefined ? `RTO ${formatSeconds(targets.rtoSeconds)}` : '',
        targets?.rpoSeconds !== undefined ? `RPO ${formatSeconds(targets.rpoSeconds)}` : ''].filter(Boolean).join(', ');
      outcomes.push({
        resource,
        status: 'fail',
        message: `No drill of the workload exercises ${article(DISRUPTION_LABELS[d])} (declared ${declared}): the estimate for its `
          + `weakest link ${resource.logicalId} is untested, so nobody knows whether the failover works or how long it takes.`,
        severity: o.tier === 'non-production' ? Severity.INFO : undefined,
      });
    }
    return outcomes;
  },
};

function article(label: string): string {
  return `${/^[AEIOU]/.test(label) ? 'an' : 'a'} ${label}`;
}

export const DRILL_RULES: readonly Rule[] = [UNDRILLED_OBJECTIVES];
