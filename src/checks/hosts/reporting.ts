import * as path from 'path';
import { Annotations, CfnResource, Stack, Stage } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import type { WorkloadAssessment } from '../objectives/assessment';
import { assessmentTitle, overallVerdict, verdictTable } from '../report/assessment';
import { Finding, FindingStatus, ReportFormat, Severity } from '../types';

/** The annotation ID of a rule: acknowledge it with `Annotations.of(scope).acknowledgeWarning(id)`. */
export function annotationId(ruleId: string): string {
  return `@cdk-ha/checks:${ruleId}`;
}

/**
 * Shows one finding on its L1 resource: an error when it blocks synthesis, else an acknowledgeable
 * warning (severity error or warning) or info (severity info, or undecided at synth time).
 */
export function annotate(resource: CfnResource, finding: Finding, blocking: boolean): void {
  const annotations = annotationsOf(resource);
  const id = annotationId(finding.ruleId);
  if (finding.status === FindingStatus.UNKNOWN) {
    annotations.addInfoV2(id, `[${finding.ruleId}] ${finding.title}: undecided at synth time. ${finding.message}`);
    return;
  }
  const text = `[${finding.ruleId}] ${finding.message} Fix: ${finding.remediation}`;
  if (blocking) annotations.addError(text);
  else if (finding.severity === Severity.INFO) annotations.addInfoV2(id, text);
  else annotations.addWarningV2(id, text);
}

/**
 * Shows a workload's resilience verdict in `cdk synth`, on a stack of the workload: a short table
 * (objective, target, estimate, verdict, weakest link), as a warning when an objective is breached
 * or undecided, as info when every objective is met.
 */
export function annotateVerdict(stack: Stack, assessment: WorkloadAssessment): void {
  const verdict = overallVerdict(assessment);
  const text = [`[cdk-ha] Resilience objectives of ${assessmentTitle(assessment)}: ${verdict.toUpperCase()}`, ...verdictTable(assessment).map(l => `  ${l}`)].join('\n');
  if (verdict === 'met') annotationsOf(stack).addInfoV2('@cdk-ha/objectives:verdict', text);
  else annotationsOf(stack).addWarningV2('@cdk-ha/objectives:verdict', text);
}

/** How many undecided checks the summary warning names; the reports list them all. */
const UNDECIDED_NAMED = 5;

/**
 * One warning for the checks that stay undecided at synth time (each is also an info annotation on
 * its resource, which some versions of the `cdk` command do not print): how many, and the first few
 * with the property that decides each.
 */
export function annotateUndecided(stack: Stack, undecided: readonly Finding[]): void {
  const named = undecided.slice(0, UNDECIDED_NAMED).map(f => `${f.ruleId} on ${f.constructPath ?? `${f.stack}/${f.logicalId}`}`
    + `${f.property ? ` (${f.property})` : ''}`);
  const more = undecided.length > named.length ? `, and ${undecided.length - named.length} more` : '';
  annotationsOf(stack).addWarningV2('@cdk-ha/checks:undecided', `[cdk-ha] ${undecided.length} check${undecided.length === 1 ? ' is' : 's are'} `
    + `undecided at synth time, because they depend on values only known at deploy time (parameters, conditions, imports): ${named.join('; ')}${more}. `
    + 'Decide the values in the template, or run `cdk-ha check cdk.out` for each reason.');
}

/**
 * Annotations that record no stack trace. The trace of an annotation added by the checks points
 * into the checks and synthesis, not into the app, so it tells the user nothing; capturing it
 * (through source maps under ts-node) was the largest single cost of the aspect on big apps.
 */
function annotationsOf(scope: IConstruct): Annotations {
  const previous = process.env.CDK_DISABLE_STACK_TRACE;
  process.env.CDK_DISABLE_STACK_TRACE = '1'; // read once, when the Annotations object is made
  try {
    return Annotations.of(scope);
  } finally {
    if (previous === undefined) delete process.env.CDK_DISABLE_STACK_TRACE;
    else process.env.CDK_DISABLE_STACK_TRACE = previous;
  }
}

/** The cloud assembly folder of the outermost stage (the app's `cdk.out`). */
export function appOutdir(scope: IConstruct): string {
  let stage = Stage.of(scope);
  while (stage && Stage.of(stage)) stage = Stage.of(stage);
  return stage?.outdir ?? path.resolve('cdk.out');
}

/** Report options shared by the aspect and the plugin. */
export interface ReportOptions {
  readonly reportFormats?: ReportFormat[];
  readonly reportDirectory?: string;
}
