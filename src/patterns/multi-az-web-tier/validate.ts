import { Duration, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import { MultiAzWebTierProps } from './props';
import { PropsValidator } from '../common/validate-props';

/** Zones of a new VPC when `maxAzs` is not set. */
export const DEFAULT_MAX_AZS = 3;

/**
 * The capacity that still leaves `needed` after losing the largest share of one of `zones`
 * zones, and at least one per zone: `max(zones, ceil(needed × zones / (zones − 1)))`.
 */
export function staticallyStableMinimum(needed: number, zones: number): number {
  return Math.max(zones, Math.ceil((needed * zones) / (zones - 1)));
}

/** Checks the props that do not depend on the VPC. */
export function validateProps(v: PropsValidator, props: MultiAzWebTierProps): void {
  if (props.vpc && props.maxAzs !== undefined) {
    v.require(false, 'maxAzs', 'only applies to the VPC the tier creates, and a vpc was given',
      'Remove maxAzs, and choose the zones of the given VPC with computeSubnets.');
  } else if (props.maxAzs !== undefined && !Token.isUnresolved(props.maxAzs)) {
    v.require(props.maxAzs >= 2, 'maxAzs', `${props.maxAzs} is below 2: a tier in one Availability Zone goes down with it`,
      'Set maxAzs to 2 or more (3, the default, keeps two thirds of the capacity when a zone fails).')
      .integer(props.maxAzs, 'maxAzs');
  }

  props.compute._validate(v);

  const hc = props.healthCheck ?? {};
  if (hc.path !== undefined && !Token.isUnresolved(hc.path)) {
    v.require(hc.path.startsWith('/') && hc.path.length <= 1024, 'healthCheck.path', `'${hc.path}' is not a path`,
      "Use a path that starts with '/' and has at most 1024 characters, e.g. '/health'.");
  }
  const interval = seconds(hc.interval);
  const timeout = seconds(hc.timeout);
  v.range(interval, 'healthCheck.interval', 5, 300, 'Use 5 to 300 seconds (10 detects a failed target in about 20 seconds).')
    .range(timeout, 'healthCheck.timeout', 2, 120, 'Use 2 to 120 seconds, shorter than the interval.')
    .range(hc.healthyThresholdCount, 'healthCheck.healthyThresholdCount', 2, 10, 'Use 2 to 10 consecutive checks.')
    .integer(hc.healthyThresholdCount, 'healthCheck.healthyThresholdCount')
    .range(hc.unhealthyThresholdCount, 'healthCheck.unhealthyThresholdCount', 2, 10, 'Use 2 to 10 consecutive checks.')
    .integer(hc.unhealthyThresholdCount, 'healthCheck.unhealthyThresholdCount');
  const effectiveInterval = interval ?? (hc.interval === undefined ? 10 : undefined);
  const effectiveTimeout = timeout ?? (hc.timeout === undefined ? 5 : undefined);
  if (effectiveInterval !== undefined && effectiveTimeout !== undefined) {
    v.require(effectiveTimeout < effectiveInterval, 'healthCheck.timeout',
      `${effectiveTimeout} seconds is not shorter than the interval of ${effectiveInterval} seconds`,
      'Make the timeout shorter than healthCheck.interval.');
  }
  if (hc.healthyHttpCodes !== undefined && !Token.isUnresolved(hc.healthyHttpCodes)) {
    v.require(/^[1-5]\d\d(-[1-5]\d\d)?(,[1-5]\d\d(-[1-5]\d\d)?)*$/.test(hc.healthyHttpCodes), 'healthCheck.healthyHttpCodes',
      `'${hc.healthyHttpCodes}' is not a list of HTTP codes`, "Use codes and ranges such as '200', '200-299' or '200,204'.");
  }

  v.range(seconds(props.deregistrationDelay), 'deregistrationDelay', 0, 3600,
    'Use 0 to 3600 seconds: long enough for in-flight requests to finish (30 suits most web applications).');

  const scaling = props.scaling ?? {};
  v.range(scaling.targetCpuUtilizationPercent, 'scaling.targetCpuUtilizationPercent', 1, 100,
    'Use 1 to 100 percent; lower leaves more headroom for a traffic spike while new capacity starts.')
    .range(scaling.targetRequestsPerMinute, 'scaling.targetRequestsPerMinute', 1, Number.MAX_SAFE_INTEGER,
      'Use the requests per minute one instance or task serves comfortably, 1 or more.');

  const thresholds = props.alarmThresholds ?? {};
  v.range(thresholds.loadBalancer5xxPercent, 'alarmThresholds.loadBalancer5xxPercent', 0.1, 100,
    'Use a share of requests from 0.1 to 100 percent.');
  const responseTime = thresholds.targetResponseTime;
  if (responseTime !== undefined && !responseTime.isUnresolved()) {
    v.require(responseTime.toMilliseconds() > 0, 'alarmThresholds.targetResponseTime', 'is zero',
      'Use the response time (p99) above which users notice, e.g. Duration.seconds(1).');
  }
}

/** Where the tier runs: its compute and load balancer subnets, and the distinct zones of the compute. */
export interface TierPlacement {
  readonly computeSubnets: ec2.SelectedSubnets;
  readonly loadBalancerSubnets: ec2.SelectedSubnets;
  readonly zones: string[];
}

/**
 * Selects the compute and load balancer subnets of a VPC and records every problem: fewer than
 * two zones, subnets whose zones are unknown, load balancer zones that miss compute zones.
 */
export function resolvePlacement(v: PropsValidator, vpc: ec2.IVpc, props: MultiAzWebTierProps): TierPlacement | undefined {
  const internetFacing = props.internetFacing ?? true;
  const vpcName = Token.isUnresolved(vpc.vpcId) ? `'${vpc.node.path}'` : vpc.vpcId;
  const computeProperty = props.computeSubnets ? 'computeSubnets' : 'vpc';
  const twoZonesFix = 'Give a VPC with private subnets in at least two Availability Zones, or select subnets in two or more zones with computeSubnets.';

  const computeSelection = props.computeSubnets ?? defaultComputeSubnets(vpc);
  if (!computeSelection) {
    v.require(false, 'vpc', `VPC ${vpcName} has no private subnets, and the instances or tasks must not be reachable from the internet`, twoZonesFix);
    return undefined;
  }
  const computeSubnets = select(v, vpc, computeSelection, computeProperty, twoZonesFix);
  if (!computeSubnets) return undefined;
  const zones = zonesOf(v, computeSubnets, computeProperty);
  if (!zones) return undefined;
  if (zones.length < 2) {
    const where = zones.length ? ` (${zones.join(', ')})` : '';
    v.require(false, computeProperty, `the compute subnets of VPC ${vpcName} are in ${zones.length} Availability Zone${where}, `
      + 'so losing that zone stops the tier', twoZonesFix);
    return undefined;
  }

  const lbProperty = props.loadBalancerSubnets ? 'loadBalancerSubnets' : internetFacing ? 'internetFacing' : 'vpc';
  const lbFix = internetFacing
    ? 'Give a VPC with public subnets in every zone of the compute subnets, choose them with loadBalancerSubnets, or set internetFacing to false.'
    : 'Choose subnets in every zone of the compute subnets with loadBalancerSubnets.';
  if (!props.loadBalancerSubnets && internetFacing && vpc.publicSubnets.length === 0) {
    v.require(false, 'internetFacing', `VPC ${vpcName} has no public subnets for an internet-facing load balancer`, lbFix);
    return undefined;
  }
  const lbSelection = props.loadBalancerSubnets ?? (internetFacing ? { subnetType: ec2.SubnetType.PUBLIC } : computeSelection);
  const loadBalancerSubnets = select(v, vpc, { ...lbSelection, onePerAz: true }, lbProperty, lbFix);
  if (!loadBalancerSubnets) return undefined;
  const lbZones = zonesOf(v, loadBalancerSubnets, lbProperty);
  if (!lbZones) return undefined;
  if (lbZones.length < 2) {
    v.require(false, lbProperty, `the load balancer subnets are in ${lbZones.length} Availability Zone, and an Application Load Balancer needs two`, lbFix);
    return undefined;
  }
  if ([...zones, ...lbZones].every(z => !Token.isUnresolved(z))) {
    const missing = zones.filter(z => !lbZones.includes(z));
    v.require(missing.length === 0, lbProperty, `the load balancer has no subnet in ${missing.join(', ')}, where compute runs, `
      + 'so the targets there would get no traffic', lbFix);
  }
  return { computeSubnets, loadBalancerSubnets, zones };
}

/** The private subnets with egress, else the isolated ones, else none. */
function defaultComputeSubnets(vpc: ec2.IVpc): ec2.SubnetSelection | undefined {
  if (vpc.privateSubnets.length) return { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS };
  if (vpc.isolatedSubnets.length) return { subnetType: ec2.SubnetType.PRIVATE_ISOLATED };
  return undefined;
}

function select(v: PropsValidator, vpc: ec2.IVpc, selection: ec2.SubnetSelection, property: string, fix: string): ec2.SelectedSubnets | undefined {
  try {
    const selected = vpc.selectSubnets(selection);
    if (selected.subnets.length) return selected;
    v.require(false, property, 'selects no subnets', fix);
  } catch (e) {
    v.require(false, property, `cannot be selected (${(e as Error).message.replace(/\.$/, '')})`, fix);
  }
  return undefined;
}

function zonesOf(v: PropsValidator, selected: ec2.SelectedSubnets, property: string): string[] | undefined {
  const zones: string[] = [];
  for (const subnet of selected.subnets) {
    let zone: string;
    try {
      zone = subnet.availabilityZone;
    } catch {
      v.require(false, property, `the Availability Zone of subnet ${subnet.subnetId} is not known, so the spread of the tier cannot be checked`,
        'Import subnets with their zones (ec2.Subnet.fromSubnetAttributes, or ec2.Vpc.fromVpcAttributes with availabilityZones).');
      return undefined;
    }
    if (!zones.includes(zone)) zones.push(zone);
  }
  return zones;
}

/** A duration in seconds, or undefined when absent or a token. */
function seconds(d: Duration | undefined): number | undefined {
  return d === undefined || d.isUnresolved() ? undefined : d.toSeconds({ integral: false });
}

/** The computed capacity of the tier. */
export interface CapacityPlan {
  readonly minimum: number;
  readonly maximum: number;
  /** True when `needed` is a token, so the minimum is `needed` itself, not computed. */
  readonly unresolved: boolean;
}

/** Computes the statically stable minimum and checks it against the maximum. */
export function planCapacity(v: PropsValidator, props: MultiAzWebTierProps, zoneCount: number | undefined): CapacityPlan | undefined {
  const { needed, maximum } = props.capacity;
  if (Token.isUnresolved(needed)) {
    v.require(maximum !== undefined, 'capacity.maximum', 'is not set, and its default (twice the minimum) cannot be computed from a capacity.needed that is a token',
      'Set capacity.maximum.');
    return maximum === undefined ? undefined : { minimum: needed, maximum, unresolved: true };
  }
  v.require(needed >= 1, 'capacity.needed', `${needed} is below 1`,
    'Set it to the number of instances or tasks the application needs at peak, 1 or more.')
    .integer(needed, 'capacity.needed');
  if (needed < 1 || !Number.isInteger(needed) || zoneCount === undefined) return undefined;

  const minimum = staticallyStableMinimum(needed, zoneCount);
  const max = maximum ?? 2 * minimum;
  if (Token.isUnresolved(max)) return { minimum, maximum: max, unresolved: false };
  const why = `the minimum of ${minimum} that keeps ${needed} in service after losing one of ${zoneCount} Availability Zones`;
  v.integer(max, 'capacity.maximum')
    .require(max >= minimum, 'capacity.maximum', `${max} is below ${why}`,
      `Raise capacity.maximum to at least ${minimum}${props.compute._needsHeadroom ? ` (above ${minimum} with EC2)` : ''}, or lower capacity.needed.`);
  if (max >= minimum && props.compute._needsHeadroom) {
    v.require(max > minimum, 'capacity.maximum', `${max} equals ${why}, which leaves rolling updates no room to launch replacements `
      + `while keeping ${minimum} instances in service`, `Raise capacity.maximum above ${minimum}.`);
  }
  return { minimum, maximum: max, unresolved: false };
}
