import { RuleCategory, Severity } from '../types';
import { placementOf } from './placement';
import { configRule, decideSpread, PASS, Rule, unknown, WA } from './rule';

export const LB_MULTI_AZ: Rule = {
  id: 'HA-ELB1',
  title: 'Load balancer is in one Availability Zone',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::ElasticLoadBalancingV2::LoadBalancer', 'AWS::ElasticLoadBalancing::LoadBalancer'],
  explanation:
    'A load balancer has nodes only in the zones of its subnets. In one zone, a zone failure takes the entry point of the '
    + 'workload down however many targets survive elsewhere. Network and Gateway Load Balancers accept a single subnet; '
    + 'the ELB SLA is 99.99% for load balancers in several zones and 99.9% for one zone.',
  flags: 'A load balancer whose `Subnets`, `SubnetMappings` or (Classic) `AvailabilityZones` are in fewer than two zones.',
  defaults: 'Subnets without an explicit `AvailabilityZone` are placed by AWS, so their zone is undecided.',
  remediation: 'Attach the load balancer to subnets in at least two Availability Zones (CDK: `vpcSubnets` selecting one subnet per zone).',
  references: [configRule('elbv2-multiple-az'), configRule('clb-multiple-az'), WA.REL10_BP01],
  evaluate(r, ctx) {
    const placement = placementOf(r, ctx, [{ subnets: 'Subnets' }, { subnetMappings: 'SubnetMappings' }, { zones: 'AvailabilityZones' }]);
    if (!placement) return unknown('Subnets', 'No subnets or zones are set: the load balancer is placed in the default VPC.');
    if ('allZones' in placement) return PASS;
    if ('undecided' in placement) return unknown(placement.property, `${placement.undecided}, so the zones of load balancer ${r.logicalId} are decided at deploy time.`);
    return decideSpread(placement.spread, placement.property, `Load balancer ${r.logicalId}`,
      'a zone failure takes the entry point down even if targets in other zones are healthy.');
  },
};
