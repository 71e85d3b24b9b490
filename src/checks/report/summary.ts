import type { StackResult, WorkloadResult } from '../engine';
import { FailOn, Finding, FindingStatus, Severity } from '../types';

/** Counts over a run, as every report shows them. */
export interface Summary {
  /** Unacknowledged failures by severity. */
  readonly error: number;
  readonly warning: number;
  readonly info: number;
  /** Unacknowledged findings that could not be decided at synth time. */
  readonly unknown: number;
  /** Acknowledged findings of any kind. */
  readonly suppressed: number;
  /** Resources checked. */
  readonly resources: number;
}

/** Every stack of some workloads, in order. */
export function stacksOf(workloads: readonly WorkloadResult[]): StackResult[] {
  return workloads.flatMap(w => w.stacks);
}

export function summarize(workloads: readonly WorkloadResult[]): Summary {
  const counts = { error: 0, warning: 0, info: 0, unknown: 0, suppressed: 0, resources: 0 };
  for (const stack of stacksOf(workloads)) {
    counts.resources += stack.resourceCount;
    for (const f of stack.findings) {
      if (f.suppressed) counts.suppressed++;
      else if (f.status === FindingStatus.UNKNOWN) counts.unknown++;
      else counts[f.severity]++;
    }
  }
  return counts;
}

const RANK: Record<Severity, number> = { [Severity.ERROR]: 3, [Severity.WARNING]: 2, [Severity.INFO]: 1 };

/** True when a finding makes a run fail at this threshold: unacknowledged, failed, and severe enough. */
export function isBlocking(finding: Finding, failOn: FailOn): boolean {
  if (failOn === FailOn.NEVER || finding.suppressed || finding.status !== FindingStatus.FAIL) return false;
  return RANK[finding.severity] >= RANK[failOn === FailOn.ERROR ? Severity.ERROR : Severity.WARNING];
}

/** Findings in report order: by stack as checked, then severity, then rule and resource. */
export function sortedFindings(stack: StackResult): Finding[] {
  return [...stack.findings].sort((a, b) =>
    Number(a.suppressed) - Number(b.suppressed)
    || Number(a.status === FindingStatus.UNKNOWN) - Number(b.status === FindingStatus.UNKNOWN)
    || RANK[b.severity] - RANK[a.severity]
    || a.ruleId.localeCompare(b.ruleId)
    || a.logicalId.localeCompare(b.logicalId));
}
