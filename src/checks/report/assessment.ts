import type { StackResult } from '../engine';
import { ASSUMPTIONS, Judgement, StackAssessment } from '../objectives/assessment';
import { Estimated, isUnknown } from '../objectives/estimates';
import { DISRUPTION_LABELS, DISRUPTIONS, objectivesData } from '../objectives/objectives';
import { formatSeconds } from '../rules/objectives';

/** The assessment section's own schema version. */
export const ASSESSMENT_SCHEMA_VERSION = 1;

const seconds = (s: number | undefined) => (s === undefined || !Number.isFinite(s) ? null : s);

function judgementJson(j: Judgement) {
  return {
    verdict: j.verdict,
    objectiveSeconds: seconds(j.objectiveSeconds),
    estimateSeconds: seconds(j.estimateSeconds),
    notRecoverable: j.estimateSeconds === Infinity,
    weakestLink: j.weakestLink ?? null,
    basis: j.basis ?? null,
    undecided: j.undecided ?? [],
  };
}

function estimatedJson(e: Estimated) {
  return isUnknown(e)
    ? { seconds: null, undecided: e.unknown }
    : { seconds: seconds(e.seconds), notRecoverable: e.seconds === Infinity, basis: e.basis, source: e.source };
}

/** The JSON report's `assessment` section, or undefined when no stack has objectives. */
export function assessmentJson(stacks: readonly StackResult[]) {
  const assessed = stacks.filter(s => s.assessment);
  if (assessed.length === 0) return undefined;
  return {
    schemaVersion: ASSESSMENT_SCHEMA_VERSION,
    assumptions: ASSUMPTIONS,
    stacks: assessed.map(s => {
      const a = s.assessment!;
      return {
        stack: s.stack,
        templatePath: s.templatePath,
        objectives: a.objectives ? objectivesData(a.objectives) : null,
        availability: {
          verdict: a.availability.verdict,
          objectivePercent: a.availability.objectivePercent ?? null,
          estimatePercent: a.availability.estimatePercent ?? null,
          groups: a.groups.map(g => ({ members: g.members, estimatePercent: g.availabilityPercent })),
        },
        recovery: Object.fromEntries(DISRUPTIONS.map(d => [d, { rto: judgementJson(a.recovery[d].rto), rpo: judgementJson(a.recovery[d].rpo) }])),
        resources: a.components.map(c => ({
          logicalId: c.resource.logicalId,
          resourceType: c.resource.type,
          configuration: c.configuration,
          slaPercent: c.sla?.percent ?? null,
          recovery: Object.fromEntries(DISRUPTIONS.map(d => [d, {
            rto: estimatedJson(c.recovery[d].rto),
            rpo: estimatedJson(c.recovery[d].rpo),
          }])),
        })),
      };
    }),
  };
}

function verdictText(j: Judgement): string {
  const estimate = j.estimateSeconds === undefined ? 'undecided' : formatSeconds(j.estimateSeconds);
  const where = j.weakestLink ? ` (${j.weakestLink})` : '';
  switch (j.verdict) {
    case 'not-required': return 'not required';
    case 'no-objective': return `no objective, estimated ${estimate}${where}`;
    default: return `objective ${formatSeconds(j.objectiveSeconds)}, estimated ${estimate}${where}: ${j.verdict.toUpperCase()}`;
  }
}

/** One line per judged figure, for terminals and annotations. */
export function assessmentLines(a: StackAssessment): string[] {
  const lines: string[] = [];
  const av = a.availability;
  if (av.objectivePercent !== undefined || av.estimatePercent !== undefined) {
    lines.push(`availability: ${av.objectivePercent !== undefined ? `objective ${av.objectivePercent}%, ` : ''}`
      + `estimated ${av.estimatePercent !== undefined ? `${av.estimatePercent.toFixed(3)}%` : 'undecided'}`
      + `${av.verdict === 'no-objective' ? '' : `: ${av.verdict.toUpperCase()}`}`);
  }
  for (const d of DISRUPTIONS) {
    const r = a.recovery[d];
    if (r.rto.verdict === 'not-required') {
      lines.push(`${DISRUPTION_LABELS[d]}: not required`);
      continue;
    }
    lines.push(`${DISRUPTION_LABELS[d]}: RTO ${verdictText(r.rto)}; RPO ${verdictText(r.rpo)}`);
  }
  return lines;
}

/** The overall verdict of a stack: breached if anything is, else unknown if anything is, else met. */
export function overallVerdict(a: StackAssessment): 'met' | 'breached' | 'unknown' {
  const verdicts = [a.availability.verdict, ...DISRUPTIONS.flatMap(d => [a.recovery[d].rto.verdict, a.recovery[d].rpo.verdict])];
  return verdicts.includes('breached') ? 'breached' : verdicts.includes('unknown') ? 'unknown' : 'met';
}

/** A Markdown table of the stack's assessment. */
export function assessmentMarkdown(a: StackAssessment): string[] {
  const cell = (j: Judgement, which: 'objective' | 'estimate') => which === 'objective'
    ? (j.objectiveSeconds === undefined ? '' : formatSeconds(j.objectiveSeconds))
    : (j.estimateSeconds === undefined ? 'undecided' : formatSeconds(j.estimateSeconds)) + (j.weakestLink ? ` (\`${j.weakestLink}\`)` : '');
  const out = [
    `### Resilience objectives${a.objectives?.source ? ` (${a.objectives.source})` : ''}: ${overallVerdict(a)}`,
    '',
  ];
  const av = a.availability;
  out.push(`Availability: ${av.objectivePercent !== undefined ? `objective ${av.objectivePercent}%, ` : ''}estimated `
    + `${av.estimatePercent !== undefined ? `${av.estimatePercent.toFixed(3)}%` : 'undecided'} (${av.verdict}).`, '');
  out.push('| Disruption | RTO objective | RTO estimate | RTO | RPO objective | RPO estimate | RPO |', '|---|---|---|---|---|---|---|');
  for (const d of DISRUPTIONS) {
    const r = a.recovery[d];
    out.push(`| ${DISRUPTION_LABELS[d]} | ${cell(r.rto, 'objective')} | ${cell(r.rto, 'estimate')} | ${r.rto.verdict} | ${cell(r.rpo, 'objective')} | ${cell(r.rpo, 'estimate')} | ${r.rpo.verdict} |`);
  }
  out.push('');
  return out;
}
