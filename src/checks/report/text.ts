import type { WorkloadResult } from '../engine';
import { Finding, FindingStatus } from '../types';
import { TOOL_NAME } from '../version';
import { assessmentTitle, overallVerdict, verdictTable } from './assessment';
import { printable } from './printable';
import { sortedFindings, stacksOf, summarize, Summary } from './summary';

/** A report for people at a terminal: findings grouped by stack, each workload's assessment, then a summary line. */
export function renderText(workloads: readonly WorkloadResult[], version: string): string {
  const lines: string[] = [];
  for (const workload of workloads) {
    for (const stack of workload.stacks) {
      lines.push(`${stack.stack} (${stack.templatePath}): ${stack.resourceCount} resources`);
      const findings = sortedFindings(stack);
      if (findings.length === 0) lines.push('  no findings');
      for (const f of findings) lines.push(...textFinding(f));
      lines.push('');
    }
    for (const a of workload.assessments) {
      lines.push(`Resilience objectives of ${assessmentTitle(a)}: ${overallVerdict(a).toUpperCase()}`);
      for (const line of verdictTable(a)) lines.push(`  ${line}`);
      lines.push('');
    }
  }
  lines.push(`${TOOL_NAME} ${version}: ${summaryLine(summarize(workloads), stacksOf(workloads).length)}`);
  // Names and values come from templates: a control character (ESC, BEL) or a line break in one
  // must reach the terminal as a visible escape, not act on it.
  return `${lines.map(printable).join('\n')}\n`;
}

function label(f: Finding): string {
  if (f.suppressed) return 'ACKNOWLEDGED';
  return f.status === FindingStatus.UNKNOWN ? 'UNKNOWN' : f.severity.toUpperCase();
}

function textFinding(f: Finding): string[] {
  const where = [f.logicalId, f.constructPath ? `[${f.constructPath}]` : '', f.property ? `property ${f.property}` : '', f.line ? `line ${f.line}` : '']
    .filter(Boolean).join(' ');
  const out = [`  ${label(f).padEnd(12)} ${f.ruleId.padEnd(11)} ${f.resourceType} ${where}`, `      ${f.message}`];
  if (f.suppressed) out.push(`      Acknowledged: ${f.suppressionReason}`);
  else if (f.status === FindingStatus.FAIL) out.push(`      Fix: ${f.remediation}`);
  return out;
}

/** "1 error, 2 warnings, ..." */
export function summaryLine(s: Summary, stackCount: number): string {
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  return `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info, ${s.unknown} unknown, `
    + `${s.suppressed} acknowledged in ${plural(s.resources, 'resource')} of ${plural(stackCount, 'stack')}`;
}
