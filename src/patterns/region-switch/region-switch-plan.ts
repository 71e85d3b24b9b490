import { ArnFormat, Duration, Lazy, Names, Stack, Token } from 'aws-cdk-lib';
import * as arc from 'aws-cdk-lib/aws-arcregionswitch';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { RegionSwitchPlanProps } from './props';
import { ResolvedPlan, validateRegionSwitchPlanProps } from './validate';
import { objectivesFor } from '../../checks/hosts/objectives-record';
import { StandbyMode } from '../active-passive-pair/props';
import { acknowledgeFinding } from '../common/acknowledge';
import { DatabaseTopologyKind } from '../replicated-database/topology';

const DEFAULT_APPROVAL_TIMEOUT = Duration.hours(1);
const DEFAULT_MIN_DELAY = Duration.hours(1);
/** Time a step may take before the execution fails: scaling and a global database failover take minutes. */
const STEP_TIMEOUT_MINUTES = 60;

/** One step of the plan's workflow, as the tests and the README describe it. */
export interface RegionSwitchStep {
  /** The step's name in the plan. */
  readonly name: string;
  /** The execution block: `ECSServiceScaling`, `EC2AutoScaling`, `ManualApproval`, `AuroraGlobalDatabase` or `RdsPromoteReadReplica`. */
  readonly executionBlockType: string;
}

/**
 * An Amazon Application Recovery Controller (ARC) Region switch plan for an `ActivePassivePair`: the
 * runbook that brings the standby Region up to carry the workload, data tier included, while Route 53
 * moves the traffic by itself.
 *
 * One workflow activates either Region; its steps, in order:
 *
 * 1. `ScaleUpStandby` (WARM and PILOT_LIGHT only): scales the activated Region's ECS service or Auto
 *    Scaling group to match what the other Region ran at most in the last 24 hours;
 * 2. `ApproveDatabaseStep` (with a database, unless `approveDatabaseStep: false`): waits for a person
 *    assuming `approvalRole`;
 * 3. `SwitchDatabase`: an Aurora global database switches over to the activated Region without data
 *    loss in a graceful execution, and fails over (losing up to the replication lag) in an ungraceful
 *    one; a cross-Region read replica is promoted.
 *
 * The pair's health check alarms are the plan's application health alarms; with
 * `executeOnPrimaryFailure` (the default) the primary's alarm also starts the plan. The execution role
 * may act only on the resources of these steps.
 *
 * @experimental
 */
export class RegionSwitchPlan extends Construct {
  /** The plan's CloudFormation resource. */
  public readonly plan: arc.CfnPlan;

  /** The plan's ARN, to start executions with (`aws arc-region-switch start-plan-execution --plan-arn ...`). */
  public readonly planArn: string;

  /** The plan's name. */
  public readonly planName: string;

  /** The Region the plan treats as primary, where traffic goes while it is healthy. */
  public readonly primaryRegion: string;

  /** The standby Region the plan activates when the primary fails. */
  public readonly standbyRegion: string;

  /** The role Region switch assumes to run the steps, allowed only what they do. */
  public readonly executionRole: iam.Role;

  /**
   * The role a person assumes to approve the database step. Let your operators assume it.
   *
   * @default - none without an approval step
   */
  public readonly approvalRole?: iam.Role;

  /** The steps of the workflow, in order. */
  public readonly steps: RegionSwitchStep[];

  /** The alarms associated with the plan (its application health, and the trigger). */
  public readonly associatedAlarms: cloudwatch.IAlarm[];

  constructor(scope: Construct, id: string, props: RegionSwitchPlanProps) {
    super(scope, id);
    const resolved = validateRegionSwitchPlanProps(this, props);
    this.primaryRegion = resolved.primaryRegion;
    this.standbyRegion = resolved.standbyRegion;
    this.planName = props.planName ?? Names.uniqueResourceName(this, { maxLength: 32 });
    const stack = Stack.of(this);
    const planArnPattern = stack.formatArn({
      service: 'arc-region-switch', region: '', resource: 'plan', resourceName: `${this.planName}:*`, arnFormat: ArnFormat.SLASH_RESOURCE_NAME,
    });

    this.executionRole = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('arc-region-switch.amazonaws.com'),
      description: `Runs the steps of Region switch plan ${this.planName}`,
    });
    const wildcardReasons: string[] = [];

    const steps: arc.CfnPlan.StepProperty[] = [];
    const mode = props.pair.standbyMode;
    if (mode === StandbyMode.WARM || mode === StandbyMode.PILOT_LIGHT) {
      steps.push(this.scaleUpStep(resolved, wildcardReasons));
    }
    const database = props.database;
    if (database) {
      if (props.approveDatabaseStep ?? true) {
        this.approvalRole = new iam.Role(this, 'ApprovalRole', {
          assumedBy: new iam.AccountRootPrincipal(),
          description: `Approves the database step of Region switch plan ${this.planName}`,
        });
        this.approvalRole.addToPolicy(new iam.PolicyStatement({
          actions: ['arc-region-switch:ApprovePlanExecutionStep', 'arc-region-switch:GetPlanExecution', 'arc-region-switch:ListPlanExecutionEvents'],
          resources: [planArnPattern],
        }));
        const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
        acknowledgeFinding(this.approvalRole, `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:arc-region-switch::${account}:plan/${this.planName}:*]`,
          'The plan\'s ARN ends in a suffix that Region switch chooses; the role may approve steps of this plan only.');
        steps.push({
          name: 'ApproveDatabaseStep',
          description: 'A person confirms the database step: a graceful execution switches over without data loss; an ungraceful one fails over '
            + 'and loses the writes the standby had not yet received.',
          executionBlockType: 'ManualApproval',
          executionBlockConfiguration: {
            executionApprovalConfig: {
              approvalRole: this.approvalRole.roleArn,
              timeoutMinutes: (props.approvalTimeout ?? DEFAULT_APPROVAL_TIMEOUT).toMinutes(),
            },
          },
        });
      }
      steps.push(this.databaseStep(resolved, wildcardReasons));
    }
    this.steps = steps.map(s => ({ name: s.name, executionBlockType: s.executionBlockType }));

    const trigger = props.executeOnPrimaryFailure ?? true;
    const alarms = this.namedAlarms(props);
    this.associatedAlarms = alarms.map(a => a.alarm);
    this.executionRole.addToPolicy(new iam.PolicyStatement({
      actions: ['cloudwatch:DescribeAlarms', 'cloudwatch:DescribeAlarmHistory'],
      resources: alarms.map(a => a.alarm.alarmArn),
    }));
    const associatedAlarms: Record<string, arc.CfnPlan.AssociatedAlarmProperty> = {};
    for (const a of alarms) {
      associatedAlarms[a.name] = { alarmType: a.trigger && trigger ? 'trigger' : 'applicationHealth', resourceIdentifier: a.alarm.alarmArn };
    }
    if (wildcardReasons.length) {
      acknowledgeFinding(this.executionRole, 'AwsSolutions-IAM5[Resource::*]', wildcardReasons.join(' '));
    }

    this.plan = new arc.CfnPlan(this, 'Resource', {
      name: this.planName,
      description: `Activates the standby Region of ${props.pair.node.path}${database ? ' and its database' : ''}`,
      executionRole: this.executionRole.roleArn,
      recoveryApproach: 'activePassive',
      regions: [this.primaryRegion, this.standbyRegion],
      primaryRegion: this.primaryRegion,
      recoveryTimeObjectiveMinutes: Lazy.number({ produce: () => this.recoveryTimeMinutes(props) }),
      associatedAlarms,
      workflows: [{
        workflowTargetAction: 'activate',
        workflowDescription: 'Brings the activated Region up to carry the workload; Route 53 has already moved the traffic.',
        steps,
      }],
      triggers: trigger ? [{
        action: 'activate',
        targetRegion: this.standbyRegion,
        description: `The primary in ${this.primaryRegion} failed its Route 53 health check: activate ${this.standbyRegion}.`,
        conditions: [{ associatedAlarmName: alarms.find(a => a.trigger)!.name, condition: 'red' }],
        minDelayMinutesBetweenExecutions: (props.minimumTimeBetweenExecutions ?? DEFAULT_MIN_DELAY).toMinutes(),
      }] : undefined,
    });
    this.plan.node.addDependency(this.executionRole);
    this.planArn = this.plan.attrArn;
  }

  /**
   * The associated alarms: the pair's health check alarms, and the database's replication lag. Each is
   * named after the plan, so that the plan (and its trigger) can name it.
   */
  private namedAlarms(props: RegionSwitchPlanProps): { name: string; alarm: cloudwatch.Alarm; trigger?: boolean }[] {
    const [primary, standby] = props.pair.alarms;
    const alarms = [
      { name: `${this.planName}-primary-health`, alarm: primary, trigger: true },
      { name: `${this.planName}-standby-health`, alarm: standby },
    ];
    const lag = props.database?.alarms.find(a => a.node.id === 'ReplicationLag');
    if (lag) alarms.push({ name: `${this.planName}-data-lag`, alarm: lag });
    for (const a of alarms) (a.alarm.node.defaultChild as cloudwatch.CfnAlarm).alarmName = a.name;
    return alarms;
  }

  /** The RTO to measure executions against: the one given, or the declared Region failure RTO, in whole minutes. */
  private recoveryTimeMinutes(props: RegionSwitchPlanProps): number | undefined {
    if (props.recoveryTimeObjective) return props.recoveryTimeObjective.toMinutes();
    const seconds = objectivesFor(Stack.of(this))?.region?.rtoSeconds;
    return seconds === undefined || Token.isUnresolved(seconds) ? undefined : Math.max(1, Math.ceil(seconds / 60));
  }

  /** Scales the activated Region's tier to what the other Region ran at most in the last 24 hours. */
  private scaleUpStep(resolved: ResolvedPlan, wildcardReasons: string[]): arc.CfnPlan.StepProperty {
    const [primary, standby] = resolved.tiers;
    const description = 'Scales the activated Region\'s web tier to what the other Region ran at most in the last 24 hours.';
    if (primary.service && standby.service) {
      const services = [primary, standby].map(t => ({ clusterArn: t.cluster!.clusterArn, serviceArn: t.service!.serviceArn }));
      this.executionRole.addToPolicy(new iam.PolicyStatement({ actions: ['ecs:DescribeServices', 'ecs:UpdateService'], resources: services.map(s => s.serviceArn) }));
      this.executionRole.addToPolicy(new iam.PolicyStatement({ actions: ['ecs:DescribeClusters'], resources: services.map(s => s.clusterArn) }));
      this.executionRole.addToPolicy(new iam.PolicyStatement({
        actions: ['ecs:ListServices', 'application-autoscaling:DescribeScalableTargets', 'application-autoscaling:RegisterScalableTarget', 'cloudwatch:GetMetricStatistics'],
        resources: ['*'],
      }));
      wildcardReasons.push('ecs:ListServices, application-autoscaling:DescribeScalableTargets and RegisterScalableTarget, and cloudwatch:GetMetricStatistics '
        + 'have no resource-level permissions; Region switch reads and raises the services\' scaling limits with them.');
      return {
        name: 'ScaleUpStandby',
        description,
        executionBlockType: 'ECSServiceScaling',
        executionBlockConfiguration: {
          ecsCapacityIncreaseConfig: { services, targetPercent: 100, capacityMonitoringApproach: 'sampledMaxInLast24Hours', timeoutMinutes: STEP_TIMEOUT_MINUTES },
        },
      };
    }
    const asgs = [primary, standby].map(t => ({ arn: t.autoScalingGroup!.autoScalingGroupArn }));
    this.executionRole.addToPolicy(new iam.PolicyStatement({ actions: ['autoscaling:UpdateAutoScalingGroup'], resources: asgs.map(a => a.arn) }));
    this.executionRole.addToPolicy(new iam.PolicyStatement({ actions: ['autoscaling:DescribeAutoScalingGroups', 'cloudwatch:GetMetricStatistics'], resources: ['*'] }));
    wildcardReasons.push('autoscaling:DescribeAutoScalingGroups and cloudwatch:GetMetricStatistics have no resource-level permissions; Region switch '
      + 'reads the groups\' capacity with them.');
    return {
      name: 'ScaleUpStandby',
      description,
      executionBlockType: 'EC2AutoScaling',
      executionBlockConfiguration: {
        ec2AsgCapacityIncreaseConfig: { asgs, targetPercent: 100, capacityMonitoringApproach: 'sampledMaxInLast24Hours', timeoutMinutes: STEP_TIMEOUT_MINUTES },
      },
    };
  }

  /** Makes the activated Region's copy of the data writable. */
  private databaseStep(resolved: ResolvedPlan, wildcardReasons: string[]): arc.CfnPlan.StepProperty {
    const secondary = resolved.database!;
    const primary = secondary.primary;
    const stack = Stack.of(this);
    if (primary.topology.kind === DatabaseTopologyKind.AURORA_CLUSTER) {
      const clusterArns = [primary._source.clusterArn!, secondary.databaseArn];
      const globalClusterArn = stack.formatArn({
        service: 'rds', region: '', resource: 'global-cluster', resourceName: primary.globalClusterIdentifier, arnFormat: ArnFormat.COLON_RESOURCE_NAME,
      });
      this.executionRole.addToPolicy(new iam.PolicyStatement({
        actions: ['rds:FailoverGlobalCluster', 'rds:SwitchoverGlobalCluster'],
        resources: [globalClusterArn, ...clusterArns],
      }));
      this.executionRole.addToPolicy(new iam.PolicyStatement({ actions: ['rds:DescribeGlobalClusters', 'rds:DescribeDBClusters'], resources: ['*'] }));
      wildcardReasons.push('Region switch describes the global database and its clusters before it switches them over (rds:DescribeGlobalClusters '
        + 'and rds:DescribeDBClusters, as the Aurora Global Database execution block documents).');
      return {
        name: 'SwitchDatabase',
        description: 'Makes the activated Region\'s Aurora cluster the writer: a switchover without data loss, or in an ungraceful execution a '
          + 'failover that loses what was not yet replicated (typically under a second).',
        executionBlockType: 'AuroraGlobalDatabase',
        executionBlockConfiguration: {
          globalAuroraConfig: {
            behavior: 'switchoverOnly',
            ungraceful: { ungraceful: 'failover' },
            globalClusterIdentifier: primary.globalClusterIdentifier!,
            databaseClusterArns: clusterArns,
            timeoutMinutes: STEP_TIMEOUT_MINUTES,
          },
        },
      };
    }
    const instances = { [this.primaryRegion]: primary._source.instanceArn!, [this.standbyRegion]: secondary.databaseArn };
    this.executionRole.addToPolicy(new iam.PolicyStatement({
      actions: ['rds:DescribeDBInstances', 'rds:PromoteReadReplica'],
      resources: Object.values(instances),
    }));
    return {
      name: 'SwitchDatabase',
      description: 'Promotes the activated Region\'s read replica to a standalone writable instance; what it had not yet received is lost.',
      executionBlockType: 'RdsPromoteReadReplica',
      executionBlockConfiguration: { rdsPromoteReadReplicaConfig: { dbInstanceArnMap: instances, timeoutMinutes: STEP_TIMEOUT_MINUTES } },
    };
  }
}
