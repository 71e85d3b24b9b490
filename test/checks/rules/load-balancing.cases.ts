import { withSubnets, Zone } from './builders';
import { RuleCases } from './cases';
import {
  CLB_CONNECTION_DRAINING, CLB_CROSS_ZONE, ELBV2_DELETION_PROTECTION, LB_MULTI_AZ, NLB_CROSS_ZONE, STATIC_TARGETS, TARGET_GROUP_HEALTH_CHECK,
} from '../../../src/checks/rules/load-balancing';
import { az, res, subnet, template } from '../../helpers/templates';

const params = { Parameters: { P: { Type: 'String' }, Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' } } };
const attrs = (pairs: Record<string, unknown>) => Object.entries(pairs).map(([Key, Value]) => ({ Key, Value }));

/**
 * A Network Load Balancer `R` in subnets of the given zones, with a listener forwarding to target group `TG`,
 * whose targets come from an Auto Scaling group in the zones of `targetZones` (or none).
 */
function nlb(zones: Zone[], targetZones: Zone[] | undefined, lbExtra: object = {}, tgExtra: object = {}) {
  const resources: Record<string, object> = {};
  zones.forEach((zone, i) => { resources[`S${i}`] = subnet(zone); });
  (targetZones ?? []).forEach((zone, i) => { resources[`T${i}`] = subnet(zone); });
  resources.R = res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'network', Subnets: zones.map((_, i) => ({ Ref: `S${i}` })), ...lbExtra });
  resources.TG = res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80, Protocol: 'TCP', VpcId: 'vpc-1', ...tgExtra });
  resources.L = res('AWS::ElasticLoadBalancingV2::Listener', { LoadBalancerArn: { Ref: 'R' }, Port: 80, Protocol: 'TCP', DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'TG' } }] });
  if (targetZones) {
    resources.Asg = res('AWS::AutoScaling::AutoScalingGroup', { MinSize: 2, MaxSize: 4, TargetGroupARNs: [{ Ref: 'TG' }], VPCZoneIdentifier: targetZones.map((_, i) => ({ Ref: `T${i}` })) });
  }
  return template(resources, params);
}

const instance = (zone: object | string, extra: object = {}) => res('AWS::EC2::Instance', { ImageId: 'ami-1', AvailabilityZone: zone, ...extra });

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
  {
    rule: NLB_CROSS_ZONE,
    compliant: {
      'cross-zone on at the load balancer': { template: nlb([az(0), az(1)], undefined, { LoadBalancerAttributes: attrs({ 'load_balancing.cross_zone.enabled': 'true' }) }), target: 'R' },
      'cross-zone on in every target group': { template: nlb([az(0), az(1)], undefined, {}, { TargetGroupAttributes: attrs({ 'load_balancing.cross_zone.enabled': true }) }), target: 'R' },
      'cross-zone off, but targets in every zone': { template: nlb([az(0), az(1)], [az(0), az(1)]), target: 'R' },
    },
    nonCompliant: {
      'cross-zone off and a zone without targets': {
        template: nlb([az(0), az(1)], [az(0)]),
        target: 'R',
        message: /cross-zone load balancing not enabled \(it is off by default\), and no target in zone 2 of the Region/,
        severity: 'warning',
      },
      'cross-zone turned off, targets not in the template': {
        template: nlb([az(0), az(1)], undefined, { LoadBalancerAttributes: attrs({ 'load_balancing.cross_zone.enabled': 'false' }) }),
        target: 'R',
        message: /cross-zone load balancing off: each node sends traffic only to targets in its own zone/,
      },
      'a Gateway Load Balancer with defaults': { template: template({ R: res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'gateway', Subnets: ['subnet-1', 'subnet-2'] }) }), target: 'R', message: /Gateway Load Balancer R/ },
    },
    unknown: {
      'the attribute from a parameter': { template: nlb([az(0), az(1)], undefined, { LoadBalancerAttributes: attrs({ 'load_balancing.cross_zone.enabled': { Ref: 'P' } }) }), target: 'R', message: /parameter P/ },
      'the load balancer type from a parameter': { template: template({ R: res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: { Ref: 'P' } }) }, params), target: 'R' },
    },
    notApplicable: {
      'an Application Load Balancer': { template: withSubnets([az(0), az(1)], s => res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: s })), target: 'R' },
    },
  },
  {
    rule: ELBV2_DELETION_PROTECTION,
    compliant: {
      'deletion protection on': { template: template({ R: res('AWS::ElasticLoadBalancingV2::LoadBalancer', { LoadBalancerAttributes: attrs({ 'idle_timeout.timeout_seconds': '60', 'deletion_protection.enabled': 'true' }) }) }), target: 'R' },
      'deletion protection on, as a boolean': { template: template({ R: res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'network', LoadBalancerAttributes: attrs({ 'deletion_protection.enabled': true }) }) }), target: 'R' },
    },
    nonCompliant: {
      'no attributes': { template: template({ R: res('AWS::ElasticLoadBalancingV2::LoadBalancer', {}) }), target: 'R', message: /deletion protection not enabled/ },
      'deletion protection off': { template: template({ R: res('AWS::ElasticLoadBalancingV2::LoadBalancer', { LoadBalancerAttributes: attrs({ 'deletion_protection.enabled': 'false' }) }) }), target: 'R', message: /turned off/ },
    },
    unknown: {
      'the value from a parameter': { template: template({ R: res('AWS::ElasticLoadBalancingV2::LoadBalancer', { LoadBalancerAttributes: attrs({ 'deletion_protection.enabled': { Ref: 'P' } }) }) }, params), target: 'R', message: /parameter P/ },
      'the attributes behind a condition': {
        template: template({ R: res('AWS::ElasticLoadBalancingV2::LoadBalancer', { LoadBalancerAttributes: { 'Fn::If': ['Prod', attrs({ 'deletion_protection.enabled': 'true' }), []] } }) }, { ...params, Conditions: { Prod: { 'Fn::Equals': [{ Ref: 'P' }, 'prod'] } } }),
        target: 'R',
      },
    },
    notApplicable: {
      'a Classic Load Balancer only': { template: template({ C: res('AWS::ElasticLoadBalancing::LoadBalancer', { Listeners: [] }) }) },
    },
  },
  {
    rule: CLB_CROSS_ZONE,
    compliant: {
      'cross-zone on': { template: template({ R: res('AWS::ElasticLoadBalancing::LoadBalancer', { CrossZone: true }) }), target: 'R' },
      'cross-zone on, as a string': { template: template({ R: res('AWS::ElasticLoadBalancing::LoadBalancer', { CrossZone: 'true' }) }), target: 'R' },
    },
    nonCompliant: {
      'cross-zone not set': { template: template({ R: res('AWS::ElasticLoadBalancing::LoadBalancer', {}) }), target: 'R', message: /not enabled \(CrossZone is not set\)/ },
      'cross-zone off': { template: template({ R: res('AWS::ElasticLoadBalancing::LoadBalancer', { CrossZone: false }) }), target: 'R', message: /turned off/ },
    },
    unknown: {
      'cross-zone from a parameter': { template: template({ R: res('AWS::ElasticLoadBalancing::LoadBalancer', { CrossZone: { Ref: 'P' } }) }, params), target: 'R' },
    },
    notApplicable: {
      'an Application Load Balancer only': { template: template({ A: res('AWS::ElasticLoadBalancingV2::LoadBalancer', {}) }) },
    },
  },
  {
    rule: CLB_CONNECTION_DRAINING,
    compliant: {
      'draining on': { template: template({ R: res('AWS::ElasticLoadBalancing::LoadBalancer', { ConnectionDrainingPolicy: { Enabled: true, Timeout: 300 } }) }), target: 'R' },
    },
    nonCompliant: {
      'no draining policy': { template: template({ R: res('AWS::ElasticLoadBalancing::LoadBalancer', {}) }), target: 'R', message: /does not drain connections/ },
      'draining off': { template: template({ R: res('AWS::ElasticLoadBalancing::LoadBalancer', { ConnectionDrainingPolicy: { Enabled: 'false' } }) }), target: 'R' },
    },
    unknown: {
      'draining from a parameter': { template: template({ R: res('AWS::ElasticLoadBalancing::LoadBalancer', { ConnectionDrainingPolicy: { Enabled: { Ref: 'P' } } }) }, params), target: 'R' },
    },
    notApplicable: {
      'an Application Load Balancer only': { template: template({ A: res('AWS::ElasticLoadBalancingV2::LoadBalancer', {}) }) },
    },
  },
  {
    rule: TARGET_GROUP_HEALTH_CHECK,
    compliant: {
      'an HTTP target group with a health path': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Protocol: 'HTTP', Port: 80, HealthCheckPath: '/health' }) }), target: 'R' },
      'a TCP target group with the default TCP check': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Protocol: 'TCP', Port: 443 }) }), target: 'R' },
      'a gRPC target group': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Protocol: 'HTTP', ProtocolVersion: 'GRPC', Port: 50051 }) }), target: 'R' },
    },
    nonCompliant: {
      'health checks turned off': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Protocol: 'HTTP', HealthCheckEnabled: 'false' }) }), target: 'R', message: /turns health checks off/, severity: 'error' },
      'the default path on an HTTP target group': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Protocol: 'HTTPS', Port: 443 }) }), target: 'R', message: /default path "\/"/ },
      'an HTTP check on a TCP target group without a path': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Protocol: 'TCP', HealthCheckProtocol: 'HTTP' }) }), target: 'R' },
    },
    unknown: {
      'health checks from a parameter': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Protocol: 'HTTP', HealthCheckEnabled: { Ref: 'P' } }) }, params), target: 'R' },
      'the health check protocol from a parameter, no path': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Protocol: 'TCP', HealthCheckProtocol: { Ref: 'P' } }) }, params), target: 'R' },
    },
    notApplicable: {
      'a Lambda target group': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'lambda', Targets: [{ Id: 'arn:fn' }] }) }), target: 'R' },
    },
  },
  {
    rule: STATIC_TARGETS,
    compliant: {
      'two instances in two zones': {
        template: template({ A: instance('eu-west-1a'), B: instance('eu-west-1b'), R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80, Targets: [{ Id: { Ref: 'A' } }, { Id: { Ref: 'B' } }] }) }),
        target: 'R',
      },
      'IP targets with their zones': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'ip', Targets: [{ Id: '10.0.0.1', AvailabilityZone: 'eu-west-1a' }, { Id: '10.0.1.1', AvailabilityZone: 'eu-west-1b' }] }) }), target: 'R' },
      'two on-premises IP targets': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'ip', Targets: [{ Id: '192.168.0.1', AvailabilityZone: 'all' }, { Id: '192.168.0.2', AvailabilityZone: 'all' }] }) }), target: 'R' },
      'Classic Load Balancer instances in two zones': { template: template({ A: instance(az(0)), B: instance(az(1)), R: res('AWS::ElasticLoadBalancing::LoadBalancer', { Instances: [{ Ref: 'A' }, { Ref: 'B' }] }) }), target: 'R' },
    },
    nonCompliant: {
      'one IP target': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'ip', Targets: [{ Id: '10.0.0.1' }] }) }), target: 'R', message: /Target group R has a single static target/ },
      'two instances in one zone': {
        template: template({ A: instance('eu-west-1a'), B: instance('eu-west-1a'), R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80, Targets: [{ Id: { Ref: 'A' } }, { Id: { Ref: 'B' } }] }) }),
        target: 'R',
        message: /Every static target of target group R is in one Availability Zone \(eu-west-1a\)/,
      },
    },
    unknown: {
      'targets from a condition': {
        template: template({ A: instance('eu-west-1a'), R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Targets: { 'Fn::If': ['Two', [{ Id: { Ref: 'A' } }, { Id: 'i-2' }], [{ Id: { Ref: 'A' } }]] } }) }, { ...params, Conditions: { Two: { 'Fn::Equals': [{ Ref: 'P' }, '2'] } } }),
        target: 'R',
      },
      'two instances whose zones AWS picks': {
        template: template({ A: res('AWS::EC2::Instance', { ImageId: 'ami-1' }), B: res('AWS::EC2::Instance', { ImageId: 'ami-1' }), R: res('AWS::ElasticLoadBalancing::LoadBalancer', { Instances: [{ Ref: 'A' }, { Ref: 'B' }] }) }),
        target: 'R',
        message: /AWS places it/,
      },
    },
    notApplicable: {
      'targets registered by an Auto Scaling group': {
        template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80, Targets: [{ Id: 'i-1' }] }), Asg: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: 2, MaxSize: 2, TargetGroupARNs: [{ Ref: 'R' }] }) }),
        target: 'R',
      },
      'no static targets': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80 }) }), target: 'R' },
      'a single instance target, which the instance rule reports': { template: template({ A: instance('eu-west-1a'), R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Targets: [{ Id: { Ref: 'A' } }] }) }), target: 'R' },
      'an ALB target of an NLB': { template: template({ R: res('AWS::ElasticLoadBalancingV2::TargetGroup', { TargetType: 'alb', Targets: [{ Id: 'arn:alb' }] }) }), target: 'R' },
    },
  },
];
