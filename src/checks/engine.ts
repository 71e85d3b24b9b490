import { acknowledgementsOf } from './acknowledgements';
import type { Resource, TemplateModel } from './model/template-model';
import { assess, StackAssessment } from './objectives/assessment';
import type { Objectives } from './objectives/objectives';
import { ALL_RULES } from './rules';
import type { LocatedOutcome, Outcome, Rule, RuleContext } from './rules/rule';
import { Finding, FindingStatus, RuleCategory, Severity } from './types';

/** The findings of one stack, and its resilience assessment when objectives apply. */
export interface StackResult {
  readonly stack: string;
  readonly templatePath: string;
  readonly resourceCount: number;
  readonly findings: Finding[];
  readonly assessment?: StackAssessment;
}

/** How to check a template. */
export interface CheckOptions {
  /** Objectives to judge the stack against; they override those the template declares. */
  readonly objectives?: Objectives;
}

const rulesByTypeCache = new WeakMap<readonly Rule[], Map<string, Rule[]>>();

/** Rules grouped by the resource types they declare, computed once per rule list. */
function rulesByType(rules: readonly Rule[]): Map<string, Rule[]> {
  let index = rulesByTypeCache.get(rules);
  if (!index) {
    index = new Map();
    for (const rule of rules) {
      for (const type of rule.resourceTypes) {
        let list = index.get(type);
        if (!list) index.set(type, list = []);
        list.push(rule);
      }
    }
    rulesByTypeCache.set(rules, index);
  }
  return index;
}

/** Runs each rule on the resources of the types it declares, and turns failed and undecided outcomes into findings. */
export function checkTemplate(model: TemplateModel, rules: readonly Rule[] = ALL_RULES, options: CheckOptions = {}): StackResult {
  const objectives = options.objectives ?? model.objectives;
  const context: RuleContext = { model, get topology() { return model.topology; }, objectives };
  // In a non-production stack a single point of failure is advice, not a warning.
  const relaxed = objectives?.tier === 'non-production';
  const findings: Finding[] = [];
  const report = (rule: Rule, outcome: Outcome, resource: Resource) => {
    if (outcome.status !== 'fail' && outcome.status !== 'unknown') return;
    const finding = toFinding(rule, outcome, resource, model, acknowledgementsOf(resource).get(rule.id));
    findings.push(relaxed && finding.category === RuleCategory.SPOF ? { ...finding, severity: Severity.INFO } : finding);
  };
  for (const [type, typeRules] of rulesByType(rules)) {
    for (const resource of model.ofType(type)) {
      for (const rule of typeRules) {
        if (!rule.evaluate) continue;
        for (const outcome of safely(rule, resource.logicalId, () => rule.evaluate!(resource, context))) report(rule, outcome, resource);
      }
    }
  }
  for (const rule of rules) {
    if (!rule.evaluateTemplate || !rule.resourceTypes.some(t => model.ofType(t).length)) continue;
    for (const outcome of safely(rule, model.stackName, () => rule.evaluateTemplate!(context))) {
      const resource = model.resource((outcome as LocatedOutcome).logicalId);
      if (resource) report(rule, outcome, resource);
    }
  }
  return {
    stack: model.stackName,
    templatePath: model.templatePath,
    resourceCount: model.resourceCount,
    findings,
    assessment: objectives ? assess(context, objectives) : undefined,
  };
}

/** A rule's outcomes; a rule that throws gives an unknown outcome, never a silent pass. */
function safely<T extends Outcome>(rule: Rule, subject: string, evaluate: () => T | readonly T[]): readonly T[] {
  try {
    const result = evaluate();
    return Array.isArray(result) ? result : [result as T];
  } catch (e) {
    return [{ status: 'unknown', logicalId: subject, message: `${rule.id} could not evaluate ${subject}: ${(e as Error).message}` } as Outcome as T];
  }
}

function toFinding(rule: Rule, outcome: Outcome & { status: 'fail' | 'unknown' }, resource: Resource, model: TemplateModel, reason: string | undefined): Finding {
  const failed = outcome.status === 'fail';
  const finding = {
    ruleId: rule.id,
    title: rule.title,
    severity: failed ? outcome.severity ?? rule.severity : rule.severity,
    status: failed ? FindingStatus.FAIL : FindingStatus.UNKNOWN,
    category: rule.category,
    stack: model.stackName,
    templatePath: model.templatePath,
    logicalId: resource.logicalId,
    resourceType: resource.type,
    property: outcome.property,
    message: outcome.message,
    remediation: rule.remediation,
    suppressed: reason !== undefined,
    suppressionReason: reason,
  };
  // Line numbers cost a pass over the template's text, and construct paths in a cloud assembly the
  // read of its metadata file: only what reads them pays for them.
  return Object.defineProperties(finding, {
    constructPath: { enumerable: true, configurable: true, get: () => resource.constructPath },
    line: { enumerable: true, configurable: true, get: () => resource.line },
  }) as Finding;
}
