import type { WorkloadResult } from '../engine';
import { Finding, FindingStatus } from '../types';
import { TOOL_NAME } from '../version';
import { assessmentMarkdown } from './assessment';
import { printable } from './printable';
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
  // Every line is one line: what reaches the file can hold no control character.
  return out.map(printable).join('\n');
}

function workloadMarkdown(workload: WorkloadResult): string[] {
  const out: string[] = [];
  for (const stack of workload.stacks) {
    out.push(`## ${cell(stack.stack)}`, '', `Template ${code(stack.templatePath)}, ${stack.resourceCount} resources.`, '');
    const findings = sortedFindings(stack);
    const failed = findings.filter(f => !f.suppressed && f.status === FindingStatus.FAIL);
    const undecided = findings.filter(f => !f.suppressed && f.status === FindingStatus.UNKNOWN);
    const acknowledged = findings.filter(f => f.suppressed);
    if (findings.length === 0) out.push('No findings.', '');
    if (failed.length) {
      out.push('| Severity | Rule | Resource | Property | Finding | Fix |', '|---|---|---|---|---|---|');
      for (const f of failed) out.push(`| ${f.severity} | ${f.ruleId} | ${resource(f)} | ${code(f.property)} | ${cell(f.message)} | ${ruleText(f.remediation)} |`);
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
  for (const a of workload.assessments) out.push(...assessmentMarkdown(a, cell, code));
  return out;
}

function resource(f: Finding): string {
  return `${code(f.logicalId)} (${cell(f.resourceType)})${f.constructPath ? `<br>${code(f.constructPath)}` : ''}`;
}

/**
 * Text from templates in a table cell, shown as written: Markdown and HTML syntax (`|`, `<img ...>`,
 * `<!--`, `[text](url)`, emphasis) is escaped, line breaks become `<br>`, control characters visible escapes.
 */
function cell(text: string): string {
  return printable(text
    .replace(/[\\`*_~[\]|]/g, c => `\\${c}`)
    .replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;')
    .replace(/\r\n?|\n/g, '<br>'));
}

/** The rule's own text (a remediation), Markdown as its author wrote it, made safe for a table cell. */
function ruleText(text: string): string {
  return printable(text.replace(/\|/g, '\\|').replace(/\r\n?|\n/g, '<br>'));
}

/**
 * Text as inline code: a code span shows HTML and Markdown as written; its fence is longer than any
 * run of backticks in the text, and only the table's `|` needs escaping (GitHub's tables read it first).
 */
function code(text: string | undefined): string {
  if (!text) return '';
  const shown = printable(text).replace(/\|/g, '\\|');
  const longest = (shown.match(/`+/g) ?? []).reduce((max, run) => Math.max(max, run.length), 0);
  const fence = '`'.repeat(longest + 1);
  const pad = shown.startsWith('`') || shown.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${shown}${pad}${fence}`;
}
