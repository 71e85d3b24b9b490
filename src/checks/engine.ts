import { acknowledgementsOf } from './acknowledgements';
import type { Resource, TemplateModel } from './model/template-model';
import type { Workload } from './model/workload';
import { assessWorkload, WorkloadAssessment } from './objectives/assessment';
import { Objectives, objectivesData } from './objectives/objectives';
import { ALL_RULES } from './rules';
import type { LocatedOutcome, Outcome, Rule, RuleContext, WorkloadContext } from './rules/rule';
import { Finding, FindingStatus, RuleCategory, Severity } from './types';

/** The findings of one stack. */
export interface StackResult {
  readonly stack: string;
  readonly templatePath: string;
  readonly resourceCount: number;
  readonly findings: Finding[];
}

/** The findings of each stack of a workload, and the workload's resilience assessment when objectives apply. */
export interface WorkloadResult {
  readonly workload: string;
  readonly stacks: StackResult[];
  /** One assessment per set of objectives its stacks declare (usually one for the whole workload). */
  readonly assessments: WorkloadAssessment[];
}

/** How to check a workload. */
export interface CheckOptions {
  /** Objectives to judge the workload against; they override those the templates declare. */
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

/**
 * Checks a workload: each rule on the resources of the types it declares, in every stack, and the
 * workload-wide rules on each group of stacks judged together. Failed and undecided outcomes
 * become findings, filed under the stack of the resource they are about.
 */
export function checkWorkload(workload: Workload, rules: readonly Rule[] = ALL_RULES, options: CheckOptions = {}): WorkloadResult {
  const results = new Map<TemplateModel, StackResult>(workload.stacks.map(model => [model, {
    stack: model.stackName,
    templatePath: model.templatePath,
    resourceCount: model.resourceCount,
    findings: [],
  }]));
  const objectivesOf = (model: TemplateModel) => options.objectives ?? model.objectives;
  const report = (rule: Rule, outcome: Outcome, resource: Resource) => {
    if (outcome.status !== 'fail' && outcome.status !== 'unknown') return;
    const finding = toFinding(rule, outcome, resource, acknowledgementsOf(resource).get(rule.id));
    // In a non-production stack a single point of failure is advice, not a warning.
    const relaxed = objectivesOf(resource.model)?.tier === 'non-production' && finding.category === RuleCategory.SPOF;
    results.get(resource.model)!.findings.push(relaxed ? { ...finding, severity: Severity.INFO } : finding);
  };

  const byType = rulesByType(rules);
  for (const model of workload.stacks) {
    const context: RuleContext = { model, get topology() { return model.topology; }, objectives: objectivesOf(model) };
    for (const [type, typeRules] of byType) {
      for (const resource of model.ofType(type)) {
        for (const rule of typeRules) {
          if (!rule.evaluate) continue;
          const outcomes = safely(rule, resource, () => rule.evaluate!(resource, context));
          for (const outcome of outcomes) report(rule, outcome, resource);
        }
      }
    }
  }

  const assessments: WorkloadAssessment[] = [];
  for (const group of objectiveGroups(workload, objectivesOf)) {
    const context: WorkloadContext = { workload, stacks: group.stacks, objectives: group.objectives };
    for (const rule of rules) {
      if (!rule.evaluateWorkload) continue;
      const subjects = rule.resourceTypes.flatMap(t => group.stacks.flatMap(m => m.ofType(t)));
      if (subjects.length === 0) continue;
      for (const outcome of safely(rule, subjects[0], () => rule.evaluateWorkload!(context))) {
        report(rule, outcome, (outcome as LocatedOutcome).resource ?? subjects[0]);
      }
    }
    if (group.objectives) assessments.push(assessWorkload(context));
  }
  return { workload: workload.name, stacks: [...results.values()], assessments };
}

/** Checks one template on its own: a workload of one stack. */
export function checkTemplate(model: TemplateModel, rules: readonly Rule[] = ALL_RULES, options: CheckOptions = {}):
StackResult & { assessment?: WorkloadAssessment } {
  const result = checkWorkload(model.workload, rules, options);
  return { ...result.stacks.find(s => s.stack === model.stackName)!, assessment: result.assessments[0] };
}

/**
 * The stacks of a workload grouped by the objectives they are judged against, in workload order.
 * Usually every stack has the same objectives (declared on the App or Stage), and there is one group.
 */
function objectiveGroups(workload: Workload, objectivesOf: (m: TemplateModel) => Objectives | undefined):
{ stacks: TemplateModel[]; objectives?: Objectives }[] {
  const groups = new Map<string, { stacks: TemplateModel[]; objectives?: Objectives }>();
  for (const model of workload.stacks) {
    const objectives = objectivesOf(model);
    const key = objectives ? JSON.stringify(objectivesData(objectives)) : '';
    const group = groups.get(key);
    if (group) group.stacks.push(model);
    else groups.set(key, { stacks: [model], objectives });
  }
  return [...groups.values()];
}

/**
 * A rule's outcomes. A rule that throws gives an unknown outcome on the resource it was judging (or,
 * for a workload-wide rule, the first resource of a type it reads), never a silent pass.
 */
function safely<T extends Outcome>(rule: Rule, subject: Resource, evaluate: () => T | readonly T[]): readonly T[] {
  try {
    const result = evaluate();
    return Array.isArray(result) ? result : [result as T];
  } catch (e) {
    const reason = e instanceof Error ? e.message : String(e);
    return [{
      status: 'unknown',
      resource: subject,
      message: `${rule.id} could not be evaluated on ${subject.logicalId} (an internal error of the check: ${reason.split('\n')[0].slice(0, 200)}).`,
    } as Outcome as T];
  }
}

function toFinding(rule: Rule, outcome: Outcome & { status: 'fail' | 'unknown' }, resource: Resource, reason: string | undefined): Finding {
  const failed = outcome.status === 'fail';
  const model = resource.model;
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
