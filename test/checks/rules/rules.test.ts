import { RuleCase, RuleCases } from './cases';
import { NETWORK_CASES } from './network.cases';
import { RDS_CASES } from './rds.cases';
import { SERVICE_CASES } from './services.cases';
import { ALL_RULES } from '../../../src/checks/rules';
import { check, outcomesOf } from '../../helpers/templates';

const ALL_CASES: RuleCases[] = [...RDS_CASES, ...NETWORK_CASES, ...SERVICE_CASES];

function findingsFor(rc: RuleCases, c: RuleCase) {
  return check(c.template).findings.filter(f => f.ruleId === rc.rule.id && (c.target === undefined || f.logicalId === c.target));
}

describe.each(ALL_CASES.map(rc => [`${rc.rule.id}: ${rc.rule.title}`, rc] as const))('%s', (_, rc) => {
  test.each(Object.entries(rc.compliant))('compliant: %s', (_name, c) => {
    const outcomes = outcomesOf(rc.rule, c.template, c.target!);
    expect(outcomes.map(o => o.status)).toEqual(outcomes.map(() => 'pass'));
    expect(findingsFor(rc, c)).toEqual([]);
  });

  test.each(Object.entries(rc.nonCompliant))('non-compliant: %s', (_name, c) => {
    const findings = findingsFor(rc, c);
    expect(findings.length).toBeGreaterThan(0);
    for (const f of findings) {
      expect(f.status).toBe('fail');
      expect(f.severity).toBe(c.severity ?? rc.rule.severity);
      expect(f.remediation).toBe(rc.rule.remediation);
      if (c.message) expect(f.message).toMatch(c.message);
    }
  });

  test.each(Object.entries(rc.unknown))('unknown: %s', (_name, c) => {
    const findings = findingsFor(rc, c);
    expect(findings.map(f => f.status)).toEqual(['unknown']);
    if (c.message) expect(findings[0].message).toMatch(c.message);
  });

  test.each(Object.entries(rc.notApplicable))('not applicable: %s', (_name, c) => {
    if (c.target) {
      const outcomes = outcomesOf(rc.rule, c.template, c.target);
      expect(outcomes.map(o => o.status)).toEqual(outcomes.map(() => 'not-applicable'));
    }
    expect(findingsFor(rc, c)).toEqual([]);
  });
});

test('every rule is tested compliant, non-compliant, unknown and not applicable', () => {
  const tested = new Map(ALL_CASES.map(rc => [rc.rule.id, rc]));
  for (const rule of ALL_RULES) {
    const rc = tested.get(rule.id);
    expect({ rule: rule.id, tested: rc !== undefined }).toEqual({ rule: rule.id, tested: true });
    for (const kind of ['compliant', 'nonCompliant', 'unknown', 'notApplicable'] as const) {
      expect({ rule: rule.id, kind, cases: Object.keys(rc![kind]).length > 0 }).toEqual({ rule: rule.id, kind, cases: true });
    }
  }
});

test('rule IDs are unique, stable in shape and never contain "::"', () => {
  const ids = ALL_RULES.map(r => r.id);
  expect(new Set(ids).size).toBe(ids.length);
  for (const id of ids) expect(id).toMatch(/^HA-[A-Z]+[0-9]+$/);
});

test('every rule documents itself', () => {
  for (const rule of ALL_RULES) {
    expect(rule.resourceTypes.length).toBeGreaterThan(0);
    for (const text of [rule.title, rule.explanation, rule.flags, rule.defaults, rule.remediation]) expect(text.length).toBeGreaterThan(10);
    expect(rule.references.length).toBeGreaterThan(0);
  }
});
