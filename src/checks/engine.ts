import { acknowledgementsOf } from './acknowledgements';
import type { Resource, TemplateModel } from './model/template-model';
import { ALL_RULES } from './rules';
import type { Outcome, Rule, RuleContext } from './rules/rule';
import { Finding, FindingStatus } from './types';

/** The findings of one stack. */
export interface StackResult {
  readonly stack: string;
  readonly templatePath: string;
  readonly resourceCount: number;
  readonly findings: Finding[];
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
export function checkTemplate(model: TemplateModel, rules: readonly Rule[] = ALL_RULES): StackResult {
  const context: RuleContext = { model, get topology() { return model.topology; } };
  const findings: Finding[] = [];
  for (const [type, typeRules] of rulesByType(rules)) {
    for (const resource of model.ofType(type)) {
      let acknowledged: Map<string, string> | undefined;
      for (const rule of typeRules) {
        for (const outcome of evaluateSafely(rule, resource, context)) {
          if (outcome.status !== 'fail' && outcome.status !== 'unknown') continue;
          acknowledged ??= acknowledgementsOf(resource);
          findings.push(toFinding(rule, outcome, resource, model, acknowledged.get(rule.id)));
        }
      }
    }
  }
  return { stack: model.stackName, templatePath: model.templatePath, resourceCount: model.resourceCount, findings };
}

function evaluateSafely(rule: Rule, resource: Resource, context: RuleContext): readonly Outcome[] {
  try {
    const result = rule.evaluate(resource, context);
    return Array.isArray(result) ? result : [result as Outcome];
  } catch (e) {
    // A rule that cannot read a resource must say so, never pass it silently.
    return [{ status: 'unknown', message: `${rule.id} could not evaluate ${resource.logicalId}: ${(e as Error).message}` }];
  }
}

function toFinding(rule: Rule, outcome: Outcome & { status: 'fail' | 'unknown' }, resource: Resource, model: TemplateModel, reason: string | undefined): Finding {
  const failed = outcome.status === 'fail';
  return {
    ruleId: rule.id,
    title: rule.title,
    severity: failed ? outcome.severity ?? rule.severity : rule.severity,
    status: failed ? FindingStatus.FAIL : FindingStatus.UNKNOWN,
    category: rule.category,
    stack: model.stackName,
    templatePath: model.templatePath,
    logicalId: resource.logicalId,
    resourceType: resource.type,
    constructPath: resource.constructPath,
    line: resource.line,
    property: outcome.property,
    message: outcome.message,
    remediation: rule.remediation,
    suppressed: reason !== undefined,
    suppressionReason: reason,
  };
}
