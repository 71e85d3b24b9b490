import { Duration } from 'aws-cdk-lib';
import { ActivePassivePair } from '../active-passive-pair/active-passive-pair';
import { ReplicatedDatabaseSecondary } from '../replicated-database/secondary';

/** Properties of a `RegionSwitchPlan`. */
export interface RegionSwitchPlanProps {
  /**
   * The pair whose standby Region the plan activates. Both endpoints must be `MultiAzWebTier`s in stacks
   * of two Regions, and the pair must have its health check alarms (its stack in us-east-1).
   */
  readonly pair: ActivePassivePair;

  /**
   * The copy of the data in the standby Region that the plan makes writable: an Aurora global database's
   * secondary (switchover, or failover in an ungraceful execution) or a cross-Region read replica
   * (promotion). It must be in the Region of the pair's standby, and its primary in the Region of the
   * pair's primary.
   *
   * @default - the plan moves no data tier
   */
  readonly database?: ReplicatedDatabaseSecondary;

  /**
   * The plan's name: 1 to 32 letters, digits and hyphens, unique in the account.
   *
   * @default - derived from the construct path
   */
  readonly planName?: string;

  /**
   * The recovery time objective the plan is measured against (Region switch reports whether each
   * execution met it). Whole minutes.
   *
   * @default - the Region failure RTO of the resilience objectives declared for the stack
   * (`ResilienceObjectives.declare` or the `@cdk-ha/objectives` context), if any
   */
  readonly recoveryTimeObjective?: Duration;

  /**
   * Start the plan by itself when the primary fails its Route 53 health check (the pair's primary
   * alarm goes into ALARM), activating the standby Region. Without it, a person starts the plan.
   *
   * @default true
   */
  readonly executeOnPrimaryFailure?: boolean;

  /**
   * Wait for a person's approval before the database step, which may lose the last writes when it
   * fails over (an ungraceful execution). The approver assumes `approvalRole`.
   *
   * @default true when a database is given
   */
  readonly approveDatabaseStep?: boolean;

  /**
   * How long the approval step waits for a person before the execution fails.
   *
   * @default Duration.hours(1)
   */
  readonly approvalTimeout?: Duration;

  /**
   * The least time between two executions that the trigger starts, so that a flapping health check
   * does not switch Regions back and forth. Whole minutes.
   *
   * @default Duration.hours(1)
   */
  readonly minimumTimeBetweenExecutions?: Duration;
}
