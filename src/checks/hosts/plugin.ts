import * as path from 'path';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { writeReports } from '../report';
import { checkedByAspect } from './checked-templates';
import { validationFailureIgnored } from './legacy-validation';
import { isBlocking, stacksOf } from '../report/summary';
import { ALL_RULES } from '../rules';
import { checkAssemblyTemplates, rootAssembly } from '../run';
import { FailOn, Finding, FindingStatus, ReportFormat, Severity } from '../types';
import { toolVersion } from '../version';

/**
 * Options for the cdk-ha validation plugin.
 */
export interface HaValidationPluginProps {
  /**
   * Which unacknowledged findings make the validation fail (and `cdk synth` exit with an error).
   *
   * @default FailOn.NEVER - findings are reported and never fail synthesis
   */
  readonly failOn?: FailOn;

  /**
   * Report files to write after the templates are checked.
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
 * The cdk-ha reviewer as a CDK policy validation plugin: checks the synthesized templates of
 * every stack of the app, nested stages included.
 *
 * Register it with `Validations.of(app).addPlugins(new HaValidationPlugin())`. Violations are
 * named `cdk-ha::<rule ID>`. Acknowledge findings with `HaChecks.acknowledge`, which records
 * them in the templates that this plugin reads.
 *
 * @experimental
 */
export class HaValidationPlugin implements IPolicyValidationPlugin {
  public readonly name: string = 'cdk-ha';
  public readonly version?: string;
  public readonly ruleIds?: string[];
  private readonly failOn: FailOn;
  private lastFindings: Finding[] = [];

  constructor(private readonly props: HaValidationPluginProps = {}) {
    this.version = toolVersion();
    this.ruleIds = ALL_RULES.map(r => r.id);
    this.failOn = props.failOn ?? FailOn.NEVER;
  }

  /**
   * The findings of the last validation, acknowledged ones included.
   */
  public get findings(): Finding[] {
    return [...this.lastFindings];
  }

  public validate(context: IPolicyValidationContext): PolicyValidationPluginReport {
    try {
      return this.check(context);
    } catch (e) {
      // aws-cdk-lib keeps a plugin's error in its report; where that report stops nothing, say it and stop here.
      const message = (e as Error).message;
      if (validationFailureIgnored()) stopSynthesis([message.startsWith('cdk-ha:') ? message : `cdk-ha: ${message}`]);
      throw e;
    }
  }

  private check(context: IPolicyValidationContext): PolicyValidationPluginReport {
    const run = checkAssemblyTemplates(context.templatePaths);
    this.lastFindings = stacksOf(run.workloads).flatMap(s => s.findings);
    const formats = this.props.reportFormats ?? [];
    if (formats.length && context.templatePaths.length) {
      writeReports(this.props.reportDirectory ?? rootAssembly(path.dirname(context.templatePaths[0])), formats, run.workloads);
    }
    const open = this.lastFindings.filter(f => !f.suppressed);
    // An HaChecks aspect in the same app has shown the findings of the templates it checked already.
    const shown = open.filter(f => checkedByAspect(path.resolve(f.templatePath)));
    const violations: PolicyViolation[] = open.filter(f => !shown.includes(f)).map(f => this.violation(f));
    if (shown.length) {
      const stacks = new Set(shown.map(f => f.stack));
      violations.push({
        ruleName: 'shown-by-the-aspect',
        description: `${shown.length} finding(s) of ${stacks.size} stack(s) (${[...stacks].slice(0, 3).join(', ')}${stacks.size > 3 ? ', ...' : ''}) `
          + 'are shown by the HaChecks aspect, so the plugin does not repeat them; its reports and failOn still cover them.',
        severity: 'info',
        violatingResources: [{ locations: [] }],
      });
    }
    for (const problem of run.problems) {
      violations.push({ ruleName: 'unreadable-template', description: problem.message, severity: 'error', violatingResources: [] });
    }
    const blocking = open.filter(f => isBlocking(f, this.failOn));
    if (blocking.length) violations.push(blockingSummary(blocking, this.failOn));
    const success = blocking.length === 0 && run.problems.length === 0;
    if (!success && validationFailureIgnored()) stopSynthesis(violations.filter(v => STOPPING.has(v.ruleName)).map(v => `cdk-ha: ${v.description}`));
    return { success, violations, pluginVersion: this.version };
  }

  private violation(f: Finding): PolicyViolation {
    const blocking = isBlocking(f, this.failOn);
    // CDK fails synthesis on any error-severity violation once acknowledgements are applied, so a
    // finding that must not block is reported as a warning (or info); its own severity stays in the text.
    const severity = f.status === FindingStatus.UNKNOWN || f.severity === Severity.INFO ? 'info' : blocking ? f.severity : 'warning';
    const prefix = f.status === FindingStatus.UNKNOWN ? `[${f.ruleId}, undecided at synth time]` : `[${f.ruleId}, ${f.severity}]`;
    return {
      ruleName: f.ruleId,
      description: `${prefix} ${f.message}`,
      fix: f.remediation,
      severity,
      ruleMetadata: { title: f.title, severity: f.severity, status: f.status, category: f.category },
      violatingResources: [{
        resourceLogicalId: f.logicalId,
        templatePath: path.resolve(f.templatePath),
        locations: [f.property ? `Properties/${f.property.split('.').join('/')}` : 'Properties'],
      }],
    };
  }
}


/** The violations that stop synthesis, which the plugin prints itself where CDK would not. */
const STOPPING = new Set(['blocking-findings', 'unreadable-template']);

/** What aws-cdk-lib does itself with a failed report when it is told to fail synthesis: print it, exit 1. */
function stopSynthesis(lines: readonly string[]): void {
  process.stderr.write(lines.map(l => `${l}\n`).join(''));
  process.exitCode = 1;
}

/**
 * One violation that names every blocking finding and is tied to no construct: `cdk synth` keeps and
 * prints it whichever stacks it selects, so findings in the stacks of a Stage (which `cdk synth` does
 * not select) still stop synthesis, with the reason in view.
 */
function blockingSummary(blocking: readonly Finding[], failOn: FailOn): PolicyViolation {
  const listed = blocking.slice(0, 5).map(f => `[${f.ruleId}] ${f.constructPath ?? `${f.stack}/${f.logicalId}`}`);
  const more = blocking.length > listed.length ? `; and ${blocking.length - listed.length} more` : '';
  return {
    ruleName: 'blocking-findings',
    description: `${blocking.length} unacknowledged cdk-ha finding(s) at or above failOn ${failOn} stop synthesis: ${listed.join('; ')}${more}. `
      + 'Fix them or acknowledge them; `cdk synth \'**\'` or `cdk-ha check cdk.out` shows each of them.',
    severity: 'error',
    // A resource of no stack: `cdk synth` keeps and prints it whichever stacks it selects.
    violatingResources: [{ locations: [] }],
  };
}
