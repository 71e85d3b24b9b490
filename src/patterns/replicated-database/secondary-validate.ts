import { Stack, Token } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { ReplicatedDatabaseSecondaryProps } from './secondary-props';
import { DatabaseTopologyKind } from './topology';
import { positiveSize, ResolvedSubnets, resolveSubnets, validateDays } from './validate';
import { PropsValidator } from '../common/validate-props';
import { countZones } from '../common/zones';

/** Aurora allows up to 16 instances in a cluster (a writer and 15 readers). */
export const MAX_AURORA_INSTANCES = 16;

/** True when a stack passes values to stacks of other Regions through CDK's cross-Region references. */
export function hasCrossRegionReferences(stack: Stack): boolean {
  // CDK keeps the stack prop under this name; it has no public getter.
  return (stack as unknown as { _crossRegionReferences?: boolean })._crossRegionReferences === true;
}

/**
 * Checks every prop of a `ReplicatedDatabaseSecondary` and throws one error listing each problem, the
 * property and its fix. Returns the subnets to use.
 */
export function validateSecondaryProps(scope: IConstruct, props: ReplicatedDatabaseSecondaryProps): ResolvedSubnets {
  const v = new PropsValidator(scope, 'ReplicatedDatabaseSecondary');
  const { primary } = props;
  const stack = Stack.of(scope);
  const primaryStack = Stack.of(primary);
  const region = stack.region;
  const primaryRegion = primaryStack.region;
  const known = !Token.isUnresolved(region) && !Token.isUnresolved(primaryRegion);

  v.require(known, 'primary', `the stacks of the secondary (${stack.stackName}) and of the primary (${primaryStack.stackName}) must both name their Region`,
    "Give both stacks an env with the account and Region (new Stack(app, 'Standby', { env: { account, region: 'eu-central-1' }, crossRegionReferences: true })).");
  if (known) {
    v.require(region !== primaryRegion, 'primary', `is in ${primaryRegion}, the Region of this secondary too, so the copy does not survive the loss of the Region`,
      'Put the secondary in a stack of another Region.');
    if (region !== primaryRegion) {
      v.require(primary.secondaryRegions.includes(region), 'primary', `'${primary.node.path}' does not list ${region} in its secondaryRegions, `
        + `so it neither replicates its credentials here${primary.topology.kind === DatabaseTopologyKind.AURORA_CLUSTER ? ' nor forms a global database' : ''}`,
      `Add '${region}' to the primary's secondaryRegions.`);
      v.require(hasCrossRegionReferences(stack) && hasCrossRegionReferences(primaryStack), 'primary',
        `the secondary reads the primary's ARNs from stack ${primaryStack.stackName} in another Region, which needs CDK's cross-Region references`,
        `Set crossRegionReferences: true on stacks ${primaryStack.stackName} and ${stack.stackName}.`);
    }
  }
  v.require(primary.topology.kind !== DatabaseTopologyKind.MULTI_AZ_CLUSTER, 'primary',
    'is a Multi-AZ DB cluster, which RDS can copy to another Region neither as a read replica nor through automated backup replication',
    'Build the primary with DatabaseTopology.auroraCluster() (an Aurora global database) or DatabaseTopology.multiAzInstance() (a cross-Region read replica).');

  const aurora = primary.topology.kind === DatabaseTopologyKind.AURORA_CLUSTER;
  const { instances } = props;
  if (instances !== undefined && !aurora) {
    v.require(false, 'instances', 'sets the instances of an Aurora secondary, but the primary is a Multi-AZ DB instance, copied as one Multi-AZ read replica',
      'Remove instances.');
  } else if (instances !== undefined && Token.isUnresolved(instances)) {
    v.require(false, 'instances', 'decides how many instances to create, so it must be known at synth time', `Use a number from 1 to ${MAX_AURORA_INSTANCES}.`);
  } else if (instances !== undefined) {
    v.require(Number.isInteger(instances) && instances >= 1 && instances <= MAX_AURORA_INSTANCES, 'instances',
      `${instances} is not a number of instances from 1 to ${MAX_AURORA_INSTANCES}; a secondary without instances (headless) cannot be switched over or failed over to`,
      `Use from 1 to ${MAX_AURORA_INSTANCES} instances; 2 (the default) keep the promoted cluster Multi-AZ.`);
  }
  v.require(!(aurora && props.replicateBackups === true), 'replicateBackups', 'replicates the automated backups of a Multi-AZ DB instance, but the primary is an Aurora cluster',
    'Remove replicateBackups: an Aurora secondary keeps its own backups once it is promoted.');
  validateDays(v, props.backupRetention, 'backupRetention', 1, 35, 'Keep backups from 1 to 35 days.');

  const keyRegion = props.encryptionKey ? Stack.of(props.encryptionKey).region : undefined;
  if (keyRegion !== undefined && !Token.isUnresolved(keyRegion) && !Token.isUnresolved(region)) {
    v.require(keyRegion === region, 'encryptionKey', `is a key of ${keyRegion}, but the copy in ${region} can only be encrypted with a key of its own Region`,
      `Give a key created in a stack of ${region}, or leave encryptionKey unset for a new one.`);
  }

  const t = props.alarmThresholds ?? {};
  if (t.replicationLag !== undefined && !t.replicationLag.isUnresolved()) {
    v.require(t.replicationLag.toMilliseconds() > 0, 'alarmThresholds.replicationLag', 'a lag of 0 is always in alarm', 'Use a positive duration.');
  }
  v.range(t.cpuUtilizationPercent, 'alarmThresholds.cpuUtilizationPercent', 1, 100, 'Use a percentage from 1 to 100.');
  positiveSize(v, t.freeableMemory, 'alarmThresholds.freeableMemory');

  const subnets = resolveSubnets(v, props.vpc, props.vpcSubnets);
  if (subnets) {
    const zones = countZones(scope, subnets.subnets.map(s => s.availabilityZone));
    if (zones.count !== undefined) {
      v.require(zones.count >= 2, 'vpcSubnets', `the selected subnets span ${zones.count} Availability Zone${zones.count === 1 ? '' : 's'}, `
        + 'so the promoted copy would be in one zone', 'Select subnets in at least two zones.');
    }
  }
  v.throwIfInvalid();
  return subnets!;
}
