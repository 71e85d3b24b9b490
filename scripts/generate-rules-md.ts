/**
 * Writes RULES.md from the rule objects: the catalogue users read, generated so it never drifts.
 * Usage: ts-node scripts/generate-rules-md.ts RULES.md
 */
import * as fs from 'fs';
import { ALL_RULES } from '../src/checks/rules';
import { NOT_COVERED, NotCovered } from '../src/checks/rules/not-covered';
import type { Rule } from '../src/checks/rules/rule';

/** The anchor Markdown renderers give a rule's heading. */
function anchor(rule: Rule): string {
  return `${rule.id}: ${rule.title}`.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

function section(rule: Rule): string {
  const refs = rule.references.map(r => (r.url ? `[${r.label}](${r.url})` : r.label)).join('; ');
  return [
    `### ${rule.id}: ${rule.title}`,
    '',
    '| Severity | Category | Resource types |',
    '|---|---|---|',
    `| ${rule.severity} | ${rule.category} | ${rule.resourceTypes.map(t => `\`${t}\``).join(', ')} |`,
    '',
    `**Flags:** ${rule.flags}`,
    '',
    `**CloudFormation defaults it relies on:** ${rule.defaults}`,
    '',
    `**Why it matters:** ${rule.explanation}`,
    '',
    `**How to fix:** ${rule.remediation}`,
    '',
    `**References:** ${refs}`,
    '',
  ].join('\n');
}

function notCovered(items: readonly NotCovered[]): string[] {
  return [
    '## Not covered',
    '',
    'What a template cannot decide, and why. These need a review of the deployed account, of other stacks, or a test.',
    '',
    '| Check | Why a template cannot decide it |',
    '|---|---|',
    ...items.map(i => `| ${i.check} | ${i.reason} |`),
    '',
  ];
}

export function rulesMarkdown(rules: readonly Rule[], notCoveredItems: readonly NotCovered[] = NOT_COVERED): string {
  return [
    '# cdk-ha rules',
    '',
    '<!-- Generated from the rule objects in src/checks/rules by `npx projen docgen:rules`. Do not edit. -->',
    '',
    `cdk-ha checks ${rules.length} rules. Each reads only the resource types it lists. A rule whose input is `
      + 'decided only at deploy time (a parameter, a condition, an import) reports **unknown**, never pass or fail. '
      + 'Severity: **error** means one failure causes an outage or data loss; **warning** means reduced resilience or a '
      + 'recovery gap; **info** is advice.',
    '',
    '| Rule | Title | Severity | Category |',
    '|---|---|---|---|',
    ...rules.map(r => `| [${r.id}](#${anchor(r)}) | ${r.title} | ${r.severity} | ${r.category} |`),
    '',
    '## Rules',
    '',
    ...rules.map(section),
    ...notCovered(notCoveredItems),
  ].join('\n');
}

if (require.main === module) {
  const out = process.argv[2] ?? 'RULES.md';
  fs.writeFileSync(out, rulesMarkdown(ALL_RULES));
}
