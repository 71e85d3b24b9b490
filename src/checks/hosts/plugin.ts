import * as path from 'path';
import { IPolicyValidationContext, IPolicyValidationPlugin, PolicyValidationPluginReport, PolicyViolation } from 'aws-cdk-lib';
import { writeReports } from '../report';
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
    const run = checkAssemblyTemplates(context.templatePaths);
    this.lastFindings = stacksOf(run.workloads).flatMap(s => s.findings);
    const formats = this.props.reportFormats ?? [];
    if (formats.length && context.templatePaths.length) {
      writeReports(this.props.reportDirectory ?? rootAssembly(path.dirname(context.templatePaths[0])), formats, run.workloads);
    }
    const violations: PolicyViolation[] = this.lastFindings.filter(f => !f.suppressed).map(f => this.violation(f));
    for (const problem of run.problems) {
      violations.push({ ruleName: 'unreadable-template', description: problem.message, severity: 'error', violatingResources: [] });
    }
    const blocking = this.lastFindings.some(f => isBlocking(f, this.failOn)) || run.problems.length > 0;
    return { success: !blocking, violations, pluginVersion: this.version };
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

