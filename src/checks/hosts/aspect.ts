import { AspectPriority, Aspects } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { acknowledge } from './acknowledge';
import { ChecksAspect } from './checks-aspect';
import { FailOn, Finding, ReportFormat } from '../types';

/**
 * Options of `HaChecks.applyTo`.
 */
export interface HaChecksOptions {
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

/**
 * The cdk-ha reviewer, run by synthesis: reads the stacks under the scope as one workload (nested
 * stacks and references between the stacks included) and shows single points of failure and
 * missing recovery settings as annotations on the L1 resources, which `cdk synth` prints.
 *
 * Add it with `HaChecks.applyTo(scope)`, which registers an aspect at `AspectPriority.READONLY` (so it
 * sees what other aspects changed) and returns this handle, whose `findings` hold the result.
 * Aspects do not cross Stage boundaries: apply it to each Stage. The checks run when synthesis
 * validates the scope, on the templates as synthesis renders them; with `failOn`, blocking findings
 * are validation errors, which stop `cdk synth` whichever stacks it selects.
 *
 * @experimental
 */
export class HaChecks {
  /**
   * Adds the checks to a scope (an App, Stage, Stack or construct) at `AspectPriority.READONLY`.
   */
  public static applyTo(scope: IConstruct, options: HaChecksOptions = {}): HaChecks {
    if (typeof (scope as { node?: { path?: unknown } } | null)?.node?.path !== 'string') {
      throw new Error(`HaChecks.applyTo: scope must be a construct (an App, Stage, Stack or construct), not ${scope === null ? 'null' : typeof scope === 'object' ? 'an object that is not a construct' : typeof scope}; pass the scope to check.`);
    }
    if (options === null || typeof options !== 'object' || Array.isArray(options)) {
      throw new Error(`HaChecks.applyTo(${scope.node.path || '<app>'}): options must be an object of HaChecksOptions (failOn, reportFormats, reportDirectory) or left out, not ${options === null ? 'null' : typeof options}.`);
    }
    const checks = new HaChecks(new ChecksAspect(options));
    Aspects.of(scope).add(checks.aspect, { priority: AspectPriority.READONLY });
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

  private constructor(private readonly aspect: ChecksAspect) {}

  /**
   * The findings of the last synthesis, acknowledged ones included.
   */
  public get findings(): Finding[] {
    return this.aspect.findings;
  }
}
