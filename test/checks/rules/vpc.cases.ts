import { vpc, withSubnets } from './builders';
import { RuleCases } from './cases';
import { ENDPOINT_ONE_ZONE, NAT_PER_AZ } from '../../../src/checks/rules/vpc';
import { az, res } from '../../helpers/templates';

const endpoint = (subnets: unknown, type = 'Interface') => res('AWS::EC2::VPCEndpoint', { VpcId: 'vpc-1', ServiceName: 'com.amazonaws.eu-west-1.sqs', VpcEndpointType: type, SubnetIds: subnets });
const resolver = (subnets: unknown[]) => res('AWS::Route53Resolver::ResolverEndpoint', { Direction: 'INBOUND', SecurityGroupIds: ['sg-1'], IpAddresses: subnets.map(s => ({ SubnetId: s })) });

export const VPC_CASES: RuleCases[] = [
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
    rule: ENDPOINT_ONE_ZONE,
    compliant: {
      'an interface endpoint in two zones': { template: withSubnets([az(0), az(1)], s => endpoint(s)), target: 'R' },
      'a Resolver endpoint with addresses in two zones': { template: withSubnets([az(0), az(1)], s => resolver(s)), target: 'R' },
    },
    nonCompliant: {
      'an interface endpoint in one subnet': { template: withSubnets([az(0)], s => endpoint(s)), target: 'R', message: /VPC endpoint R is in one Availability Zone/ },
      'a Resolver endpoint with both addresses in one zone': { template: withSubnets(['eu-west-1a', 'eu-west-1a'], s => resolver(s)), target: 'R', message: /Resolver endpoint R/ },
    },
    unknown: {
      'subnets from a parameter': { template: withSubnets([], () => endpoint({ Ref: 'Subnets' })), target: 'R', message: /parameter Subnets/ },
    },
    notApplicable: {
      'a gateway endpoint': { template: withSubnets([], () => endpoint(undefined, 'Gateway')), target: 'R' },
      'a Gateway Load Balancer endpoint': { template: withSubnets([az(0)], s => endpoint(s, 'GatewayLoadBalancer')), target: 'R' },
    },
  },
];
