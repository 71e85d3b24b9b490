import { Annotations, Aws, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as fis from 'aws-cdk-lib/aws-fis';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { acknowledgeWildcards } from './acknowledgements';
import { loggingStatements } from './permissions';
import { DrillPlan } from './plan';
import { FailoverDrillProps } from './props';
import { PropsValidator } from '../common/validate-props';

/** FIS accepts at most this many stop conditions per experiment template; more alarms are combined into one composite alarm. */
const MAX_STOP_CONDITIONS = 5;
/** The tag with which the checks know what the drill exercises. */
const EXERCISES_TAG = 'cdk-ha:exercises';

/**
 * A failover drill as code: an AWS Fault Injection Service experiment template that breaks part
 * of the workload on purpose (a zone, a database writer, the primary endpoint of a pair), so that
 * the failover the building blocks promise is proven rather than assumed.
 *
 * The drill has a least-privilege role for its actions, stops when the workload's own alarms fire,
 * writes its log to CloudWatch Logs, and targets the building blocks by ARN or by the tag they set
 * (`cdk-ha:component`). Nothing runs at synth or deploy: an experiment starts when someone starts
 * it (console, `aws fis start-experiment`) or on the optional schedule.
 *
 * ```ts
 * import { DrillScenario, FailoverDrill, MultiAzWebTier, ReplicatedDatabase } from 'cdk-ha';
 *
 * declare const web: MultiAzWebTier;
 * declare const db: ReplicatedDatabase;
 *
 * new FailoverDrill(this, 'ZoneDrill', {
 *   scenario: DrillScenario.zonePowerInterruption({ webTiers: [web], databases: [db] }),
 * });
 * ```
 *
 * Warnings (acknowledge them with `Annotations.of(drill).acknowledgeWarning(id, reason)`):
 * `@cdk-ha/patterns:drillWithoutStopCondition` (no alarm can stop the experiment).
 *
 * @experimental
 */
export class FailoverDrill extends Construct {
  /** The experiment template. */
  public readonly experimentTemplate: fis.CfnExperimentTemplate;

  /** The role FIS assumes to run the experiment, allowed only the scenario's actions on its targets. */
  public readonly role: iam.Role;

  /** Where the experiments write their logs. */
  public readonly logGroup: logs.ILogGroup;

  /** The alarms that stop the experiment (directly, or through `stopConditionAlarm`). */
  public readonly stopConditionAlarms: cloudwatch.IAlarm[];

  /**
   * The composite alarm that combines the stop conditions when there are more than FIS accepts (5).
   *
   * @default - none: the alarms are the stop conditions themselves
   */
  public readonly stopConditionAlarm?: cloudwatch.CompositeAlarm;

  /**
   * The schedule that starts the experiment.
   *
   * @default - none unless `schedule` was given
   */
  public readonly schedule?: scheduler.CfnSchedule;

  /** The disruptions the drill exercises, as the resilience objectives name them: `instance`, `az` or `region`. */
  public readonly exercises: string[];

  constructor(scope: Construct, id: string, props: FailoverDrillProps) {
    super(scope, id);
    const v = new PropsValidator(this, 'FailoverDrill');
    const plan = props.scenario._plan(this, v);
    if (plan) this.checkPlacement(v, plan);
    v.throwIfInvalid();
    const p = plan!;
    this.exercises = [...p.exercises];

    const stack = Stack.of(this);
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('fis.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: `Runs the fault injection experiment of ${this.node.path}`,
    });
    const statements = uniqueSids([...loggingStatements(), ...p.statements]);
    const policy = new iam.Policy(this, 'Policy', { roles: [this.role], statements });
    acknowledgeWildcards(policy, statements);

    this.logGroup = props.logGroup ?? new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stopConditionAlarms = [...((props.useBuildingBlockAlarms ?? true) ? p.alarms : []), ...(props.stopConditions ?? [])];
    let stopAlarms: cloudwatch.IAlarm[] = this.stopConditionAlarms;
    if (stopAlarms.length > MAX_STOP_CONDITIONS) {
      this.stopConditionAlarm = new cloudwatch.CompositeAlarm(this, 'StopCondition', {
        alarmDescription: `${this.node.path}: stops the drill when any of its ${stopAlarms.length} alarms fires.`,
        alarmRule: cloudwatch.AlarmRule.anyOf(...stopAlarms.map(a => cloudwatch.AlarmRule.fromAlarm(a, cloudwatch.AlarmState.ALARM))),
      });
      stopAlarms = [this.stopConditionAlarm];
    }
    if (stopAlarms.length === 0) {
      Annotations.of(this).addWarningV2('@cdk-ha/patterns:drillWithoutStopCondition',
        `FailoverDrill at '${this.node.path}': no alarm can stop the experiment, so it runs its full course even when it hurts more than `
        + 'planned. Give stopConditions (alarms in the drill\'s Region on errors or latency that customers see).');
    }

    const template = new fis.CfnExperimentTemplate(this, 'Template', {
      description: (props.description ?? p.description).slice(0, 512),
      roleArn: this.role.roleArn,
      stopConditions: stopAlarms.length
        ? stopAlarms.map(a => ({ source: 'aws:cloudwatch:alarm', value: a.alarmArn }))
        : [{ source: 'none' }],
      targets: p.targets,
      actions: p.actions,
      logConfiguration: { logSchemaVersion: 2, cloudWatchLogsConfiguration: { LogGroupArn: this.logGroup.logGroupArn } },
      experimentOptions: { accountTargeting: 'single-account', emptyTargetResolutionMode: p.emptyTargets },
      tags: { Name: this.node.path.slice(-256), [EXERCISES_TAG]: p.exercises.join(',') },
    });
    // The role and its permissions exist before anyone can start the experiment.
    template.node.addDependency(this.role, policy);
    this.experimentTemplate = template;

    if (props.schedule) this.schedule = this.scheduleExperiment(props.schedule);
  }

  /** A schedule that starts the experiment with EventBridge Scheduler's universal target for FIS. */
  private scheduleExperiment(expression: scheduler.ScheduleExpression): scheduler.CfnSchedule {
    const stack = Stack.of(this);
    const templateArn = stack.formatArn({ service: 'fis', resource: 'experiment-template', resourceName: this.experimentTemplate.ref });
    const start = new iam.PolicyStatement({
      actions: ['fis:StartExperiment'],
      resources: [templateArn, stack.formatArn({ service: 'fis', resource: 'experiment', resourceName: '*' })],
    });
    const role = new iam.Role(this, 'ScheduleRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', { conditions: { StringEquals: { 'aws:SourceAccount': stack.account } } }),
      description: `Starts the fault injection experiment of ${this.node.path} on its schedule`,
      inlinePolicies: { StartExperiment: new iam.PolicyDocument({ statements: [start] }) },
    });
    acknowledgeWildcards(role, [start]);
    return new scheduler.CfnSchedule(this, 'Schedule', {
      description: `Starts the drill ${this.node.path}`,
      scheduleExpression: expression.expressionString,
      scheduleExpressionTimezone: expression.timeZone?.timezoneName,
      flexibleTimeWindow: { mode: 'OFF' },
      target: {
        arn: `arn:${Aws.PARTITION}:scheduler:::aws-sdk:fis:startExperiment`,
        roleArn: role.roleArn,
        // The execution ID makes each start idempotent: a retried invocation starts no second experiment.
        input: stack.toJsonString({ ExperimentTemplateId: this.experimentTemplate.ref, ClientToken: '<aws.scheduler.execution-id>' }),
      },
    });
  }

  /** FIS acts in its own account and Region: every building block of the scenario must be there. */
  private checkPlacement(v: PropsValidator, plan: DrillPlan): void {
    const mine = Stack.of(this);
    for (const subject of plan.subjects) {
      const theirs = Stack.of(subject);
      for (const [what, a, b] of [['Region', mine.region, theirs.region], ['account', mine.account, theirs.account]] as const) {
        if (Token.isUnresolved(a) || Token.isUnresolved(b) || a === b) continue;
        v.require(false, 'scenario', `'${subject.node.path}' is in ${what} ${b}, but the drill is in ${a}, and FIS experiments act in their own ${what}`,
          `Create the drill in a stack of ${what} ${b}.`);
      }
    }
  }
}

/** The statements with identical duplicates removed and the sids of different statements made unique (IAM requires it). */
function uniqueSids(statements: iam.PolicyStatement[]): iam.PolicyStatement[] {
  const seen = new Map<string, string>();
  const sids = new Map<string, number>();
  const out: iam.PolicyStatement[] = [];
  for (const statement of statements) {
    const json = statement.toStatementJson();
    const key = JSON.stringify({ ...json, Sid: undefined });
    if (seen.has(key)) continue;
    const sid = json.Sid as string | undefined;
    const n = sid ? (sids.get(sid) ?? 0) + 1 : 0;
    if (sid) sids.set(sid, n);
    seen.set(key, sid ?? '');
    out.push(sid && n > 1 ? iam.PolicyStatement.fromJson({ ...json, Sid: `${sid}${n}` }) : statement);
  }
  return out;
}
