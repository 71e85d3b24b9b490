import type { WorkloadResult } from '../engine';
import { Finding, FindingStatus } from '../types';
import { TOOL_NAME } from '../version';
import { assessmentMarkdown } from './assessment';
import { sortedFindings, stacksOf, summarize } from './summary';
import { summaryLine } from './text';

/**
 * A Markdown report: a summary, then per stack a table of failures, of undecided checks, and of
 * acknowledged findings, and each workload's resilience assessment after its stacks.
 */
export function renderMarkdown(workloads: readonly WorkloadResult[], version: string): string {
  const stacks = stacksOf(workloads);
  const out = [`# ${TOOL_NAME} report`, '', `${TOOL_NAME} ${version}: ${summaryLine(summarize(workloads), stacks.length)}.`, ''];
  for (const workload of workloads) {
    out.push(...workloadMarkdown(workload));
  }
  return out.join('\n');
}

function workloadMarkdown(workload: WorkloadResult): string[] {
  const out: string[] = [];
  for (const stack of workload.stacks) {
    out.push(`## ${cell(stack.stack)}`, '', `Template \`${stack.templatePath}\`, ${stack.resourceCount} resources.`, '');
    const findings = sortedFindings(stack);
    const failed = findings.filter(f => !f.suppressed && f.status === FindingStatus.FAIL);
    const undecided = findings.filter(f => !f.suppressed && f.status === FindingStatus.UNKNOWN);
    const acknowledged = findings.filter(f => f.suppressed);
    if (findings.length === 0) out.push('No findings.', '');
    if (failed.length) {
      out.push('| Severity | Rule | Resource | Property | Finding | Fix |', '|---|---|---|---|---|---|');
      for (const f of failed) out.push(`| ${f.severity} | ${f.ruleId} | ${resource(f)} | ${code(f.property)} | ${cell(f.message)} | ${cell(f.remediation)} |`);
      out.push('');
    }
    if (undecided.length) {
      out.push('### Undecided at synth time', '', '| Rule | Resource | Property | Why |', '|---|---|---|---|');
      for (const f of undecided) out.push(`| ${f.ruleId} | ${resource(f)} | ${code(f.property)} | ${cell(f.message)} |`);
      out.push('');
    }
    if (acknowledged.length) {
      out.push('### Acknowledged', '', '| Rule | Resource | Finding | Reason |', '|---|---|---|---|');
      for (const f of acknowledged) out.push(`| ${f.ruleId} | ${resource(f)} | ${cell(f.message)} | ${cell(f.suppressionReason ?? '')} |`);
      out.push('');
    }
  }
  for (const a of workload.assessments) out.push(...assessmentMarkdown(a, cell));
  return out;
}

function resource(f: Finding): string {
  return `\`${f.logicalId}\` (${f.resourceType})${f.constructPath ? `<br>\`${cell(f.constructPath)}\`` : ''}`;
}

function code(text: string | undefined): string {
  return text ? `\`${text}\`` : '';
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\r?\n/g, '<br>');
}
