import * as fs from 'fs';
import * as path from 'path';
import { rulesMarkdown } from '../scripts/generate-rules-md';
import { ALL_RULES } from '../src/checks/rules';

test('RULES.md is generated from the rule objects and current (regenerate with `npx projen docgen:rules`)', () => {
  const committed = fs.readFileSync(path.join(__dirname, '..', 'RULES.md'), 'utf-8');
  expect(committed).toBe(rulesMarkdown(ALL_RULES));
});

test('RULES.md lists every rule with its resource types and the not-covered checks', () => {
  const doc = rulesMarkdown(ALL_RULES);
  for (const rule of ALL_RULES) {
    expect(doc).toContain(`### ${rule.id}: ${rule.title}`);
    for (const type of rule.resourceTypes) expect(doc).toContain(`\`${type}\``);
  }
  expect(doc).toMatch(/## Not covered\n/);
  expect(doc).toMatch(/## Considered and not added\n[^#]*CapacityDistributionStrategy[^#]*AutomaticBackupReplicationRegion/);
});
