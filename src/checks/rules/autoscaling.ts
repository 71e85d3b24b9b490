import { isObject, Json } from '../model/json';
import type { Resource } from '../model/template-model';
import { referencedResources } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { placementOf } from './placement';
import { configRule, decideSpread, fail, notApplicable, Outcome, PASS, Rule, RuleContext, undecided, unknown, WA } from './rule';

const ASG_PLACEMENT = [{ subnets: 'VPCZoneIdentifier' }, { zones: 'AvailabilityZones' }] as const;

export const ASG_MULTI_AZ: Rule = {
  id: 'HA-ASG1',
  title: 'Auto Scaling group is in one Availability Zone',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  explanation:
    'An Auto Scaling group launches instances only in the zones of its subnets. In one zone, a zone failure takes every '
    + 'instance down at once and the group cannot replace them anywhere else. EC2 commits to 99.99% only for instances '
    + 'spread over two or more zones.',
  flags: 'An Auto Scaling group whose `VPCZoneIdentifier` subnets (or `AvailabilityZones`) are in fewer than two zones.',
  defaults: 'Subnets without an explicit `AvailabilityZone` are placed by AWS, so their zone is undecided.',
  remediation: 'Give the group subnets in at least two Availability Zones (CDK: `vpcSubnets` selecting subnets in every zone of a multi-AZ VPC).',
  references: [configRule('autoscaling-multiple-az'), WA.REL10_BP01],
  evaluate(r, ctx) {
    const placement = placementOf(r, ctx, ASG_PLACEMENT);
    if (!placement) return unknown('VPCZoneIdentifier', 'Neither VPCZoneIdentifier nor AvailabilityZones is set: the subnets come from the launch template or the default VPC.');
    if ('allZones' in placement) return PASS;
    if ('undecided' in placement) return unknown(placement.property, `${placement.undecided}, so the zones of group ${r.logicalId} are decided at deploy time.`);
    return decideSpread(placement.spread, placement.property, `Auto Scaling group ${r.logicalId}`,
      'a zone failure stops every instance and the group has nowhere else to launch replacements.');
  },
};

export const ASG_MIN_SIZE: Rule = {
  id: 'HA-ASG2',
  title: 'Auto Scaling group can run on fewer than two instances, or fewer instances than zones',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  explanation:
    'With a minimum size of 1, the group may run a single instance: its failure is an outage until a replacement has '
    + 'launched and passed health checks. With fewer instances than zones, some zone has none, so losing a zone that does '
    + 'have them leaves the group short until it scales out again: the tier is not statically stable.',
  flags: 'An Auto Scaling group with `MinSize` below 2 (an error when `MaxSize` is 1 as well), or below the number of zones its subnets span.',
  defaults: '`MinSize` is required; there is no default.',
  remediation: 'Set `MinSize` to at least 2 and at least one instance per Availability Zone; size it so that losing one zone still leaves the capacity you need at peak.',
  references: [WA.REL11_BP05, WA.REL10_BP01],
  evaluate(r, ctx) {
    const min = r.num('MinSize');
    if (!min.known) return undecided('MinSize', min);
    if (min.value < 2) {
      const max = r.num('MaxSize');
      const single = max.known && max.value <= 1;
      return fail('MinSize', `Auto Scaling group ${r.logicalId} has MinSize ${min.value}`
        + (single ? ' and MaxSize 1: it never runs more than one instance, so every instance failure is an outage.'
          : ': it may run a single instance, whose failure is an outage until a replacement is healthy.'),
      single ? Severity.ERROR : undefined);
    }
    const placement = placementOf(r, ctx, ASG_PLACEMENT);
    if (placement && 'spread' in placement && placement.spread.min > min.value) {
      return fail('MinSize', `Auto Scaling group ${r.logicalId} has MinSize ${min.value} across ${placement.spread.min} Availability Zones: `
        + 'some zone may run no instance, so losing a zone that does leaves the group short of capacity.');
    }
    return PASS;
  },
};

const ASG_HEALTH_DOC = { label: 'Health checks for instances in an Auto Scaling group', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-health-checks.html' };
const GRACE_DOC = { label: 'Set the health check grace period for an Auto Scaling group', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/health-check-grace-period.html' };

type NeededChecks = { known: true; types: Set<string>; sources: string[] } | { known: false; reason: string; property: string };

/** Which health check types a group needs for the traffic sources it is attached to, or why that is not known. */
function neededHealthChecks(r: Resource): NeededChecks {
  const types = new Set<string>();
  const sources: string[] = [];
  for (const property of ['TargetGroupARNs', 'LoadBalancerNames']) {
    const list = r.list(property);
    if (!list.known) return { known: false, reason: `${property} is ${list.reason}`, property };
    if (list.value.length) { types.add('ELB'); sources.push(property); }
  }
  const traffic = r.list('TrafficSources');
  if (!traffic.known) return { known: false, reason: `TrafficSources is ${traffic.reason}`, property: 'TrafficSources' };
  for (let i = 0; i < traffic.value.length; i++) {
    const type = r.str(`TrafficSources.${i}.Type`, 'elbv2');
    if (!type.known) return { known: false, reason: `the Type of traffic source ${i} is ${type.reason}`, property: `TrafficSources.${i}.Type` };
    types.add(type.value.toLowerCase() === 'vpc-lattice' ? 'VPC_LATTICE' : 'ELB');
    sources.push('TrafficSources');
  }
  return { known: true, types, sources: [...new Set(sources)] };
}

/** True when a launch lifecycle hook holds new instances until they are ready, which makes a grace period unnecessary. */
function hasLaunchHook(r: Resource, ctx: RuleContext): boolean {
  const launching = (raw: Json | undefined) => typeof raw === 'string' && raw.toLowerCase() === 'autoscaling:ec2_instance_launching';
  const specs = r.properties.LifecycleHookSpecificationList;
  if (Array.isArray(specs) && specs.some(s => isObject(s) && launching(s.LifecycleTransition))) return true;
  return ctx.topology.referrers('AWS::AutoScaling::LifecycleHook', 'AutoScalingGroupName', r.logicalId)
    .some(h => launching(h.properties.LifecycleTransition));
}

export const ASG_ELB_HEALTH_CHECK: Rule = {
  id: 'HA-ASG3',
  title: 'Auto Scaling group behind a load balancer ignores its health checks',
  severity: Severity.WARNING,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  explanation:
    'By default an Auto Scaling group replaces an instance only when EC2 reports it impaired. An instance whose application has '
    + 'hung still passes that check: the load balancer marks it unhealthy and stops sending it traffic, but the group keeps it, '
    + 'so the tier runs with less capacity than it should until someone intervenes. With the ELB (or VPC Lattice) health check, '
    + 'the group replaces it. A grace period keeps the group from replacing new instances that are still starting.',
  flags: 'A group attached to a load balancer (`TargetGroupARNs`, `LoadBalancerNames` or `TrafficSources`) whose `HealthCheckType` '
    + 'does not include `ELB` (or `VPC_LATTICE` for Lattice sources); a note when it does but `HealthCheckGracePeriod` is 0 or absent '
    + 'and no launch lifecycle hook holds new instances.',
  defaults: '`HealthCheckType` defaults to `EC2`; `HealthCheckGracePeriod` defaults to 0 seconds outside the console (AWS documents '
    + 'that 0 turns the grace period off, and that a launch lifecycle hook makes it unnecessary).',
  remediation: 'Set `HealthCheckType: ELB` and a `HealthCheckGracePeriod` that covers instance start-up (CDK: '
    + '`healthChecks: HealthChecks.withAdditionalChecks({ additionalTypes: [AdditionalHealthCheckType.ELB], gracePeriod: Duration.minutes(5) })`).',
  references: [configRule('autoscaling-group-elb-healthcheck-required'), ASG_HEALTH_DOC, GRACE_DOC, WA.REL11_BP03],
  evaluate(r, ctx) {
    const needed = neededHealthChecks(r);
    if (!needed.known) {
      const type = r.str('HealthCheckType', 'EC2');
      if (type.known && /\bELB\b/i.test(type.value)) return PASS;
      return unknown(needed.property, `${needed.reason}, so whether group ${r.logicalId} is behind a load balancer is decided at deploy time.`);
    }
    if (needed.types.size === 0) return notApplicable('not attached to a load balancer');
    const type = r.str('HealthCheckType', 'EC2');
    if (!type.known) return undecided('HealthCheckType', type);
    const have = new Set(type.value.split(',').map(t => t.trim().toUpperCase()));
    const missing = [...needed.types].filter(t => !have.has(t));
    if (missing.length) {
      return fail('HealthCheckType', `Auto Scaling group ${r.logicalId} receives traffic through ${needed.sources.join(' and ')} but uses only `
        + `${type.explicit ? `the ${type.value} health check` : 'EC2 health checks (HealthCheckType is not set)'}: an instance the load balancer `
        + 'finds unhealthy is never replaced, and the group runs short of capacity.');
    }
    if (hasLaunchHook(r, ctx)) return PASS;
    const grace = r.num('HealthCheckGracePeriod', 0);
    if (!grace.known) return undecided('HealthCheckGracePeriod', grace);
    if (grace.value > 0) return PASS;
    return fail('HealthCheckGracePeriod', `Auto Scaling group ${r.logicalId} uses load balancer health checks with no grace period`
      + `${grace.explicit ? '' : ' (HealthCheckGracePeriod is not set)'}: new instances can be found unhealthy and replaced before `
      + 'they finish starting, which slows recovery and scale-out.', Severity.INFO);
  },
};

/** The launch template a launch template specification names, when it is in the template. */
function launchTemplateOf(spec: Json | undefined, ctx: RuleContext): Resource | undefined {
  for (const id of referencedResources(spec, ctx.model)) {
    const r = ctx.model.resource(id);
    if (r?.type === 'AWS::EC2::LaunchTemplate') return r;
  }
  return undefined;
}

/** Whether a group can launch more than one instance type, or why that is not known. */
function instanceDiversity(r: Resource, ctx: RuleContext): Outcome {
  const label = `Auto Scaling group ${r.logicalId}`;
  const consequence = 'when that type runs short of capacity in a zone, the group cannot launch replacements or scale out there.';
  if (r.has('MixedInstancesPolicy')) {
    const overrides = r.list('MixedInstancesPolicy.LaunchTemplate.Overrides');
    if (!overrides.known) return undecided('MixedInstancesPolicy.LaunchTemplate.Overrides', overrides);
    const types = new Set<string>();
    for (let i = 0; i < overrides.value.length; i++) {
      if (r.has(`MixedInstancesPolicy.LaunchTemplate.Overrides.${i}.InstanceRequirements`)) return PASS;
      const path = `MixedInstancesPolicy.LaunchTemplate.Overrides.${i}.InstanceType`;
      if (!r.has(path)) continue;
      const type = r.str(path);
      if (!type.known) return undecided(path, type);
      types.add(type.value);
    }
    if (types.size >= 2) return PASS;
    const template = launchTemplateOf(r.properties.MixedInstancesPolicy, ctx);
    if (template?.has('LaunchTemplateData.InstanceRequirements')) return PASS;
    return fail('MixedInstancesPolicy.LaunchTemplate.Overrides', `${label} has a mixed instances policy with ${types.size ? `one instance type (${[...types][0]})` : 'no instance type overrides'}: ${consequence}`);
  }
  const template = launchTemplateOf(r.properties.LaunchTemplate, ctx);
  if (template?.has('LaunchTemplateData.InstanceRequirements')) return PASS;
  const property = r.has('LaunchTemplate') ? 'LaunchTemplate' : r.has('LaunchConfigurationName') ? 'LaunchConfigurationName' : 'InstanceId';
  return fail(property, `${label} launches a single instance type (no mixed instances policy): ${consequence}`);
}

/** Whether a group runs Spot Instances without capacity rebalancing, or why that is not known. */
function spotRebalance(r: Resource, ctx: RuleContext): Outcome {
  let spot: boolean | undefined = false;
  let reason = '';
  if (r.has('MixedInstancesPolicy')) {
    const share = r.num('MixedInstancesPolicy.InstancesDistribution.OnDemandPercentageAboveBaseCapacity', 100);
    if (!share.known) { spot = undefined; reason = `OnDemandPercentageAboveBaseCapacity is ${share.reason}`; } else if (share.value < 100) {spot = true;}
  }
  const template = launchTemplateOf(r.has('MixedInstancesPolicy') ? r.properties.MixedInstancesPolicy : r.properties.LaunchTemplate, ctx);
  const market = template?.str('LaunchTemplateData.InstanceMarketOptions.MarketType');
  if (market?.known && market.value.toLowerCase() === 'spot') spot = true;
  const configuration = [...referencedResources(r.properties.LaunchConfigurationName, ctx.model)]
    .map(id => ctx.model.resource(id)).find(x => x?.type === 'AWS::AutoScaling::LaunchConfiguration');
  if (configuration?.has('SpotPrice')) spot = true;
  if (spot === false) return PASS;
  const rebalance = r.bool('CapacityRebalance', false);
  if (!rebalance.known) return undecided('CapacityRebalance', rebalance);
  if (rebalance.value) return PASS;
  if (spot === undefined) return unknown('MixedInstancesPolicy.InstancesDistribution.OnDemandPercentageAboveBaseCapacity', `${reason}, so whether group ${r.logicalId} runs Spot Instances is decided at deploy time.`);
  return fail('CapacityRebalance', `Auto Scaling group ${r.logicalId} runs Spot Instances without capacity rebalancing: it replaces an `
    + 'interrupted instance only after it is gone, instead of launching a replacement when EC2 signals the elevated risk.');
}

export const ASG_CAPACITY_DIVERSITY: Rule = {
  id: 'HA-ASG4',
  title: 'Auto Scaling group depends on one instance type, or on Spot without capacity rebalancing',
  severity: Severity.INFO,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::AutoScaling::AutoScalingGroup'],
  explanation:
    'A group that can launch only one instance type cannot replace instances or scale out in a zone where that type runs out '
    + 'of capacity, which happens most during a zone event, when every workload in the Region moves at once. Several instance '
    + 'types (or attribute-based selection) give it other pools to draw from. A group on Spot capacity should also rebalance: '
    + 'with capacity rebalancing it launches replacements as soon as EC2 signals an elevated interruption risk.',
  flags: 'A group without a `MixedInstancesPolicy` that lists two or more instance types or `InstanceRequirements`; a group with Spot '
    + 'Instances and `CapacityRebalance` absent or false.',
  defaults: '`CapacityRebalance` defaults to false; `OnDemandPercentageAboveBaseCapacity` defaults to 100 (no Spot).',
  remediation: 'Use a mixed instances policy with several interchangeable instance types or `InstanceRequirements` (CDK: `mixedInstancesPolicy` '
    + 'with `launchTemplateOverrides` on `AutoScalingGroup`), and set `CapacityRebalance: true` (CDK: `capacityRebalance: true`) when using Spot.',
  references: [
    configRule('autoscaling-multiple-instance-types'),
    configRule('autoscaling-capacity-rebalancing'),
    { label: 'Auto Scaling groups with multiple instance types and purchase options', url: 'https://docs.aws.amazon.com/autoscaling/ec2/userguide/ec2-auto-scaling-mixed-instances-groups.html' },
    WA.REL10_BP01,
  ],
  evaluate(r, ctx) {
    const outcomes = [instanceDiversity(r, ctx), spotRebalance(r, ctx)].filter(o => o.status !== 'pass');
    return outcomes.length ? outcomes : PASS;
  },
};

/** Every Auto Scaling rule, in report order. */
export const AUTOSCALING_RULES: readonly Rule[] = [ASG_MULTI_AZ, ASG_MIN_SIZE, ASG_ELB_HEALTH_CHECK, ASG_CAPACITY_DIVERSITY];
