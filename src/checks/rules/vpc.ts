import { TopologyIndex } from '../model/topology';
import { RuleCategory, Severity } from '../types';
import { fail, notApplicable, PASS, Rule, unknown, WA } from './rule';

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

/** Every VPC rule, in report order. */
export const VPC_RULES: readonly Rule[] = [NAT_PER_AZ];
