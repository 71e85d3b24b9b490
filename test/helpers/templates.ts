import { Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { checkTemplate, checkWorkload, StackResult, WorkloadResult } from '../../src/checks/engine';
import { HaChecks } from '../../src/checks/hosts/aspect';
import { JsonObject } from '../../src/checks/model/json';
import { modelFromTemplate } from '../../src/checks/model/template-file';
import { TemplateModel } from '../../src/checks/model/template-model';
import type { Outcome, Rule } from '../../src/checks/rules/rule';

/** Loosely typed template data, as tests write it. */
type Loose = Record<string, unknown>;

/** A template from resources (and optionally parameters, conditions, mappings). */
export function template(resources: Loose, extra: Loose = {}): JsonObject {
  return { Resources: resources, ...extra } as JsonObject;
}

/** A resource entry. */
export function res(type: string, properties: Loose = {}, extra: Loose = {}): JsonObject {
  return { Type: type, Properties: properties, ...extra } as JsonObject;
}

/** The model of an inline template (in a Region, when one is given). */
export function modelOf(t: JsonObject, stackName = 'Test', region?: string): TemplateModel {
  return modelFromTemplate({ template: t, lines: () => new Map() }, `${stackName}.template.json`, { stackName, region });
}

/** Runs one rule directly on one resource of an inline template. */
export function outcomesOf(rule: Rule, t: JsonObject, logicalId: string): Outcome[] {
  const model = modelOf(t);
  const resource = model.resource(logicalId);
  if (!resource) throw new Error(`no resource ${logicalId} in the test template`);
  if (!rule.resourceTypes.includes(resource.type)) throw new Error(`${rule.id} does not read ${resource.type}`);
  const context = { model, topology: model.topology, objectives: model.objectives };
  if (rule.evaluateWorkload) {
    return rule.evaluateWorkload({ workload: model.workload, stacks: [model], objectives: model.objectives }).filter(o => o.resource === resource);
  }
  const result = rule.evaluate!(resource, context);
  return Array.isArray(result) ? [...result] : [result as Outcome];
}

/** Runs every rule (or the rules given) on an inline template. */
export function check(t: JsonObject, stackName = 'Test', rules?: readonly Rule[]): ReturnType<typeof checkTemplate> {
  return checkTemplate(modelOf(t, stackName), rules);
}

/** Runs every rule (or the rules given) on inline templates, each a workload of its own, as reports take them. */
export function checkEach(templates: Record<string, JsonObject>, rules?: readonly Rule[]): WorkloadResult[] {
  return Object.entries(templates).map(([name, t]) => checkWorkload(modelOf(t, name).workload, rules));
}

/** The model of a CDK stack's synthesized template, as the aspect reads it. */
export function modelOfStack(stack: Stack): TemplateModel {
  return modelOf(Template.fromStack(stack).toJSON() as JsonObject, stack.node.path);
}

/** The findings of the HaChecks aspect on a CDK stack, after synthesis. */
export function checkStack(stack: Stack): Pick<StackResult, 'findings'> {
  const checks = HaChecks.applyTo(stack);
  Template.fromStack(stack);
  return { findings: checks.findings };
}

/** `ruleId logicalId status` for each finding, sorted: a compact way to assert what a run found. */
export function summaryOf(result: Pick<StackResult, 'findings'>): string[] {
  return result.findings.map(f => `${f.ruleId} ${f.logicalId} ${f.status}${f.suppressed ? ' acknowledged' : ''}`).sort();
}

/** The symbolic i-th zone of the Region, as environment-agnostic CDK stacks write it. */
export function az(i: number): JsonObject {
  return { 'Fn::Select': [i, { 'Fn::GetAZs': '' }] };
}

/** A subnet in a zone (a zone value, or a literal name). */
export function subnet(zone: JsonObject | string | undefined, extra: Loose = {}): JsonObject {
  return res('AWS::EC2::Subnet', { VpcId: { Ref: 'Vpc' }, CidrBlock: '10.0.0.0/24', ...(zone === undefined ? {} : { AvailabilityZone: zone }), ...extra });
}
