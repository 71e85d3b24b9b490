import { RuleCases } from './cases';
import type { JsonObject } from '../../../src/checks/model/json';
import { ASG_MIN_SIZE, ASG_MULTI_AZ } from '../../../src/checks/rules/autoscaling';
import { LAMBDA_MULTI_AZ } from '../../../src/checks/rules/lambda';
import { LB_MULTI_AZ } from '../../../src/checks/rules/load-balancing';
import { NAT_PER_AZ } from '../../../src/checks/rules/vpc';
import { az, res, subnet, template } from '../../helpers/templates';

/** A VPC whose private subnets (one per entry of `privateZones`) route to the NAT gateways named in `routes`. */
type Zone = JsonObject | string | undefined;
function vpc(options: { natZones: Zone[]; privateZones: Zone[]; routes: number[]; natExtra?: JsonObject }): JsonObject {
  const resources: JsonObject = { Vpc: res('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }) };
  options.natZones.forEach((zone, i) => {
    resources[`Public${i}`] = subnet(zone);
    resources[`Nat${i}`] = res('AWS::EC2::NatGateway', { SubnetId: { Ref: `Public${i}` }, ...options.natExtra });
  });
  options.privateZones.forEach((zone, i) => {
    resources[`Private${i}`] = subnet(zone);
    resources[`Table${i}`] = res('AWS::EC2::RouteTable', { VpcId: { Ref: 'Vpc' } });
    resources[`Assoc${i}`] = res('AWS::EC2::SubnetRouteTableAssociation', { SubnetId: { Ref: `Private${i}` }, RouteTableId: { Ref: `Table${i}` } });
    resources[`Route${i}`] = res('AWS::EC2::Route', { RouteTableId: { Ref: `Table${i}` }, DestinationCidrBlock: '0.0.0.0/0', NatGatewayId: { Ref: `Nat${options.routes[i]}` } });
  });
  return template(resources, { Parameters: { AzParam: { Type: 'AWS::EC2::AvailabilityZone::Name' } } });
}

/** Two subnets (and the resource under test) in the given zones. */
function withSubnets(zones: (JsonObject | string | undefined)[], resource: (subnets: JsonObject[]) => JsonObject): JsonObject {
  const resources: JsonObject = {};
  zones.forEach((zone, i) => { resources[`S${i}`] = subnet(zone); });
  resources.R = resource(zones.map((_, i) => ({ Ref: `S${i}` })));
  return template(resources, { Parameters: { Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' }, AzParam: { Type: 'String' } } });
}

const asg = (subnets: JsonObject[], extra: JsonObject = {}) => res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '4', VPCZoneIdentifier: subnets, ...extra });

export const NETWORK_CASES: RuleCases[] = [
  {
    rule: NAT_PER_AZ,
    compliant: {
      'one NAT gateway per zone, each zone routed to its own': { template: vpc({ natZones: [az(0), az(1)], privateZones: [az(0), az(1)], routes: [0, 1] }), target: 'Nat0' },
      'literal zones': { template: vpc({ natZones: ['us-east-1a', 'us-east-1b'], privateZones: ['us-east-1a', 'us-east-1b'], routes: [0, 1] }), target: 'Nat1' },
    },
    nonCompliant: {
      'one NAT gateway for two zones': { template: vpc({ natZones: [az(0)], privateZones: [az(0), az(1)], routes: [0, 0] }), target: 'Nat0', message: /Private1 \(zone 2 of the Region\)/ },
      'a subnet routed to the NAT gateway of another zone': { template: vpc({ natZones: [az(0), az(1)], privateZones: [az(0), az(1)], routes: [1, 1] }), target: 'Nat1', message: /Private0/ },
    },
    unknown: {
      'the NAT gateway subnet has no zone': { template: vpc({ natZones: [undefined], privateZones: [az(0), az(1)], routes: [0, 0] }), target: 'Nat0', message: /not known at synth time/ },
      'a private subnet zone from a parameter': { template: vpc({ natZones: [az(0)], privateZones: [az(0), { Ref: 'AzParam' }], routes: [0, 0] }), target: 'Nat0', message: /cannot be compared/ },
    },
    notApplicable: {
      'a regional NAT gateway': { template: vpc({ natZones: [az(0)], privateZones: [az(0), az(1)], routes: [0, 0], natExtra: { AvailabilityMode: 'regional' } }), target: 'Nat0' },
      'a NAT gateway no subnet routes to': { template: vpc({ natZones: [az(0)], privateZones: [], routes: [] }), target: 'Nat0' },
    },
  },
  {
    rule: ASG_MULTI_AZ,
    compliant: {
      'subnets in two zones': { template: withSubnets([az(0), az(1)], asg), target: 'R' },
      'every zone of the Region': { template: template({ R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '4', AvailabilityZones: { 'Fn::GetAZs': '' } }) }), target: 'R' },
      'two literal zones': { template: template({ R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '4', AvailabilityZones: ['eu-west-1a', 'eu-west-1b'] }) }), target: 'R' },
    },
    nonCompliant: {
      'one subnet': { template: withSubnets([az(0)], asg), target: 'R', message: /in one Availability Zone \(zone 1 of the Region\)/ },
      'two subnets in the same zone': { template: withSubnets(['eu-west-1a', 'eu-west-1a'], asg), target: 'R' },
      'one literal zone': { template: template({ R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '4', AvailabilityZones: ['eu-west-1a'] }) }), target: 'R' },
    },
    unknown: {
      'subnets from a parameter': { template: withSubnets([], () => asg([], { VPCZoneIdentifier: { Ref: 'Subnets' } })), target: 'R', message: /parameter Subnets/ },
      'subnets whose zones AWS picks': { template: withSubnets([undefined, undefined], asg), target: 'R', message: /chosen by AWS/ },
      'a zone from a parameter': { template: withSubnets([az(0), { Ref: 'AzParam' }], asg), target: 'R' },
      'neither subnets nor zones': { template: template({ R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '4' }) }), target: 'R' },
    },
    notApplicable: {
      'a launch template alone': { template: template({ LT: res('AWS::EC2::LaunchTemplate', { LaunchTemplateData: {} }) }) },
    },
  },
  {
    rule: ASG_MIN_SIZE,
    compliant: {
      'two instances in two zones': { template: withSubnets([az(0), az(1)], asg), target: 'R' },
      'three instances in three zones': { template: withSubnets([az(0), az(1), az(2)], s => asg(s, { MinSize: 3 })), target: 'R' },
    },
    nonCompliant: {
      'MinSize 1': { template: withSubnets([az(0), az(1)], s => asg(s, { MinSize: '1' })), target: 'R', message: /may run a single instance/ },
      'MinSize and MaxSize 1': { template: withSubnets([az(0), az(1)], s => asg(s, { MinSize: '1', MaxSize: '1' })), target: 'R', message: /never runs more than one/, severity: 'error' },
      'fewer instances than zones': { template: withSubnets([az(0), az(1), az(2)], asg), target: 'R', message: /MinSize 2 across 3 Availability Zones/ },
    },
    unknown: {
      'MinSize from a parameter': { template: withSubnets([az(0), az(1)], s => asg(s, { MinSize: { Ref: 'Min' } })), target: 'R' },
    },
    notApplicable: {
      'no Auto Scaling group': { template: template({ LT: res('AWS::EC2::LaunchTemplate', { LaunchTemplateData: {} }) }) },
    },
  },
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
    rule: LAMBDA_MULTI_AZ,
    compliant: {
      'subnets in two zones': { template: withSubnets([az(0), az(1)], s => res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: s, SecurityGroupIds: [] } })), target: 'R' },
    },
    nonCompliant: {
      'one subnet': { template: withSubnets([az(1)], s => res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: s } })), target: 'R', message: /Lambda function R is in one Availability Zone/ },
    },
    unknown: {
      'subnets from a parameter': { template: withSubnets([], () => res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: { Ref: 'Subnets' } } })), target: 'R' },
      'imported subnet IDs': { template: template({ R: res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: ['subnet-1', 'subnet-2'] } }) }), target: 'R', message: /subnet-1 is not defined in this template/ },
    },
    notApplicable: {
      'no VPC': { template: template({ R: res('AWS::Lambda::Function', { Runtime: 'nodejs20.x' }) }), target: 'R' },
      'an empty subnet list': { template: template({ R: res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: [], SecurityGroupIds: [] } }) }), target: 'R' },
    },
  },
];
