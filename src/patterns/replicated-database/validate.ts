import { Duration, Size, SizeRoundingBehavior, Stack, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { IConstruct } from 'constructs';
import { proxyPort } from './engines';
import { ReplicatedDatabaseProps } from './props';
import { DatabaseTopology, DatabaseTopologyKind } from './topology';
import { PropsValidator } from '../common/validate-props';
import { countZones } from '../common/zones';

const MONITORING_INTERVALS = [1, 5, 10, 15, 30, 60];

/** The subnets the database goes in, as resolved from the props. */
export interface ResolvedSubnets {
  readonly selection: ec2.SubnetSelection;
  readonly subnets: ec2.ISubnet[];
}

/**
 * The default subnets: isolated ones, or private ones with egress when the VPC has no isolated
 * subnets. A database never goes in public subnets by default.
 */
export function defaultSubnetSelection(vpc: ec2.IVpc): ec2.SubnetSelection | undefined {
  if (vpc.isolatedSubnets.length > 0) return { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  if (vpc.privateSubnets.length > 0) return { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
  return undefined;
}

/**
 * Checks every prop of a `ReplicatedDatabase` and throws one error listing each problem, the
 * property and its fix. Values that are tokens are decided at deploy time and are not judged.
 * Returns the subnets to use.
 */
export function validateReplicatedDatabaseProps(scope: IConstruct, props: ReplicatedDatabaseProps, topology: DatabaseTopology): ResolvedSubnets {
  const v = new PropsValidator(scope, 'ReplicatedDatabase');
  const crossRegion = (props.secondaryRegions ?? []).length > 0;
  topology._impl.validate(v, { crossRegion });
  validateSecondaryRegions(v, scope, props, topology);

  const subnets = resolveSubnets(v, props.vpc, props.vpcSubnets);
  if (subnets) {
    const zones = countZones(scope, subnets.subnets.map(s => s.availabilityZone));
    const min = topology._impl.minZones;
    if (zones.count !== undefined) {
      const fix = topology.kind === DatabaseTopologyKind.MULTI_AZ_CLUSTER
        ? 'Give the VPC subnets in three zones (an environment-agnostic stack has only two: set the stack\'s env), or choose DatabaseTopology.auroraCluster() or multiAzInstance().'
        : 'Select subnets in at least two zones (for example { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } in a VPC with maxAzs of 2 or more).';
      v.require(zones.count >= min, 'vpcSubnets',
        `the selected subnets span ${zones.count} Availability Zone${zones.count === 1 ? '' : 's'}, but a standby or reader needs another zone `
        + `(${topology.kind === DatabaseTopologyKind.MULTI_AZ_CLUSTER ? 'a Multi-AZ DB cluster needs three' : 'at least two'})`, fix);
    }
  }

  validateDays(v, props.backupRetention, 'backupRetention', 1, 35,
    'Keep automated backups from 1 to 35 days (Duration.days(7) is the default); 0 would turn off backups and point-in-time recovery.');
  validateDays(v, props.secretRotationInterval, 'secretRotationInterval', 1, 1000, 'Rotate the password every 1 to 1,000 days.');

  const interval = props.monitoringInterval;
  if (interval !== undefined && !interval.isUnresolved()) {
    const seconds = interval.toSeconds({ integral: false });
    v.require(MONITORING_INTERVALS.includes(seconds), 'monitoringInterval', `${interval.toHumanString()} is not an Enhanced Monitoring interval`,
      `Use one of ${MONITORING_INTERVALS.join(', ')} seconds.`);
  }

  const enableProxy = props.enableProxy ?? true;
  if (enableProxy) {
    const family = topology._impl.engine.engineFamily;
    v.require(proxyPort(family) !== undefined, 'enableProxy',
      `RDS Proxy does not support ${topology._impl.engine.engineType}${family ? ` (engine family ${family})` : ''}`,
      'Set enableProxy: false (clients then connect to the database endpoints and must retry across a failover), or use a MySQL, PostgreSQL or SQL Server engine.');
  }

  v.range(props.port, 'port', 1150, 65535, 'Use a port from 1150 to 65535.');

  const t = props.alarmThresholds ?? {};
  v.range(t.cpuUtilizationPercent, 'alarmThresholds.cpuUtilizationPercent', 1, 100, 'Use a percentage from 1 to 100.');
  v.range(t.databaseConnections, 'alarmThresholds.databaseConnections', 1, Number.MAX_SAFE_INTEGER, 'Use a positive number of connections.');
  positiveSize(v, t.freeableMemory, 'alarmThresholds.freeableMemory');
  positiveSize(v, t.freeStorage, 'alarmThresholds.freeStorage');
  if (t.replicaLag !== undefined && !t.replicaLag.isUnresolved()) {
    v.require(t.replicaLag.toMilliseconds() > 0, 'alarmThresholds.replicaLag', 'a lag of 0 is always in alarm', 'Use a positive duration.');
  }

  v.throwIfInvalid();
  return subnets!;
}

/** The subnets a database goes in: never public; undefined (with the problem recorded) when there are none. */
export function resolveSubnets(v: PropsValidator, vpc: ec2.IVpc, vpcSubnets: ec2.SubnetSelection | undefined): ResolvedSubnets | undefined {
  const props = { vpc, vpcSubnets };
  const selection = props.vpcSubnets ?? defaultSubnetSelection(props.vpc);
  if (!selection) {
    v.require(false, 'vpc', 'the VPC has no isolated or private subnets, and a database must not be placed in public subnets',
      'Add PRIVATE_ISOLATED subnets to the VPC (ec2.Vpc subnetConfiguration), or pass vpcSubnets.');
    return undefined;
  }
  if (selection.subnetType === ec2.SubnetType.PUBLIC) {
    v.require(false, 'vpcSubnets', 'public subnets would give the database a route from the internet',
      'Select private subnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED } or PRIVATE_WITH_EGRESS.');
    return undefined;
  }
  let subnets: ec2.ISubnet[];
  try {
    subnets = props.vpc.selectSubnets(selection).subnets;
  } catch (e) {
    v.require(false, 'vpcSubnets', `the selection matches no subnets of the VPC (${(e as Error).message})`,
      'Select subnet types or subnets that exist in the VPC.');
    return undefined;
  }
  const publicIds = new Set(props.vpc.publicSubnets.map(s => s.subnetId));
  if (subnets.some(s => publicIds.has(s.subnetId))) {
    v.require(false, 'vpcSubnets', 'the selection includes public subnets, which would give the database a route from the internet',
      'Select only private subnets.');
    return undefined;
  }
  return { selection, subnets };
}

export function validateDays(v: PropsValidator, value: Duration | undefined, property: string, min: number, max: number, fix: string): void {
  if (value === undefined || value.isUnresolved()) return;
  const days = value.toDays({ integral: false });
  v.require(Number.isInteger(days) && days >= min && days <= max, property,
    `${value.toHumanString()} is not a whole number of days from ${min} to ${max}`, fix);
}

export function positiveSize(v: PropsValidator, size: Size | undefined, property: string): void {
  if (size === undefined || size.isUnresolved()) return;
  v.require(size.toBytes({ rounding: SizeRoundingBehavior.NONE }) > 0, property, 'a threshold of 0 never alarms', 'Use a positive size.');
}

/** A Region name such as `eu-west-1` or `us-gov-west-1`. */
export const REGION_NAME = /^[a-z]{2}(-[a-z]+)+-\d+$/;
/** An RDS identifier: a letter, then letters, digits and single hyphens, at most 63 characters, not ending in a hyphen. */
const RDS_IDENTIFIER = /^[a-zA-Z](?!.*--)[a-zA-Z0-9-]{0,62}$/;

function validateSecondaryRegions(v: PropsValidator, scope: IConstruct, props: ReplicatedDatabaseProps, topology: DatabaseTopology): void {
  const regions = props.secondaryRegions;
  const identifier = props.globalClusterIdentifier;
  if (regions === undefined || regions.length === 0) {
    v.require(identifier === undefined, 'globalClusterIdentifier', 'is set, but without secondaryRegions there is no global database to name',
      "Give secondaryRegions (for example ['eu-central-1']), or remove globalClusterIdentifier.");
    return;
  }
  const own = Stack.of(scope).region;
  v.require(!Token.isUnresolved(own), 'secondaryRegions', 'the database\'s stack has no Region, so no other Region can be told apart from it',
    "Give the stack an env with its account and Region (new Stack(app, 'Primary', { env: { account, region: 'eu-west-1' } })).");
  const seen = new Set<string>();
  regions.forEach((region, i) => {
    if (Token.isUnresolved(region)) return;
    const property = `secondaryRegions[${i}]`;
    if (!REGION_NAME.test(region)) {
      v.require(false, property, `'${region}' is not a Region name`, "Give a Region such as 'eu-central-1'.");
    } else if (region === own) {
      v.require(false, property, `'${region}' is the database's own Region, so a copy there does not survive the loss of the Region`,
        'Give another Region, such as the Region of the standby stack.');
    } else if (seen.has(region)) {
      v.require(false, property, `'${region}' is given twice`, 'Give each Region once.');
    }
    seen.add(region);
  });
  if (topology.kind === DatabaseTopologyKind.AURORA_CLUSTER) {
    v.require(topology._impl.engine.engineVersion?.fullVersion !== undefined, 'topology.engine',
      'has no version, and every cluster of a global database must run the same engine version for managed switchover and failover',
      'Give the engine a version, for example rds.DatabaseClusterEngine.auroraPostgres({ version: rds.AuroraPostgresEngineVersion.VER_17_5 }).');
  } else {
    v.require(identifier === undefined, 'globalClusterIdentifier', `is set, but a ${topology.kind === DatabaseTopologyKind.MULTI_AZ_INSTANCE ? 'Multi-AZ DB instance' : 'Multi-AZ DB cluster'} does not join a global database`,
      'Remove globalClusterIdentifier; it names Aurora global databases only.');
  }
  if (identifier !== undefined && !Token.isUnresolved(identifier)) {
    v.require(RDS_IDENTIFIER.test(identifier) && !identifier.endsWith('-'), 'globalClusterIdentifier', `'${identifier}' is not a valid global cluster identifier`,
      'Use 1 to 63 letters, digits and hyphens, starting with a letter, without two hyphens in a row or a hyphen at the end.');
  }
}
