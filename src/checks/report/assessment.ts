import type { WorkloadResult } from '../engine';
import { withFullNames } from '../model/names';
import { ASSUMPTIONS, Judgement, RecoveryJudgements, WorkloadAssessment } from '../objectives/assessment';
import type { Drill } from '../objectives/drills';
import { Estimated, isUnknown } from '../objectives/estimates';
import { DISRUPTION_LABELS, DISRUPTIONS, objectivesData } from '../objectives/objectives';
import { formatSeconds } from '../rules/objectives';

/**
 * The assessment section's own schema version. Version 2 judges workloads (the stacks of an app or
 * a Stage, nested stacks included) rather than single stacks.
 */
export const ASSESSMENT_SCHEMA_VERSION = 2;

const seconds = (s: number | undefined) => (s === undefined || !Number.isFinite(s) ? null : s);

function judgementJson(j: Judgement) {
  return {
    verdict: j.verdict,
    objectiveSeconds: seconds(j.objectiveSeconds),
    estimateSeconds: seconds(j.estimateSeconds),
    notRecoverable: j.estimateSeconds === Infinity,
    weakestLink: j.weakest ? { stack: j.weakest.model.stackName, logicalId: j.weakest.logicalId, resourceType: j.weakest.type } : null,
    basis: j.basis === undefined ? null : withFullNames(j.basis),
    undecided: (j.undecided ?? []).map(withFullNames),
  };
}

function recoveryJson(r: RecoveryJudgements) {
  return Object.fromEntries(DISRUPTIONS.map(d => [d, { rto: judgementJson(r[d].rto), rpo: judgementJson(r[d].rpo) }]));
}

function estimatedJson(e: Estimated) {
  return isUnknown(e)
    ? { seconds: null, undecided: withFullNames(e.unknown) }
    : { seconds: seconds(e.seconds), notRecoverable: e.seconds === Infinity, basis: withFullNames(e.basis), source: e.source };
}

/** Every assessment of some workloads, in order. */
export function assessmentsOf(workloads: readonly WorkloadResult[]): WorkloadAssessment[] {
  return workloads.flatMap(w => w.assessments);
}

/** The JSON report's `assessment` section, or undefined when no workload has objectives. */
export function assessmentJson(workloads: readonly WorkloadResult[]) {
  const assessed = assessmentsOf(workloads);
  if (assessed.length === 0) return undefined;
  return {
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    assumptions: ASSUMPTIONS,
    workloads: assessed.map(a => ({
      workload: a.workload,
      stacks: a.stacks,
      objectives: a.objectives ? objectivesData(a.objectives) : null,
      verdict: overallVerdict(a),
      availability: {
        verdict: a.availability.verdict,
        objectivePercent: a.availability.objectivePercent ?? null,
        estimatePercent: a.availability.estimatePercent ?? null,
        groups: a.groups.map(g => ({ members: g.members, estimatePercent: g.availabilityPercent })),
      },
      recovery: recoveryJson(a.recovery),
      byStack: a.byStack.map(s => ({ stack: s.stack, templatePath: s.templatePath, recovery: recoveryJson(s.recovery) })),
      drills: Object.fromEntries(DISRUPTIONS.map(d => [d, a.drills[d].map(x => ({
        stack: x.resource.model.stackName, logicalId: x.resource.logicalId, resourceType: x.resource.type, kind: x.kind, scheduled: x.scheduled,
      }))])),
      resources: a.components.map(c => ({
        stack: c.resource.model.stackName,
        logicalId: c.resource.logicalId,
        resourceType: c.resource.type,
        configuration: c.configuration,
        holdsData: c.holdsData,
        slaPercent: c.sla?.percent ?? null,
        recovery: Object.fromEntries(DISRUPTIONS.map(d => [d, {
          rto: estimatedJson(c.recovery[d].rto),
          rpo: estimatedJson(c.recovery[d].rpo),
        }])),
      })),
    })),
  };
}

/** The overall verdict of a workload: breached if anything is, else unknown if anything is, else met. */
export function overallVerdict(a: WorkloadAssessment): 'met' | 'breached' | 'unknown' {
  const verdicts = [a.availability.verdict, ...DISRUPTIONS.flatMap(d => [a.recovery[d].rto.verdict, a.recovery[d].rpo.verdict])];
  return verdicts.includes('breached') ? 'breached' : verdicts.includes('unknown') ? 'unknown' : 'met';
}

/** One row of the verdict table: what is judged, the objective, the estimate, the verdict and the weakest link. */
export interface VerdictRow {
  readonly objective: string;
  readonly target: string;
  readonly estimate: string;
  readonly verdict: string;
  readonly weakestLink: string;
  /** The drills that exercise the disruption, or `none`; empty for availability. */
  readonly drilled: string;
}

function verdictLabel(v: Judgement['verdict']): string {
  return v === 'no-objective' ? 'no objective' : v === 'not-required' ? 'not required' : v;
}

/** The verdict table of a workload: availability, then RTO and RPO per disruption that is required. */
export function verdictRows(a: WorkloadAssessment): VerdictRow[] {
  const rows: VerdictRow[] = [];
  const av = a.availability;
  if (av.objectivePercent !== undefined || av.estimatePercent !== undefined) {
    const weakest = av.weakestGroup === undefined ? undefined : a.groups[av.weakestGroup];
    const member = weakest?.resources.reduce<typeof weakest.resources[number] | undefined>((x, r) => {
      const sla = a.components.find(c => c.resource === r)?.sla?.percent ?? 100;
      const xs = x ? a.components.find(c => c.resource === x)?.sla?.percent ?? 100 : Infinity;
      return sla < xs ? r : x;
    }, undefined);
    rows.push({
      objective: 'availability',
      target: av.objectivePercent !== undefined ? `${av.objectivePercent}%` : '',
      estimate: av.estimatePercent !== undefined ? `${av.estimatePercent.toFixed(3)}%` : 'undecided',
      verdict: verdictLabel(av.verdict),
      weakestLink: member ? label(member, a) : '',
      drilled: '',
    });
  }
  for (const d of DISRUPTIONS) {
    for (const metric of ['rto', 'rpo'] as const) {
      const j = a.recovery[d][metric];
      if (j.verdict === 'not-required') continue;
      const survive = d === 'region' && a.objectives?.surviveRegionFailure === true;
      rows.push({
        objective: `${DISRUPTION_LABELS[d]} ${metric.toUpperCase()}`,
        target: j.objectiveSeconds !== undefined ? formatSeconds(j.objectiveSeconds) : survive ? 'survive' : '',
        estimate: j.estimateSeconds === undefined ? 'undecided' : formatSeconds(j.estimateSeconds),
        verdict: verdictLabel(j.verdict),
        weakestLink: j.weakestLink ?? '',
        // Where nothing is declared, only drills that exist are worth a mention.
        drilled: j.verdict === 'no-objective' && a.drills[d].length === 0 ? '' : drillsLabel(a.drills[d], a),
      });
    }
  }
  return rows;
}

/** The drills of a disruption for a table cell: `ZoneDrill (scheduled), autoshift practice runs`, or `none`. */
function drillsLabel(drills: readonly Drill[], a: WorkloadAssessment): string {
  if (drills.length === 0) return 'none';
  const names = drills.map(d => (d.kind === 'practice-runs' ? `${label(d.resource, a)} practice runs` : `${label(d.resource, a)}${d.scheduled ? ' (scheduled)' : ''}`));
  return names.length <= 2 ? names.join(', ') : `${names.slice(0, 2).join(', ')} and ${names.length - 2} more`;
}

function label(r: { logicalId: string; model: { stackName: string } }, a: WorkloadAssessment): string {
  return a.stacks.length > 1 ? `${r.logicalId} (${r.model.stackName})` : r.logicalId;
}

/** What the assessment is of, for headings: `workload Prod (3 stacks), preset business-critical`. */
export function assessmentTitle(a: WorkloadAssessment): string {
  const stacks = a.stacks.length === 1 ? `stack ${a.stacks[0]}` : `workload ${a.workload} (${a.stacks.length} stacks)`;
  return `${stacks}${a.objectives?.source ? `, ${a.objectives.source}` : ''}`;
}

/** The verdict table as aligned lines of text, for terminals and `cdk synth`. */
export function verdictTable(a: WorkloadAssessment): string[] {
  const header: VerdictRow = { objective: 'objective', target: 'target', estimate: 'estimate', verdict: 'verdict', weakestLink: 'weakest link', drilled: 'drilled by' };
  const rows = [header, ...verdictRows(a)];
  const keys = ['objective', 'target', 'estimate', 'verdict', 'weakestLink', 'drilled'] as const;
  const widths = keys.map(k => Math.max(...rows.map(r => r[k].length)));
  return rows.map(r => keys.map((k, i) => (i === keys.length - 1 ? r[k] : r[k].padEnd(widths[i]))).join('  ').trimEnd());
}

/**
 * A Markdown table of the workload's assessment. `cell` makes text safe in a table cell, `code`
 * makes a name (a stack, a logical ID) a code span that no character of it can break.
 */
export function assessmentMarkdown(a: WorkloadAssessment, cell: (text: string) => string, code: (text: string) => string): string[] {
  const out = [`### Resilience objectives of ${cell(assessmentTitle(a))}: ${overallVerdict(a)}`, ''];
  if (a.stacks.length > 1) out.push(`Stacks: ${a.stacks.map(code).join(', ')}.`, '');
  out.push('| Objective | Target | Estimate | Verdict | Weakest link | Drilled by |', '|---|---|---|---|---|---|');
  for (const r of verdictRows(a)) {
    out.push(`| ${cell(r.objective)} | ${cell(r.target)} | ${cell(r.estimate)} | ${cell(r.verdict)} | ${r.weakestLink ? code(r.weakestLink) : ''} | ${cell(r.drilled)} |`);
  }
  out.push('');
  return out;
}
