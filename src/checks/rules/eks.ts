import { RuleCategory, Severity } from '../types';
import { placementOf } from './placement';
import { decideSpread, fail, Outcome, PASS, Rule, unknown, WA } from './rule';
import type { Resource } from '../model/template-model';

/** An unknown outcome for a value that is not decided: set at deploy time, or not set and without a documented default. */
function notDecided(r: Resource, path: string, known: { readonly reason: string }): Outcome {
  return r.has(path)
    ? unknown(path, `${path} is ${known.reason}, so this can only be decided at deploy time.`)
    : unknown(path, `${path} is not set and has no documented default, so this cannot be decided from the template.`);
}

export const EKS_NODEGROUP_MULTI_AZ: Rule = {
  id: 'HA-EKS1',
  title: 'EKS managed node group is in one Availability Zone',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::EKS::Nodegroup'],
  explanation:
    'A managed node group launches its nodes only in the subnets it is given. With subnets in one zone, a zone failure takes '
    + 'every node of the group down at once, and the pods scheduled on it have nowhere to go unless another group spans other zones.',
  flags: 'A node group whose `Subnets` are in fewer than two zones.',
  defaults: 'Subnets without an explicit `AvailabilityZone` are placed by AWS, so their zone is undecided.',
  remediation: 'Give the node group subnets in at least two Availability Zones (CDK: `subnets` selecting one subnet per zone; the default '
    + 'is the cluster VPC\'s private subnets).',
  references: [
    { label: 'Simplify node lifecycle with managed node groups', url: 'https://docs.aws.amazon.com/eks/latest/userguide/managed-node-groups.html' },
    WA.REL10_BP01,
  ],
  evaluate(r, ctx) {
    const placement = placementOf(r, ctx, [{ subnets: 'Subnets' }]);
    if (!placement) return unknown('Subnets', `Node group ${r.logicalId} names no subnets.`);
    if ('undecided' in placement) return unknown(placement.property, `${placement.undecided}, so the zones of node group ${r.logicalId} are decided at deploy time.`);
    if ('allZones' in placement) return PASS;
    return decideSpread(placement.spread, placement.property, `Node group ${r.logicalId}`,
      'a zone failure stops every node of the group at once.');
  },
};

export const EKS_NODEGROUP_MIN_SIZE: Rule = {
  id: 'HA-EKS2',
  title: 'EKS managed node group can scale in to fewer than two nodes',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::EKS::Nodegroup'],
  explanation:
    'With a minimum size of 1, the node group (or the cluster autoscaler) may run a single node: when it fails, or while it is '
    + 'replaced during an update, every pod on it is unschedulable until a new node joins, and pods spread across zones '
    + 'cannot be, because there is only one node.',
  flags: 'A node group with `ScalingConfig.MinSize` below 2.',
  defaults: 'When `ScalingConfig` is absent the sizes are chosen by EKS and are not documented for CloudFormation, so the result is unknown; '
    + 'CDK\'s `minSize` defaults to 1.',
  remediation: 'Set `ScalingConfig.MinSize` to at least 2, one node per zone the group spans (CDK: `minSize: 2`).',
  references: [WA.REL11_BP05, WA.REL10_BP01],
  evaluate(r) {
    const min = r.num('ScalingConfig.MinSize');
    if (!min.known) return notDecided(r, 'ScalingConfig.MinSize', min);
    if (min.value >= 2) return PASS;
    return fail('ScalingConfig.MinSize', `Node group ${r.logicalId} has ScalingConfig.MinSize ${min.value}: it may run on a single node, whose failure `
      + 'leaves its pods with nowhere to run until a replacement joins.');
  },
};

/** Every EKS rule; register these in the rule index. */
export const EKS_RULES: readonly Rule[] = [EKS_NODEGROUP_MULTI_AZ, EKS_NODEGROUP_MIN_SIZE];
