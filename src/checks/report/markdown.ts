import type { StackResult } from '../engine';
import { Finding, FindingStatus } from '../types';
import { TOOL_NAME } from '../version';
import { assessmentMarkdown } from './assessment';
import { sortedFindings, summarize } from './summary';
import { summaryLine } from './text';

/** A Markdown report: a summary, then per stack a table of failures, of undecided checks, and of acknowledged findings. */
export function renderMarkdown(stacks: readonly StackResult[], version: string): string {
  const out = [`# ${TOOL_NAME} report`, '', `${TOOL_NAME} ${version}: ${summaryLine(summarize(stacks), stacks.length)}.`, ''];
  for (const stack of stacks) {
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
    if (stack.assessment) out.push(...assessmentMarkdown(stack.assessment));
    if (acknowledged.length) {
      out.push('### Acknowledged', '', '| Rule | Resource | Finding | Reason |', '|---|---|---|---|');
      for (const f of acknowledged) out.push(`| ${f.ruleId} | ${resource(f)} | ${cell(f.message)} | ${cell(f.suppressionReason ?? '')} |`);
      out.push('');
    }
  }
  return out.join('\n');
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
