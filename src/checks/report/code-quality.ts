import { createHash } from 'crypto';
import type { WorkloadResult } from '../engine';
import { stacksOf } from './summary';
import { Finding, FindingStatus, Severity } from '../types';

/** GitLab's severities, from the lowest: info, minor, major, critical, blocker. */
const SEVERITY: Record<Severity, string> = {
  [Severity.ERROR]: 'critical',
  [Severity.WARNING]: 'major',
  [Severity.INFO]: 'info',
};

/**
 * A GitLab code quality report (the Code Climate subset GitLab reads from
 * `artifacts:reports:codequality`): one issue per unacknowledged finding, with the same
 * fingerprint as the SARIF report's, so merge requests show what a change adds or fixes.
 */
export function renderCodeQuality(workloads: readonly WorkloadResult[]): string {
  const issues = stacksOf(workloads).flatMap(s => s.findings.filter(f => !f.suppressed).map(codeQualityIssue));
  return `${JSON.stringify(issues, undefined, 2)}\n`;
}

function codeQualityIssue(f: Finding) {
  const undecided = f.status === FindingStatus.UNKNOWN;
  return {
    type: 'issue',
    check_name: f.ruleId,
    description: `[${f.ruleId}] ${undecided ? `Could not be decided at synth time: ${f.message}` : f.message}`,
    categories: ['Bug Risk'],
    severity: undecided ? 'info' : SEVERITY[f.severity],
    fingerprint: findingFingerprint(f),
    location: { path: f.templatePath, lines: { begin: f.line ?? 1 } },
  };
}

/** A finding's identity across runs: its stack, resource, rule and property, not its wording or line. */
export function findingFingerprint(f: Finding): string {
  return createHash('sha256').update([f.stack, f.logicalId, f.ruleId, f.property ?? ''].join('\u0000')).digest('hex').slice(0, 32);
}
