import { acknowledgementsOf } from './acknowledgements';
import { withShortNames } from './model/names';
import type { Resource, TemplateModel } from './model/template-model';
import type { Workload } from './model/workload';
import { assessWorkload, WorkloadAssessment } from './objectives/assessment';
import { objectiveNeed } from './objectives/needs';
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
    const weight = weigh(rule, outcome, objectivesOf(resource.model));
    results.get(resource.model)!.findings.push(toFinding(rule, outcome, resource, acknowledgementsOf(resource).get(rule.id), weight));
  };

  const byType = rulesByType(rules);
  for (const model of workload.stacks) {
    const context: RuleContext = { model, get topology() { return model.topology; }, objectives: objectivesOf(model) };
    for (const [type, typeRules] of byType) {
      for (const resource of model.ofType(type)) {
        const judged: [Rule, Outcome][] = [];
        for (const rule of typeRules) {
          if (!rule.evaluate) continue;
          for (const outcome of safely(rule, resource, () => rule.evaluate!(resource, context))) judged.push([rule, outcome]);
        }
        for (const [rule, outcome] of oncePerProblem(judged, id => acknowledgementsOf(resource).has(id))) report(rule, outcome, resource);
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

/** A finding's severity, and the declared objective that raised it when a hygiene rule's finding is more than advice. */
interface Weight {
  readonly severity: Severity;
  readonly raisedBy?: string;
}

/**
 * How much a finding weighs for this workload. A single point of failure in a non-production stack
 * is advice; so is a hygiene rule's finding (`raisedBy`) unless the declared objectives need what
 * the rule protects, in which case it keeps its severity and says which objective raised it.
 */
function weigh(rule: Rule, outcome: Outcome & { status: 'fail' | 'unknown' }, objectives: Objectives | undefined): Weight {
  const severity = outcome.status === 'fail' ? outcome.severity ?? rule.severity : rule.severity;
  if (objectives?.tier === 'non-production' && rule.category === RuleCategory.SPOF) return { severity: Severity.INFO };
  if (!rule.raisedBy || severity === Severity.INFO) return { severity };
  const need = objectiveNeed(objectives, rule.raisedBy);
  return need ? { severity, raisedBy: need } : { severity: Severity.INFO };
}

/**
 * One finding per problem on a resource: when a rule fails that declares it `supersedes` another
 * rule that also fails there, the other's finding is left out and its message joins the first's.
 * An acknowledged finding is never folded away: it stays, with its reason.
 */
function oncePerProblem(judged: readonly [Rule, Outcome][], acknowledged: (ruleId: string) => boolean): [Rule, Outcome][] {
  const failing = new Map<string, string>();
  for (const [rule, o] of judged) if (o.status === 'fail') failing.set(rule.id, o.message);
  const dropped = new Set<string>();
  for (const [rule] of judged) {
    if (!failing.has(rule.id)) continue;
    for (const id of rule.supersedes ?? []) if (failing.has(id) && !acknowledged(id)) dropped.add(id);
  }
  if (dropped.size === 0) return [...judged];
  const kept: [Rule, Outcome][] = [];
  for (const [rule, o] of judged) {
    if (o.status !== 'fail') { kept.push([rule, o]); continue; }
    if (dropped.has(rule.id)) continue;
    const joined = (rule.supersedes ?? []).filter(id => dropped.has(id)).map(id => failing.get(id)!);
    kept.push([rule, joined.length ? { ...o, message: [o.message, ...joined].join(' ') } : o]);
  }
  return kept;
}

function toFinding(rule: Rule, outcome: Outcome & { status: 'fail' | 'unknown' }, resource: Resource, reason: string | undefined, weight: Weight): Finding {
  const failed = outcome.status === 'fail';
  const model = resource.model;
  const shown = withShortNames(weight.raisedBy ? `${outcome.message} It is a ${weight.severity} because the declared objectives set ${weight.raisedBy}.` : outcome.message);
  const finding = {
    ruleId: rule.id,
    title: rule.title,
    severity: weight.severity,
    status: failed ? FindingStatus.FAIL : FindingStatus.UNKNOWN,
    category: rule.category,
    stack: model.stackName,
    templatePath: model.templatePath,
    logicalId: resource.logicalId,
    resourceType: resource.type,
    property: outcome.property,
    message: shown.text,
    ...(Object.keys(shown.names).length ? { fullNames: shown.names } : {}),
    ...(weight.raisedBy ? { raisedBy: weight.raisedBy } : {}),
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
