import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as fis from 'aws-cdk-lib/aws-fis';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';

// Internal to the drills: what a scenario puts in the experiment template. Not exported from the package.

/** The disruptions a drill exercises, as the checks name them (the experiment template's `cdk-ha:exercises` tag). */
export type Exercise = 'instance' | 'az' | 'region';

/** What a scenario adds to an experiment template. */
export interface DrillPlan {
  readonly description: string;
  readonly exercises: Exercise[];
  readonly targets: Record<string, fis.CfnExperimentTemplate.ExperimentTemplateTargetProperty>;
  readonly actions: Record<string, fis.CfnExperimentTemplate.ExperimentTemplateActionProperty>;
  readonly statements: iam.PolicyStatement[];
  /** The building blocks' alarms that the drill does not set off on purpose. */
  readonly alarms: cloudwatch.IAlarm[];
  /** The building blocks the drill acts on, which must be in the drill's account and Region. */
  readonly subjects: IConstruct[];
  /** `skip` when some actions may find nothing (a database whose primary is elsewhere), as AWS's scenario does. */
  readonly emptyTargets: 'skip' | 'fail';
}

/** A plan while a scenario fills it in. */
export type MutablePlan = { -readonly [K in keyof DrillPlan]: DrillPlan[K] };
