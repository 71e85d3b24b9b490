import { AspectPriority, Aspects, CfnResource, IAspect, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { checkTemplate, StackResult } from '../engine';
import { writeReports } from '../report';
import { acknowledge } from './acknowledge';
import { recordObjectives } from './objectives-record';
import { annotate, annotateVerdict, appOutdir } from './reporting';
import { recordSubnetZones, resourcesOf, templatePathOf, whenRendered } from './stack-model';
import { JsonObject } from '../model/json';
import { modelFromTemplate } from '../model/template-file';
import type { Objectives } from '../objectives/objectives';
import { isBlocking } from '../report/summary';
import { ALL_RULES } from '../rules';
import { FailOn, Finding, ReportFormat } from '../types';

/**
 * Options for the HaChecks aspect.
 */
export interface HaChecksProps {
  /**
   * Which unacknowledged findings fail synthesis (as errors) instead of showing as warnings.
   *
   * @default FailOn.NEVER - findings show as warnings and info and never fail synthesis
   */
  readonly failOn?: FailOn;

  /**
   * Report files to write once every stack has been checked.
   *
   * @default - no report files
   */
  readonly reportFormats?: ReportFormat[];

  /**
   * The folder for report files.
   *
   * @default - the app's cloud assembly folder (cdk.out)
   */
  readonly reportDirectory?: string;
}

interface CheckedStack {
  readonly visited: Set<IConstruct>;
  result?: StackResult;
  /** Takes back the check of a stack that validated but has not rendered (synthesis stopped in between). */
  cancel?: () => void;
}

/**
 * The cdk-ha reviewer as a CDK Aspect: reads each stack under the scope as a whole and shows
 * single points of failure and missing recovery settings as annotations on the L1 resources,
 * which `cdk synth` prints.
 *
 * Register it with `HaChecks.applyTo(scope)` (at `AspectPriority.READONLY`, so it sees what other
 * aspects changed). Aspects do not cross Stage boundaries: apply it to each Stage. The checks run
 * on the template synthesis renders for each stack (after every aspect), before it is written.
 *
 * @experimental
 */
export class HaChecks implements IAspect {
  /**
   * Adds the checks to a scope (an App, Stage, Stack or construct) at `AspectPriority.READONLY`.
   */
  public static applyTo(scope: IConstruct, props: HaChecksProps = {}): HaChecks {
    const checks = new HaChecks(props);
    Aspects.of(scope).add(checks, { priority: AspectPriority.READONLY });
    return checks;
  }

  /**
   * Acknowledges one rule on a construct and everything below it, within its stack.
   *
   * The acknowledgement is written to each L1 resource's CloudFormation Metadata (so the
   * validation plugin and `cdk-ha check` honour it too) and to CDK's acknowledgements of the
   * aspect's annotations. Acknowledged findings stay in reports, with the reason.
   *
   * @param scope a stack or a construct inside one
   * @param ruleId the rule to acknowledge, e.g. `HA-RDS1`
   * @param reason why the risk is accepted (at least 10 characters)
   */
  public static acknowledge(scope: IConstruct, ruleId: string, reason: string): void {
    acknowledge(scope, ruleId, reason);
  }

  private readonly failOn: FailOn;
  private readonly stacks = new Map<Stack, CheckedStack>();

  constructor(private readonly props: HaChecksProps = {}) {
    this.failOn = props.failOn ?? FailOn.NEVER;
  }

  /**
   * The findings of the last synthesis, acknowledged ones included.
   */
  public get findings(): Finding[] {
    return [...this.stacks.values()].flatMap(s => s.result?.findings ?? []);
  }

  public visit(node: IConstruct): void {
    if (!CfnResource.isCfnResource(node)) return;
    const stack = Stack.of(node);
    let checked = this.stacks.get(stack);
    if (!checked) {
      const entry: CheckedStack = checked = { visited: new Set() };
      this.stacks.set(stack, entry);
      // Validation runs after every aspect and after cross-stack references are prepared.
      stack.node.addValidation({ validate: () => { this.prepare(stack, entry); return []; } });
    }
    checked.visited.add(node);
  }

  /**
   * Before synthesis: records in the template Metadata what only the construct tree knows, then
   * checks the template when synthesis renders it.
   */
  private prepare(stack: Stack, entry: CheckedStack): void {
    const objectives = recordObjectives(stack);
    const { resources, subnetZones } = resourcesOf(stack);
    recordSubnetZones(stack, subnetZones);
    entry.cancel?.();
    entry.cancel = whenRendered(stack, (template, logicalIdOf) => this.check(stack, entry, template, resources, logicalIdOf, objectives));
  }

  private check(stack: Stack, entry: CheckedStack, template: JsonObject, all: readonly CfnResource[],
    logicalIdOf: (resource: CfnResource) => string, objectives?: Objectives): void {
    const resources = new Map(all.map(r => [logicalIdOf(r), r]));
    const model = modelFromTemplate({ template, lines: () => new Map() }, templatePathOf(stack), {
      stackName: stack.node.path,
      constructPaths: new Map([...resources].map(([id, r]) => [id, r.node.path])),
    });
    const result = checkTemplate(model, ALL_RULES, { objectives });
    const inScope = result.findings.filter(f => entry.visited.has(resources.get(f.logicalId)!));
    for (const finding of inScope) {
      if (!finding.suppressed) annotate(resources.get(finding.logicalId)!, finding, isBlocking(finding, this.failOn));
    }
    entry.result = { ...result, findings: inScope };
    if (result.assessment) annotateVerdict(stack, result.assessment);
    const formats = this.props.reportFormats ?? [];
    if (formats.length && [...this.stacks.values()].every(s => s.result)) {
      writeReports(this.props.reportDirectory ?? appOutdir(stack), formats, [...this.stacks.values()].map(s => s.result!));
    }
  }
}
