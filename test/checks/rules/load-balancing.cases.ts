import { withSubnets } from './builders';
import { RuleCases } from './cases';
import { LB_MULTI_AZ } from '../../../src/checks/rules/load-balancing';
import { az, res, template } from '../../helpers/templates';

export const LOAD_BALANCING_CASES: RuleCases[] = [
  {
    rule: LB_MULTI_AZ,
    compliant: {
      'an ALB in two zones': { template: withSubnets([az(0), az(1)], s => res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: s })), target: 'R' },
      'an NLB with subnet mappings in two zones': { template: withSubnets([az(0), az(1)], s => res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'network', SubnetMappings: s.map(x => ({ SubnetId: x })) })), target: 'R' },
      'a Classic Load Balancer in every zone': { template: template({ R: res('AWS::ElasticLoadBalancing::LoadBalancer', { AvailabilityZones: { 'Fn::GetAZs': '' } }) }), target: 'R' },
    },
    nonCompliant: {
      'an NLB in one subnet': { template: withSubnets([az(0)], s => res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'network', Subnets: s })), target: 'R', message: /Load balancer R is in one Availability Zone/ },
      'a Classic Load Balancer in one zone': { template: template({ R: res('AWS::ElasticLoadBalancing::LoadBalancer', { AvailabilityZones: ['us-east-1a'] }) }), target: 'R' },
    },
    unknown: {
      'subnets from a parameter': { template: withSubnets([], () => res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: { Ref: 'Subnets' } })), target: 'R' },
      'subnets whose zones AWS picks': { template: withSubnets([undefined, undefined], s => res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: s })), target: 'R' },
    },
    notApplicable: {
      'a target group alone': { template: template({ TG: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80 }) }) },
    },
  },
];
