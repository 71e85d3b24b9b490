/**
 * Writes RULES.md from the rule objects: the catalogue users read, generated so it never drifts.
 * Usage: ts-node scripts/generate-rules-md.ts RULES.md
 */
import * as fs from 'fs';
import { ALL_RULES } from '../src/checks/rules';
import { NOT_ADDED, NOT_COVERED, NotAdded, NotCovered } from '../src/checks/rules/not-covered';
import type { Rule } from '../src/checks/rules/rule';

/** The anchor Markdown renderers give a rule's heading. */
function anchor(rule: Rule): string {
  return `${rule.id}: ${rule.title}`.toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-');
}

/** What raises a hygiene rule's findings above advice, in words. */
const RAISED_BY: Record<NonNullable<Rule['raisedBy']>, string> = {
  'data-loss': 'an RPO',
  'availability': 'an availability target or an RTO',
};

/** A rule's severity as the catalogue shows it: hygiene rules are info until declared objectives need them. */
function severityOf(rule: Rule): string {
  return rule.raisedBy ? `info (${rule.severity} with ${RAISED_BY[rule.raisedBy]})` : rule.severity;
}

function section(rule: Rule): string {
  const refs = rule.references.map(r => (r.url ? `[${r.label}](${r.url})` : r.label)).join('; ');
  return [
    `### ${rule.id}: ${rule.title}`,
    '',
    '| Severity | Category | Resource types |',
    '|---|---|---|',
    `| ${severityOf(rule)} | ${rule.category} | ${rule.resourceTypes.map(t => `\`${t}\``).join(', ')} |`,
    '',
    `**Flags:** ${rule.flags}`,
    ...rule.supersedes?.length ? ['', `**One finding per problem:** where ${rule.supersedes.join(' and ')} also fails on the same resource, this `
      + 'rule\'s finding carries its message instead of a second finding.'] : [],
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

function notAdded(items: readonly NotAdded[]): string[] {
  return [
    '## Considered and not added',
    '',
    'Checks that were weighed for the catalogue and left out, with the reason.',
    '',
    '| Check | Why it is not a rule |',
    '|---|---|',
    ...items.map(i => `| ${i.check} | ${i.reason} |`),
    '',
  ];
}

function severityModel(rules: readonly Rule[]): string[] {
  const hygiene = (need: NonNullable<Rule['raisedBy']>) => rules.filter(r => r.raisedBy === need).map(r => r.id).join(', ');
  return [
    '## Severity',
    '',
    'Severity says what a finding means for the workload, and follows the objectives you declare (`ResilienceObjectives.declare`, '
      + 'the `@cdk-ha/objectives` context, `cdk-ha check --objectives`):',
    '',
    '- **error**: one failure causes an outage or data loss of this workload (a single-AZ database, one NAT gateway for '
      + 'several zones, a failover record without a health check).',
    '- **warning**: a real gap in this workload\'s resilience or recovery.',
    '- **info**: advice, sound for most workloads but not a weakness of every one.',
    '',
    'Hygiene rules (alarms, deletion guards, deletion policies, versioning, cache backups) are sound advice for every workload, '
      + 'but a weakness only where the workload needs what they protect. Their findings are **info** unless the stack declares '
      + `production objectives that need them: an RPO raises ${hygiene('data-loss')}; an availability target or an RTO raises `
      + `${hygiene('availability')}. A raised finding keeps the rule's severity and says which objective raised it `
      + '("It is a warning because the declared objectives set an RPO of 5 min for an Availability Zone failure"; `raisedBy` in '
      + 'the JSON report). With `non-production` objectives, hygiene findings and single points of failure are info.',
    '',
    'Rules judge the workload\'s own resources: support resources that the templates show to be log destinations, pipeline '
      + 'artifact stores and their keys, CDK bucket deployment targets, CDK bootstrap resources, deployment-time functions '
      + '(custom resource handlers) and Auto Scaling lifecycle-hook handlers are not judged by the rules that protect data or '
      + 'requests. Where two rules see one problem on a resource, the more specific one reports it.',
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
      + 'decided only at deploy time (a parameter, a condition, an import) reports **unknown**, never pass or fail.',
    '',
    ...severityModel(rules),
    '| Rule | Title | Severity | Category |',
    '|---|---|---|---|',
    ...rules.map(r => `| [${r.id}](#${anchor(r)}) | ${r.title} | ${severityOf(r)} | ${r.category} |`),
    '',
    '## Rules',
    '',
    ...rules.map(section),
    ...notCovered(notCoveredItems),
    ...notAdded(NOT_ADDED),
  ].join('\n');
}

if (require.main === module) {
  const out = process.argv[2] ?? 'RULES.md';
  fs.writeFileSync(out, rulesMarkdown(ALL_RULES));
}
