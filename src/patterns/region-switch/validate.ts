import { Duration, Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { RegionSwitchPlanProps } from './props';
import { PropsValidator } from '../common/validate-props';
import { MultiAzWebTier } from '../multi-az-web-tier/multi-az-web-tier';
import { ReplicatedDatabaseSecondary } from '../replicated-database/secondary';

/** A plan's name: letters, digits and hyphens, 1 to 32, not starting or ending with a hyphen (Region switch's plan ARN pattern). */
const PLAN_NAME = /^[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,30}[a-zA-Z0-9])?$/;

/** What the plan is built from, as resolved from the props. */
export interface ResolvedPlan {
  readonly primaryRegion: string;
  readonly standbyRegion: string;
  /** The primary's and the standby's web tiers. */
  readonly tiers: [MultiAzWebTier, MultiAzWebTier];
  readonly database?: ReplicatedDatabaseSecondary;
}

/**
 * Checks every prop of a `RegionSwitchPlan` and throws one error listing each problem, the property
 * and its fix. Returns the Regions and tiers the plan switches between.
 */
export function validateRegionSwitchPlanProps(scope: IConstruct, props: RegionSwitchPlanProps): ResolvedPlan {
  const v = new PropsValidator(scope, 'RegionSwitchPlan');
  const { pair, database } = props;
  const primaryTier = pair._primaryTier;
  const standbyTier = pair._standbyTier;
  const regionOf = (c: IConstruct) => Stack.of(c).region;
  let primaryRegion = '';
  let standbyRegion = '';
  if (!primaryTier || !standbyTier) {
    v.require(false, 'pair', 'has an endpoint that is not a MultiAzWebTier, so the plan can neither tell its Region nor scale it',
      'Build the pair with FailoverEndpoint.webTier(...) on both sides.');
  } else {
    primaryRegion = regionOf(primaryTier);
    standbyRegion = regionOf(standbyTier);
    const known = !Token.isUnresolved(primaryRegion) && !Token.isUnresolved(standbyRegion);
    v.require(known, 'pair', 'has web tiers in stacks without a Region, and a Region switch plan names its Regions',
      "Give the web tiers' stacks an env with the account and Region.");
    if (known) {
      v.require(primaryRegion !== standbyRegion, 'pair', `has both web tiers in ${primaryRegion}, and a Region switch plan switches between two Regions`,
        'Put the standby web tier in a stack of another Region, or leave out the plan: the pair alone fails over within a Region.');
    }
    v.require(!!primaryTier.service === !!standbyTier.service, 'pair', 'has one web tier on Fargate and the other on EC2, so no one scaling step fits both',
      'Build both web tiers with the same WebTierCompute choice.');
  }
  v.require(pair.alarms.length >= 2, 'pair', `has no health check alarms (its stack ${Stack.of(pair).stackName} is not in us-east-1), and the plan needs them as its `
    + 'application health alarms and its trigger', 'Put the pair in a stack in us-east-1, where Route 53 publishes health check metrics.');

  if (database) {
    const dbRegion = regionOf(database);
    const dbPrimaryRegion = regionOf(database.primary);
    if (standbyRegion && !Token.isUnresolved(dbRegion)) {
      v.require(dbRegion === standbyRegion, 'database', `is in ${dbRegion}, but the pair's standby is in ${standbyRegion}: the plan would make the data writable `
        + 'where no web tier reads it', `Give the ReplicatedDatabaseSecondary of ${standbyRegion}.`);
    }
    if (primaryRegion && !Token.isUnresolved(dbPrimaryRegion)) {
      v.require(dbPrimaryRegion === primaryRegion, 'database', `copies a database of ${dbPrimaryRegion}, but the pair's primary is in ${primaryRegion}`,
        `Give the secondary of the database that the web tier in ${primaryRegion} uses.`);
    }
  } else {
    v.require(props.approveDatabaseStep === undefined, 'approveDatabaseStep', 'is set, but without a database the plan has no database step to approve',
      'Give database, or remove approveDatabaseStep.');
  }

  const name = props.planName;
  if (name !== undefined && !Token.isUnresolved(name)) {
    v.require(PLAN_NAME.test(name), 'planName', `'${name}' is not a plan name Region switch accepts`,
      'Use 1 to 32 letters, digits and hyphens, starting and ending with a letter or digit.');
  }
  wholeMinutes(v, props.recoveryTimeObjective, 'recoveryTimeObjective', 'Use whole minutes, at least Duration.minutes(1).');
  wholeMinutes(v, props.approvalTimeout, 'approvalTimeout', 'Use whole minutes, at least Duration.minutes(1).');
  wholeMinutes(v, props.minimumTimeBetweenExecutions, 'minimumTimeBetweenExecutions', 'Use whole minutes, at least Duration.minutes(1).');
  if (props.approvalTimeout !== undefined && database && props.approveDatabaseStep === false) {
    v.require(false, 'approvalTimeout', 'is set, but approveDatabaseStep: false leaves out the approval step', 'Remove approvalTimeout, or the approveDatabaseStep: false.');
  }
  v.throwIfInvalid();
  return { primaryRegion, standbyRegion, tiers: [primaryTier!, standbyTier!], database };
}

function wholeMinutes(v: PropsValidator, d: Duration | undefined, property: string, fix: string): void {
  if (d === undefined || d.isUnresolved()) return;
  const minutes = d.toMinutes({ integral: false });
  v.require(Number.isInteger(minutes) && minutes >= 1, property, `${d.toHumanString()} is not a whole number of minutes of at least 1`, fix);
}
