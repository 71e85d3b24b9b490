import { RuleCategory, Severity } from '../types';
import { placementOf } from './placement';
import { configRule, decideSpread, fail, PASS, Rule, undecided, unknown, WA } from './rule';

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
