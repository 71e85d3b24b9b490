import { allCases } from './all-cases';
import { RuleCase, RuleCases } from './cases';
import { checkTemplate, checkWorkload } from '../../../src/checks/engine';
import { TemplateModel } from '../../../src/checks/model/template-model';
import { Workload } from '../../../src/checks/model/workload';
import { Objectives, PRESETS } from '../../../src/checks/objectives/objectives';
import { ALL_RULES } from '../../../src/checks/rules';
import type { Outcome, Rule } from '../../../src/checks/rules/rule';
import { Severity } from '../../../src/checks/types';
import { modelOf, outcomesOf } from '../../helpers/templates';

/** Each rule is judged alone on its cases, so a case file tests its rules and nothing else. */
const ALL_CASES: RuleCases[] = allCases();

/** The case's template as a stack of a workload with the case's other stacks. */
function workloadOf(c: RuleCase): TemplateModel {
  const main = modelOf(c.template, 'Test', c.region);
  const others = Object.entries(c.others ?? {}).map(([name, o]) => modelOf(o.template, name, o.region));
  new Workload('Test', [main, ...others].map(model => ({ model })));
  return main;
}

function findingsFor(rc: RuleCases, c: RuleCase, objectives?: Objectives) {
  if (!c.others) return checkTemplate(modelOf(c.template, 'Test', c.region), [rc.rule], { objectives }).findings.filter(f => c.target === undefined || f.logicalId === c.target);
  const main = workloadOf(c);
  return checkWorkload(main.workload, [rc.rule], { objectives }).stacks.find(s => s.stack === 'Test')!.findings
    .filter(f => c.target === undefined || f.logicalId === c.target);
}

/** The rule's outcomes on the case's target, in its workload. */
function outcomes(rule: Rule, c: RuleCase): Outcome[] {
  if (!c.others && !c.region) return outcomesOf(rule, c.template, c.target!);
  const model = workloadOf(c);
  const resource = model.resource(c.target!)!;
  const result = rule.evaluate!(resource, { model, topology: model.topology, objectives: model.objectives });
  return Array.isArray(result) ? [...result] : [result as Outcome];
}

describe.each(ALL_CASES.map(rc => [`${rc.rule.id}: ${rc.rule.title}`, rc] as const))('%s', (_, rc) => {
  test.each(Object.entries(rc.compliant))('compliant: %s', (_name, c) => {
    const judged = outcomes(rc.rule, c);
    expect(judged.map(o => o.status)).toEqual(judged.map(() => 'pass'));
    expect(findingsFor(rc, c)).toEqual([]);
  });

  test.each(Object.entries(rc.nonCompliant))('non-compliant: %s', (_name, c) => {
    const findings = findingsFor(rc, c);
    expect(findings.length).toBeGreaterThan(0);
    const severity = c.severity ?? rc.rule.severity;
    for (const f of findings) {
      expect(f.status).toBe('fail');
      // Without declared objectives, a hygiene rule's finding is advice.
      expect(f.severity).toBe(rc.rule.raisedBy ? Severity.INFO : severity);
      expect(f.raisedBy).toBeUndefined();
      expect(f.remediation).toBe(rc.rule.remediation);
      if (c.message) expect(f.message).toMatch(c.message);
    }
    if (!rc.rule.raisedBy) return;
    // Production objectives that need what the rule protects give the finding its weight, and say so.
    for (const f of findingsFor(rc, c, PRESETS['business-critical'])) {
      expect(f.severity).toBe(severity);
      if (severity === Severity.INFO) continue;
      expect(f.raisedBy).toMatch(rc.rule.raisedBy === 'data-loss' ? /^an RPO of / : /^an availability target of /);
      expect(f.message).toContain(`It is a ${severity} because the declared objectives set ${f.raisedBy}.`);
    }
    for (const f of findingsFor(rc, c, PRESETS['non-production'])) expect(f.severity).toBe(Severity.INFO);
  });

  test.each(Object.entries(rc.unknown))('unknown: %s', (_name, c) => {
    const findings = findingsFor(rc, c);
    expect(findings.map(f => f.status)).toEqual(['unknown']);
    if (c.message) expect(findings[0].message).toMatch(c.message);
  });

  test.each(Object.entries(rc.notApplicable))('not applicable: %s', (_name, c) => {
    if (c.target) {
      const judged = outcomes(rc.rule, c);
      expect(judged.map(o => o.status)).toEqual(judged.map(() => 'not-applicable'));
    }
    expect(findingsFor(rc, c)).toEqual([]);
  });
});

test('every registered rule is tested compliant, non-compliant, unknown and not applicable, and every tested rule is registered', () => {
  const tested = new Map(ALL_CASES.map(rc => [rc.rule.id, rc]));
  const missing: string[] = [];
  for (const rule of ALL_RULES) {
    const rc = tested.get(rule.id);
    for (const kind of ['compliant', 'nonCompliant', 'unknown', 'notApplicable'] as const) {
      if (!rc || Object.keys(rc[kind]).length === 0) missing.push(`${rule.id} ${kind}`);
    }
  }
  expect(missing).toEqual([]);
  const registered = new Set(ALL_RULES);
  expect(ALL_CASES.filter(rc => !registered.has(rc.rule)).map(rc => rc.rule.id)).toEqual([]);
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
