import { TopologyIndex } from '../model/topology';
import { RuleCategory, Severity } from '../types';
import { placementOf } from './placement';
import { decideSpread, fail, notApplicable, PASS, Rule, unknown, WA } from './rule';

export const NAT_PER_AZ: Rule = {
  id: 'HA-VPC1',
  title: 'NAT gateway serves private subnets in other Availability Zones',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::EC2::NatGateway'],
  explanation:
    'A zonal NAT gateway lives in one Availability Zone. Private subnets in other zones that send their internet traffic '
    + 'through it lose outbound access when its zone fails, even though their own zone is healthy: one zone takes the '
    + 'others down. Each zone needs its own NAT gateway, with its private subnets routed to it.',
  flags: 'A zonal NAT gateway that is the default route (0.0.0.0/0) of a private subnet in another Availability Zone; '
    + 'this is how "one NAT gateway for several zones" shows up in a template.',
  defaults: '`AvailabilityMode` defaults to `zonal`; a `regional` NAT gateway spans zones and is not flagged.',
  remediation:
    'Create one NAT gateway per Availability Zone and route each private subnet to the one in its own zone '
    + '(CDK: leave `natGateways` unset on `ec2.Vpc`, or set it to the number of zones), or use a regional NAT gateway.',
  references: [
    { label: 'NAT gateway basics', url: 'https://docs.aws.amazon.com/vpc/latest/userguide/nat-gateway-basics.html' },
    WA.REL10_BP01,
    WA.REL11_BP05,
  ],
  evaluate(nat, { topology }) {
    const mode = nat.str('AvailabilityMode', 'zonal');
    if (!mode.known) return unknown('AvailabilityMode', `AvailabilityMode is ${mode.reason}.`);
    if (mode.value.toLowerCase() === 'regional') return notApplicable('a regional NAT gateway');
    const served = topology.subnetsRoutedTo(nat.logicalId);
    if (served.length === 0) return notApplicable('no subnet in the template routes to it');
    const natAz = topology.azOfSubnet(nat.properties.SubnetId);
    if (!natAz) return unknown('SubnetId', `The Availability Zone of NAT gateway ${nat.logicalId} is not known at synth time, so it cannot be compared with the ${served.length} subnet(s) it serves.`);
    const others: string[] = [];
    const undecided: string[] = [];
    for (const subnet of served) {
      const az = topology.azOfSubnet({ Ref: subnet });
      const differ = az ? TopologyIndex.differ(natAz, az) : undefined;
      if (differ === true) others.push(`${subnet} (${az!.label})`);
      else if (differ === undefined) undecided.push(subnet);
    }
    if (others.length) {
      return fail('SubnetId',
        `NAT gateway ${nat.logicalId} in ${natAz.label} is the internet route of private subnets in other Availability Zones: `
        + `${others.join(', ')}. If ${natAz.label} fails, they lose outbound access.`);
    }
    if (undecided.length) {
      return unknown('SubnetId', `NAT gateway ${nat.logicalId} (${natAz.label}) serves ${undecided.join(', ')}, whose Availability Zone cannot be compared with its own at synth time.`);
    }
    return PASS;
  },
};

export const ENDPOINT_ONE_ZONE: Rule = {
  id: 'HA-VPC2',
  title: 'Interface VPC endpoint or Route 53 Resolver endpoint is in one Availability Zone',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::EC2::VPCEndpoint', 'AWS::Route53Resolver::ResolverEndpoint'],
  explanation:
    'An interface VPC endpoint has a network interface in each of its subnets, and its private DNS name answers with those interfaces. '
    + 'A Route 53 Resolver endpoint answers DNS queries on the IP addresses it is given. When all of them are in one zone, every client '
    + 'in every zone reaches the AWS service, or resolves names across the hybrid link, through that zone: its failure cuts the whole '
    + 'workload off, not just the zone.',
  flags: 'An interface (or resource or service-network) VPC endpoint whose `SubnetIds`, or a Resolver endpoint whose `IpAddresses` subnets, '
    + 'are in fewer than two zones.',
  defaults: '`VpcEndpointType` defaults to `Gateway`, which is regional and not judged; a Gateway Load Balancer endpoint lives in one '
    + 'subnet by design (one per zone). Resolver endpoints need at least two IP addresses, which may be in one zone.',
  remediation: 'Give the endpoint a subnet in every zone its clients use (CDK: `vpc.addInterfaceEndpoint(id, { service, subnets: { subnetType, '
    + 'onePerAz: true } })`), and give a Resolver endpoint IP addresses in at least two zones.',
  references: [
    { label: 'Access an AWS service using an interface VPC endpoint', url: 'https://docs.aws.amazon.com/vpc/latest/privatelink/create-interface-endpoint.html' },
    { label: 'Best practices for Resolver: high availability', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/best-practices-resolver-endpoint-high-availability.html' },
    WA.REL10_BP01,
    WA.REL02_BP02,
  ],
  evaluate(r, ctx) {
    let what: string;
    let placement;
    if (r.type === 'AWS::EC2::VPCEndpoint') {
      const type = r.str('VpcEndpointType', 'Gateway');
      if (!type.known) return unknown('VpcEndpointType', `VpcEndpointType is ${type.reason}, so this can only be decided at deploy time.`);
      const kind = type.value.toLowerCase();
      if (kind === 'gateway') return notApplicable('a gateway endpoint is regional');
      if (kind === 'gatewayloadbalancer') return notApplicable('a Gateway Load Balancer endpoint is in one subnet by design; one per zone is needed');
      what = `VPC endpoint ${r.logicalId}`;
      placement = placementOf(r, ctx, [{ subnets: 'SubnetIds' }]);
    } else {
      what = `Resolver endpoint ${r.logicalId}`;
      placement = placementOf(r, ctx, [{ subnetMappings: 'IpAddresses' }]);
    }
    if (!placement) return unknown('SubnetIds', `${what} names no subnets in the template.`);
    if ('allZones' in placement) return PASS;
    if ('undecided' in placement) return unknown(placement.property, `${placement.undecided}, so the zones of ${what} are decided at deploy time.`);
    return decideSpread(placement.spread, placement.property, what,
      'clients in every zone reach it through that zone, so its failure cuts the whole workload off.');
  },
};

/** Every VPC rule, in report order. */
export const VPC_RULES: readonly Rule[] = [NAT_PER_AZ, ENDPOINT_ONE_ZONE];
