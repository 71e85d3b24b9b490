import { CfnResource, IAspect, Stack, Stage, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkWorkload, WorkloadResult } from '../engine';
import { writeReports } from '../report';
import { markCheckedByAspect } from './checked-templates';
import { nativeAcknowledgementsOf, recordNativeAcknowledgements } from './native-acknowledgements';
import { recordObjectives } from './objectives-record';
import { annotate, annotateUndecided, annotateVerdict, appOutdir } from './reporting';
import {
  absoluteTemplatePathOf, interceptRender, RenderedStack, RenderError, renderer, renderStack,
  recordSubnetZones, resourcesOf, templatePathOf, updatedTemplate,
} from './stack-model';
import { JsonObject } from '../model/json';
import { modelFromTemplate } from '../model/template-file';
import type { TemplateModel } from '../model/template-model';
import { Workload, WorkloadStack } from '../model/workload';
import { displayPath } from '../report/paths';
import { isBlocking } from '../report/summary';
import { ALL_RULES } from '../rules';
import { FailOn, Finding, FindingStatus } from '../types';
import type { HaChecksOptions } from './aspect';

// Internal: the aspect that `HaChecks.applyTo` registers. Not exported from the package, so that
// `visit` stays out of the public API.

/** One check of the aspect's stacks, made once per synthesis. */
interface Run {
  readonly result: WorkloadResult;
  /** Blocking findings, by the stack whose validation reports them. */
  readonly errors: Map<Stack, string[]>;
}

/**
 * The aspect behind `HaChecks`: notes the L1 resources of each stack as aspects visit them, and
 * checks the stacks as one workload when synthesis validates them.
 */
export class ChecksAspect implements IAspect {
  private readonly failOn: FailOn;
  /** The L1 resources visited, by stack, in the order the stacks were met. */
  private readonly visited = new Map<Stack, Set<IConstruct>>();
  private run?: Run;
  /** Templates rendered for the checks, which synthesis then writes instead of rendering them again. */
  private readonly rendered = new Map<Stack, RenderedStack>();
  /** Annotations already made, so that a synthesis that runs again does not repeat them. */
  private readonly annotated = new Set<string>();
  /** Each top-level stack's own rendering, from before the aspect intercepted it. */
  private readonly originals = new Map<Stack, () => JsonObject>();

  constructor(private readonly props: HaChecksOptions) {
    this.failOn = props.failOn ?? FailOn.NEVER;
  }

  /** The findings of the last synthesis, acknowledged ones included. */
  public get findings(): Finding[] {
    return this.run?.result.stacks.flatMap(s => s.findings) ?? [];
  }

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    // Aspects visit every resource before validation: a visit after a check means synthesis runs again.
    if (this.run) this.startOver();
    const stack = Stack.of(node);
    let resources = this.visited.get(stack);
    if (!resources) {
      this.visited.set(stack, resources = new Set());
      // Validation runs after every aspect and after references between stacks are prepared.
      stack.node.addValidation({ validate: () => this.validate(stack) });
      // Should synthesis skip validation, the first template it renders triggers the check instead.
      // (Nested stacks render while synthesis prepares, before validation: they are not intercepted here.)
      const render = (stack as any)._toCloudFormation;
      if (!stack.nested && typeof render === 'function') {
        this.originals.set(stack, () => render.call(stack));
        interceptRender(stack, original => this.renderedTemplate(stack, original));
      }
    }
    resources.add(node);
  }

  private startOver(): void {
    this.run = undefined;
    this.rendered.clear();
  }

  private validate(stack: Stack): string[] {
    try {
      this.run ??= this.check();
    } catch (e) {
      if (e instanceof RenderError) return [e.message];
      throw e;
    }
    return this.run.errors.get(stack) ?? [];
  }

  /** The template synthesis writes for a stack: the one rendered for the checks, else a fresh one. */
  private renderedTemplate(stack: Stack, render: () => JsonObject): JsonObject {
    if (!this.run) {
      // Validation was skipped: check now, before anything is written; blocking findings become error annotations.
      this.run = this.check(true);
    }
    const done = this.rendered.get(stack);
    this.rendered.delete(stack);
    return (done && updatedTemplate(stack, done)) ?? render();
  }

  /** Checks every stack the aspect visited, as one workload. */
  private check(blockWithAnnotations = false): Run {
    const stacks = ordered([...this.visited.keys()]);
    const models = new Map<Stack, TemplateModel>();
    const entries: WorkloadStack[] = [];
    const resourcesByStack = new Map<Stack, Map<string, CfnResource>>();
    const acknowledgedByScope = new Map<IConstruct, ReadonlyMap<string, string>>();
    for (const stack of stacks) {
      recordObjectives(stack);
      const { resources, subnetZones } = resourcesOf(stack);
      recordSubnetZones(stack, subnetZones);
      for (const resource of resources) recordNativeAcknowledgements(resource, nativeAcknowledgementsOf(resource, acknowledgedByScope));
      const rendered = renderStack(stack, this.originals.get(stack) ?? renderer(stack));
      this.rendered.set(stack, rendered);
      const byId = new Map(resources.map(r => [rendered.logicalIdOf(r), r]));
      resourcesByStack.set(stack, byId);
      const model = modelFromTemplate({ template: rendered.template, lines: () => new Map() }, templatePathOf(stack), {
        stackName: stack.node.path,
        constructPaths: new Map([...byId].map(([id, r]) => [id, r.node.path])),
        region: Token.isUnresolved(stack.region) ? undefined : stack.region,
      });
      models.set(stack, model);
      const parent = stack.nestedStackParent;
      const parentModel = parent ? models.get(parent) : undefined;
      entries.push({
        model,
        nestedIn: parent && parentModel && stack.nestedStackResource
          ? { parent: parentModel, logicalId: this.rendered.get(parent)!.logicalIdOf(stack.nestedStackResource) }
          : undefined,
      });
    }
    // Nested stacks are rendered again when synthesis writes them: give it the template rendered here.
    for (const stack of stacks) {
      if (stack.nested) interceptRender(stack, render => this.renderedTemplate(stack, render));
    }
    const result = checkWorkload(new Workload(this.workloadName(stacks), entries), ALL_RULES);
    const errors = new Map<Stack, string[]>();
    const inScope: typeof result.stacks = [];
    for (const [i, stackResult] of result.stacks.entries()) {
      const stack = stacks[i];
      const byId = resourcesByStack.get(stack)!;
      const visited = this.visited.get(stack)!;
      const findings = stackResult.findings.filter(f => visited.has(byId.get(f.logicalId)!));
      inScope.push({ ...stackResult, findings });
      for (const finding of findings) {
        if (finding.suppressed) continue;
        const resource = byId.get(finding.logicalId)!;
        const blocking = isBlocking(finding, this.failOn);
        if (blocking && !blockWithAnnotations) {
          const list = errors.get(stack) ?? [];
          list.push(blockingMessage(finding));
          errors.set(stack, list);
        } else {
          this.once(`${resource.node.path}|${finding.ruleId}|${finding.message}`, () => annotate(resource, finding, blocking));
        }
      }
    }
    const checked: WorkloadResult = { ...result, stacks: inScope };
    for (const stack of stacks) markCheckedByAspect(absoluteTemplatePathOf(stack));
    const undecided = inScope.flatMap(r => r.findings).filter(f => !f.suppressed && f.status === FindingStatus.UNKNOWN);
    if (undecided.length) {
      const top = topLevel(stacks[0]);
      this.once(`${top.node.path}|undecided|${undecided.length}`, () => annotateUndecided(top, undecided));
    }
    for (const assessment of checked.assessments) {
      const first = stacks.find(s => s.node.path === assessment.stacks[0])!;
      this.once(`${first.node.path}|verdict|${assessment.stacks.join(',')}`, () => annotateVerdict(topLevel(first), assessment));
    }
    const formats = this.props.reportFormats ?? [];
    if (formats.length) {
      const stage = Stage.of(stacks[0]);
      const scope = stage && Stage.of(stage) ? stage.node.path : undefined;
      writeReports(this.props.reportDirectory ?? appOutdir(stacks[0]), formats, [checked], scope);
    }
    return { result: checked, errors };
  }

  private once(key: string, fn: () => void): void {
    if (this.annotated.has(key)) return;
    this.annotated.add(key);
    fn();
  }

  /** The workload's name: the Stage's path, or for the app's own stacks the cloud assembly folder. */
  private workloadName(stacks: readonly Stack[]): string {
    const stage = stacks.length ? Stage.of(stacks[0]) : undefined;
    if (stage && Stage.of(stage)) return stage.node.path;
    return displayPath(appOutdir(stacks[0]));
  }
}

/** Stacks with each nested stack after its parent, parents in the order they were met. */
function ordered(stacks: readonly Stack[]): Stack[] {
  const out: Stack[] = [];
  const children = new Map<Stack, Stack[]>();
  const known = new Set(stacks);
  const roots: Stack[] = [];
  for (const stack of stacks) {
    const parent = stack.nestedStackParent;
    if (parent && known.has(parent)) {
      const list = children.get(parent) ?? [];
      list.push(stack);
      children.set(parent, list);
    } else {
      roots.push(stack);
    }
  }
  const add = (s: Stack) => { out.push(s); for (const c of children.get(s) ?? []) add(c); };
  roots.forEach(add);
  return out;
}

/** The top-level stack of a (nested) stack: where `cdk synth` shows messages. */
function topLevel(stack: Stack): Stack {
  let s = stack;
  while (s.nestedStackParent) s = s.nestedStackParent;
  return s;
}

/** A blocking finding as a validation error: the rule, the resource and what to do. */
function blockingMessage(f: Finding): string {
  return `[${f.ruleId}] ${f.constructPath ?? `${f.stack}/${f.logicalId}`}: ${f.message} Fix: ${f.remediation} `
    + `(or acknowledge it with HaChecks.acknowledge(scope, '${f.ruleId}', reason))`;
}
