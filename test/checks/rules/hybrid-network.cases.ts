import type { Zone } from './builders';
import { RuleCases } from './cases';
import {
  FIREWALL_DELETE_PROTECTION, FIREWALL_ZONES, TGW_ATTACHMENT_ZONES, VPN_DYNAMIC_ROUTING, VPN_REDUNDANCY, VPN_TUNNEL_LOGS,
} from '../../../src/checks/rules/hybrid-network';
import { az, res, subnet, template } from '../../helpers/templates';

const params = { Parameters: { P: { Type: 'String' }, Cgw1: { Type: 'String' }, Cgw2: { Type: 'String' }, Subnets: { Type: 'List<AWS::EC2::Subnet::Id>' } } };
const cgw = (ip: unknown) => res('AWS::EC2::CustomerGateway', { Type: 'ipsec.1', BgpAsn: 65000, IpAddress: ip });
const vpn = (customerGateway: unknown, extra: object = {}) => res('AWS::EC2::VPNConnection', { Type: 'ipsec.1', CustomerGatewayId: customerGateway, VpnGatewayId: { Ref: 'Vgw' }, ...extra });
const vgw = res('AWS::EC2::VPNGateway', { Type: 'ipsec.1' });
const logged = { LogOptions: { CloudwatchLogOptions: { LogEnabled: true, LogGroupArn: 'arn:aws:logs:eu-west-1:111111111111:log-group:vpn' } } };

/** A VPC with subnets `W<i>` in `workload` zones and attachment subnets `A<i>` in `attachment` zones, and `R` built on the latter. */
function vpcWith(workload: Zone[], attachment: Zone[], build: (subnets: object[]) => object) {
  const resources: Record<string, object> = { Vpc: res('AWS::EC2::VPC', { CidrBlock: '10.0.0.0/16' }) };
  workload.forEach((zone, i) => { resources[`W${i}`] = subnet(zone); });
  attachment.forEach((zone, i) => { resources[`A${i}`] = subnet(zone); });
  resources.R = build(attachment.map((_, i) => ({ Ref: `A${i}` })));
  return template(resources, params);
}
const attachment = (subnets: object[]) => res('AWS::EC2::TransitGatewayVpcAttachment', { TransitGatewayId: 'tgw-1', VpcId: { Ref: 'Vpc' }, SubnetIds: subnets });
const firewall = (subnets: object[], extra: object = {}) => res('AWS::NetworkFirewall::Firewall', { FirewallName: 'fw', FirewallPolicyArn: 'arn:policy', VpcId: { Ref: 'Vpc' }, SubnetMappings: subnets.map(s => ({ SubnetId: s })), ...extra });

export const HYBRID_NETWORK_CASES: RuleCases[] = [
  {
    rule: VPN_REDUNDANCY,
    compliant: {
      'two connections from two customer gateways': {
        template: template({ Vgw: vgw, C1: cgw('198.51.100.1'), C2: cgw('198.51.100.2'), R: vpn({ Ref: 'C1' }), R2: vpn({ Ref: 'C2' }) }),
        target: 'R',
      },
      'two connections to a transit gateway from literal customer gateways': {
        template: template({ R: res('AWS::EC2::VPNConnection', { Type: 'ipsec.1', CustomerGatewayId: 'cgw-1', TransitGatewayId: 'tgw-1' }), R2: res('AWS::EC2::VPNConnection', { Type: 'ipsec.1', CustomerGatewayId: 'cgw-2', TransitGatewayId: 'tgw-1' }) }),
        target: 'R2',
      },
    },
    nonCompliant: {
      'a single connection': {
        template: template({ Vgw: vgw, C1: cgw('198.51.100.1'), R: vpn({ Ref: 'C1' }) }),
        target: 'R',
        message: /VPN connection R is the only connection to Vgw in this template: both of its tunnels end on customer gateway C1 \(198\.51\.100\.1\)/,
      },
      'two connections from one device': {
        template: template({ Vgw: vgw, C1: cgw('198.51.100.1'), C2: cgw('198.51.100.1'), R: vpn({ Ref: 'C1' }), R2: vpn({ Ref: 'C2' }) }),
        target: 'R',
        message: /All 2 VPN connections to Vgw end on customer gateway/,
      },
    },
    unknown: {
      'customer gateways from two parameters': {
        template: template({ Vgw: vgw, R: vpn({ Ref: 'Cgw1' }), R2: vpn({ Ref: 'Cgw2' }) }, params),
        target: 'R',
        message: /may be the same device/,
      },
      'the gateway behind a condition': {
        template: template({ Vgw: vgw, R: vpn('cgw-1', { VpnGatewayId: { 'Fn::If': ['Tgw', { Ref: 'AWS::NoValue' }, { Ref: 'Vgw' }] } }) }, { ...params, Conditions: { Tgw: { 'Fn::Equals': [{ Ref: 'P' }, 'tgw'] } } }),
        target: 'R',
      },
    },
    notApplicable: {
      'a connection to no gateway yet': { template: template({ R: res('AWS::EC2::VPNConnection', { Type: 'ipsec.1', CustomerGatewayId: 'cgw-1' }) }), target: 'R' },
    },
  },
  {
    rule: VPN_DYNAMIC_ROUTING,
    compliant: {
      'dynamic routing by default': { template: template({ Vgw: vgw, R: vpn('cgw-1') }), target: 'R' },
      'dynamic routing, explicitly': { template: template({ Vgw: vgw, R: vpn('cgw-1', { StaticRoutesOnly: 'false' }) }), target: 'R' },
    },
    nonCompliant: {
      'static routes only': { template: template({ Vgw: vgw, R: vpn('cgw-1', { StaticRoutesOnly: true }) }), target: 'R', message: /uses static routing/ },
    },
    unknown: {
      'routing from a parameter': { template: template({ Vgw: vgw, R: vpn('cgw-1', { StaticRoutesOnly: { Ref: 'P' } }) }, params), target: 'R' },
    },
    notApplicable: {
      'no VPN connection': { template: template({ Vgw: vgw }) },
    },
  },
  {
    rule: VPN_TUNNEL_LOGS,
    compliant: {
      'both tunnels log': { template: template({ Vgw: vgw, R: vpn('cgw-1', { VpnTunnelOptionsSpecifications: [logged, logged] }) }), target: 'R' },
    },
    nonCompliant: {
      'no tunnel options': { template: template({ Vgw: vgw, R: vpn('cgw-1') }), target: 'R', message: /logs neither of its tunnels/ },
      'one tunnel logs': { template: template({ Vgw: vgw, R: vpn('cgw-1', { VpnTunnelOptionsSpecifications: [logged, { PreSharedKey: 'x' }] }) }), target: 'R', message: /only one of its two tunnels/ },
    },
    unknown: {
      'logging from a parameter': {
        template: template({ Vgw: vgw, R: vpn('cgw-1', { VpnTunnelOptionsSpecifications: [logged, { LogOptions: { CloudwatchLogOptions: { LogEnabled: { Ref: 'P' } } } }] }) }, params),
        target: 'R',
      },
    },
    notApplicable: {
      'no VPN connection': { template: template({ Vgw: vgw }) },
    },
  },
  {
    rule: TGW_ATTACHMENT_ZONES,
    compliant: {
      'one attachment subnet in each zone of the VPC': { template: vpcWith([az(0), az(1)], [az(0), az(1)], attachment), target: 'R' },
      'every Availability Zone of a VPC that also has a Local Zone subnet': {
        template: vpcWith(['us-west-2a', 'us-west-2b', 'us-west-2-lax-1a'], ['us-west-2a', 'us-west-2b'], attachment),
        target: 'R',
      },
      'two zones, VPC not in the template': {
        template: template({ S0: subnet('eu-west-1a', { VpcId: 'vpc-1' }), S1: subnet('eu-west-1b', { VpcId: 'vpc-1' }), R: res('AWS::EC2::TransitGatewayVpcAttachment', { TransitGatewayId: 'tgw-1', VpcId: 'vpc-1', SubnetIds: [{ Ref: 'S0' }, { Ref: 'S1' }] }) }),
        target: 'R',
      },
    },
    nonCompliant: {
      'a zone of the VPC without an attachment subnet': {
        template: vpcWith([az(0), az(1), az(2)], [az(0), az(1)], attachment),
        target: 'R',
        message: /no subnet in zone 3 of the Region, where its VPC has subnets: resources in those zones cannot reach the transit gateway/,
      },
      'an attachment in one zone': {
        template: template({ S0: subnet('eu-west-1a', { VpcId: 'vpc-1' }), R: res('AWS::EC2::TransitGatewayAttachment', { TransitGatewayId: 'tgw-1', VpcId: 'vpc-1', SubnetIds: [{ Ref: 'S0' }] }) }),
        target: 'R',
        message: /is in one Availability Zone \(eu-west-1a\): a zone failure cuts the VPC off/,
      },
    },
    unknown: {
      'subnets from a parameter': { template: template({ R: res('AWS::EC2::TransitGatewayVpcAttachment', { TransitGatewayId: 'tgw-1', VpcId: 'vpc-1', SubnetIds: { Ref: 'Subnets' } }) }, params), target: 'R' },
      'a VPC subnet whose zone AWS picks': { template: vpcWith([az(0), undefined], [az(0), az(1)], attachment), target: 'R', message: /chosen by AWS at deploy time/ },
    },
    notApplicable: {
      'no attachment': { template: vpcWith([az(0)], [], () => res('AWS::EC2::TransitGateway', {})) },
    },
  },
  {
    rule: FIREWALL_ZONES,
    compliant: {
      'an endpoint in each zone of the VPC': { template: vpcWith([az(0), az(1)], [az(0), az(1)], firewall), target: 'R' },
      'a transit gateway firewall in two zones': {
        template: template({ R: res('AWS::NetworkFirewall::Firewall', { FirewallName: 'fw', FirewallPolicyArn: 'arn:policy', TransitGatewayId: 'tgw-1', AvailabilityZoneMappings: [{ AvailabilityZone: 'eu-west-1a' }, { AvailabilityZone: 'eu-west-1b' }] }) }),
        target: 'R',
      },
    },
    nonCompliant: {
      'a firewall in fewer zones than its VPC': { template: vpcWith([az(0), az(1), az(2)], [az(0), az(1)], firewall), target: 'R', message: /Firewall R has no subnet in zone 3 of the Region/ },
      'a firewall in one zone': {
        template: template({ R: res('AWS::NetworkFirewall::Firewall', { FirewallName: 'fw', FirewallPolicyArn: 'arn:policy', TransitGatewayId: 'tgw-1', AvailabilityZoneMappings: [{ AvailabilityZone: 'eu-west-1a' }] }) }),
        target: 'R',
        message: /in one Availability Zone \(eu-west-1a\)/,
      },
    },
    unknown: {
      'subnet mappings from a condition': {
        template: vpcWith([az(0), az(1)], [az(0), az(1)], s => firewall(s, { SubnetMappings: { 'Fn::If': ['Multi', s.map(x => ({ SubnetId: x })), [{ SubnetId: s[0] }]] } })),
        target: 'R',
      },
      'a mapped subnet from a parameter': { template: vpcWith([az(0), az(1)], [az(0)], s => firewall([...s, { Ref: 'P' }])), target: 'R', message: /parameter P/ },
    },
    notApplicable: {
      'no firewall': { template: vpcWith([az(0)], [], () => res('AWS::NetworkFirewall::FirewallPolicy', {})) },
    },
  },
  {
    rule: FIREWALL_DELETE_PROTECTION,
    compliant: {
      'delete protection on': { template: vpcWith([az(0), az(1)], [az(0), az(1)], s => firewall(s, { DeleteProtection: true })), target: 'R' },
      'delete protection left to the service, which turns it on': { template: vpcWith([az(0), az(1)], [az(0), az(1)], firewall), target: 'R' },
    },
    nonCompliant: {
      'delete protection off': { template: vpcWith([az(0), az(1)], [az(0), az(1)], s => firewall(s, { DeleteProtection: 'false' })), target: 'R', message: /turns delete protection off/ },
    },
    unknown: {
      'delete protection from a parameter': { template: vpcWith([az(0), az(1)], [az(0), az(1)], s => firewall(s, { DeleteProtection: { Ref: 'P' } })), target: 'R' },
    },
    notApplicable: {
      'no firewall': { template: vpcWith([az(0)], [], () => res('AWS::NetworkFirewall::FirewallPolicy', {})) },
    },
  },
];
