import { brief, isObject, Json } from '../model/json';
import { Resource, resourceOf } from '../model/template-model';
import { AzKey, TopologyIndex } from '../model/topology';
import { describeUndecided, evaluate, intrinsicName } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, Outcome, PASS, Rule, RuleContext, undecided, unknown, WA } from './rule';

const VPN = 'AWS::EC2::VPNConnection';
const VPN_DOCS = {
  redundant: { label: 'Using redundant Site-to-Site VPN connections to provide failover', url: 'https://docs.aws.amazon.com/vpn/latest/s2svpn/vpn-redundant-connection.html' },
  logs: { label: 'AWS Site-to-Site VPN logs', url: 'https://docs.aws.amazon.com/vpn/latest/s2svpn/monitoring-logs.html' },
  routing: { label: 'Site-to-Site VPN routing options', url: 'https://docs.aws.amazon.com/vpn/latest/s2svpn/VPNRoutingTypes.html' },
};
const TGW_DOC = { label: 'Amazon VPC attachments in AWS Transit Gateway', url: 'https://docs.aws.amazon.com/vpc/latest/tgw/tgw-vpc-attachments.html' };
const NFW_DOC = { label: 'Firewalls and firewall endpoints in AWS Network Firewall', url: 'https://docs.aws.amazon.com/network-firewall/latest/developerguide/firewalls.html' };

// ---------------------------------------------------------------------------------------------
// Site-to-Site VPN
// ---------------------------------------------------------------------------------------------

/** How a value names a resource, comparable across resources: a template resource, a literal ID, or the same raw expression. */
interface Identity {
  readonly key: string;
  readonly label: string;
  /** False when two different keys may still name the same thing (parameters, imports). */
  readonly decided: boolean;
  /** The resource of the workload it names, if it names one. */
  readonly resource?: Resource;
}

/** A literal as it reads in a message. */
function text(value: Json): string {
  return typeof value === 'string' ? value : brief(value);
}

function identityOf(raw: Json | undefined, ctx: RuleContext): Identity | undefined {
  if (raw === undefined) return undefined;
  const v = evaluate(raw, ctx.model);
  if (v.kind === 'reference') return { key: `resource:${v.model.stackName}/${v.logicalId}`, label: v.logicalId, decided: true, resource: resourceOf(v) };
  if (v.kind === 'literal') return { key: `literal:${JSON.stringify(v.value)}`, label: text(v.value), decided: true };
  if (v.kind === 'unknown') return { key: `raw:${JSON.stringify(raw)}`, label: v.reason, decided: false };
  return undefined;
}

/** The customer device a VPN connection ends on: the IP address of its customer gateway when the template tells. */
function deviceOf(vpn: Resource, ctx: RuleContext): Identity | undefined {
  const id = identityOf(vpn.properties.CustomerGatewayId, ctx);
  const gateway = id?.resource;
  if (!id || !gateway) return id;
  const ip = gateway.value('IpAddress');
  return ip.kind === 'literal' ? { key: `ip:${JSON.stringify(ip.value)}`, label: `${id.label} (${text(ip.value)})`, decided: true } : id;
}

function gatewayProperty(vpn: Resource): string | undefined {
  return vpn.has('TransitGatewayId') ? 'TransitGatewayId' : vpn.has('VpnGatewayId') ? 'VpnGatewayId' : undefined;
}

export const VPN_REDUNDANCY: Rule = {
  id: 'HA-VPN1',
  title: 'Site-to-Site VPN ends on a single customer gateway',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: [VPN],
  explanation:
    'Each Site-to-Site VPN connection has two tunnels, ending in different zones on the AWS side, but both end on the same '
    + 'customer gateway device. When that device, its internet link or its site fails, the connection is down. AWS recommends '
    + 'a second VPN connection to the same virtual private or transit gateway from a second customer gateway. The Site-to-Site '
    + 'VPN SLA is 99.95% per connection.',
  flags: 'A VPN connection that is the only one to its virtual private gateway or transit gateway in the template, or whose '
    + 'peers all use the same customer gateway (same resource or same IP address).',
  defaults: 'Customer gateways are compared by resource, or by `IpAddress` when it is literal; gateways given by different '
    + 'parameters may be the same device, which is undecided.',
  remediation: 'Add a second `AWS::EC2::VPNConnection` to the same gateway from a second `AWS::EC2::CustomerGateway` (a second '
    + 'device, ideally at a second site or on a second link), with dynamic (BGP) routing so traffic moves over on its own.',
  references: [VPN_DOCS.redundant, WA.REL02_BP02],
  evaluate(r, ctx) {
    const property = gatewayProperty(r);
    if (!property) return notApplicable('not attached to a virtual private gateway or transit gateway');
    if (intrinsicName(r.properties[property]) === 'Fn::If') {
      return unknown(property, `${property} depends on a condition, so the connections that share its gateway are decided at deploy time.`);
    }
    const gateway = identityOf(r.properties[property], ctx);
    if (!gateway) return unknown(property, `${property} has an unexpected shape.`);
    const peers = ctx.model.ofType(VPN).filter(v => {
      const p = gatewayProperty(v);
      return p !== undefined && identityOf(v.properties[p], ctx)?.key === gateway.key;
    });
    const devices = new Map<string, Identity>();
    for (const peer of peers) {
      const device = deviceOf(peer, ctx);
      if (!device) return unknown('CustomerGatewayId', `The customer gateway of ${peer.logicalId} has an unexpected shape.`);
      devices.set(device.key, device);
    }
    const list = [...devices.values()];
    if (list.length >= 2) {
      if (list.filter(d => d.decided).length >= 2) return PASS;
      return unknown('CustomerGatewayId', `The VPN connections to ${gateway.label} use customer gateways ${list.map(d => d.label).join(', ')}, `
        + 'which may be the same device: that is decided at deploy time.');
    }
    const device = list[0]?.label ?? 'one customer gateway';
    return fail('CustomerGatewayId', peers.length < 2
      ? `VPN connection ${r.logicalId} is the only connection to ${gateway.label} in this template: both of its tunnels end on customer `
        + `gateway ${device}, so when that device or its link fails, the private network is cut off.`
      : `All ${peers.length} VPN connections to ${gateway.label} end on customer gateway ${device}: when that device or its link fails, `
        + 'the private network is cut off.');
  },
};

export const VPN_DYNAMIC_ROUTING: Rule = {
  id: 'HA-VPN2',
  title: 'Site-to-Site VPN uses static routing',
  severity: Severity.INFO,
  category: RuleCategory.FAILOVER,
  resourceTypes: [VPN],
  explanation:
    'With static routing, AWS learns nothing from the customer side about which tunnel or connection is alive, so moving '
    + 'traffic to the second tunnel or to a second connection depends on dead peer detection and on the configuration of the '
    + 'customer device. AWS recommends BGP-capable devices because BGP\'s liveness checks help traffic fail over to the other tunnel.',
  flags: 'A VPN connection with `StaticRoutesOnly: true`.',
  defaults: '`StaticRoutesOnly` defaults to false (dynamic routing with BGP).',
  remediation: 'Use dynamic routing (`StaticRoutesOnly: false`, a BGP ASN on the customer gateway) where the customer device supports BGP.',
  references: [VPN_DOCS.routing, WA.REL02_BP02],
  evaluate(r) {
    const staticOnly = r.bool('StaticRoutesOnly', false);
    if (!staticOnly.known) return undecided('StaticRoutesOnly', staticOnly);
    if (!staticOnly.value) return PASS;
    return fail('StaticRoutesOnly', `VPN connection ${r.logicalId} uses static routing: failover between its tunnels and to other `
      + 'connections depends on the customer device alone, with no BGP to withdraw the routes of a dead tunnel.');
  },
};

const LOG_ENABLED = 'LogOptions.CloudwatchLogOptions.LogEnabled';

export const VPN_TUNNEL_LOGS: Rule = {
  id: 'HA-VPN3',
  title: 'Site-to-Site VPN tunnels do not log',
  severity: Severity.INFO,
  category: RuleCategory.MONITORING,
  resourceTypes: [VPN],
  explanation:
    'Tunnel logs record IKE and IPsec negotiation and dead peer detection events: they are how you find out why a tunnel went '
    + 'down or keeps flapping. Without them a tunnel failure shows only as the TunnelState metric dropping to 0.',
  flags: 'A VPN connection where either of its two tunnels lacks `LogOptions.CloudwatchLogOptions.LogEnabled: true` in `VpnTunnelOptionsSpecifications`.',
  defaults: '`LogEnabled` defaults to false; a connection without `VpnTunnelOptionsSpecifications` logs neither tunnel.',
  remediation: 'Add two `VpnTunnelOptionsSpecifications` entries, each with `LogOptions.CloudwatchLogOptions` `{ LogEnabled: true, LogGroupArn: ... }`.',
  references: [configRule('ec2-vpn-connection-logging-enabled'), VPN_DOCS.logs, WA.REL06_BP01],
  evaluate(r) {
    const specs = r.list('VpnTunnelOptionsSpecifications');
    if (!specs.known) return unknown('VpnTunnelOptionsSpecifications', `VpnTunnelOptionsSpecifications is ${specs.reason}.`);
    let logged = 0;
    for (let i = 0; i < Math.min(specs.value.length, 2); i++) {
      const path = `VpnTunnelOptionsSpecifications.${i}.${LOG_ENABLED}`;
      const enabled = r.bool(path, false);
      if (!enabled.known) return undecided(path, enabled);
      if (enabled.value) logged++;
    }
    if (logged >= 2) return PASS;
    return fail('VpnTunnelOptionsSpecifications', `VPN connection ${r.logicalId} logs ${logged === 0 ? 'neither of its tunnels' : 'only one of its two tunnels'}: `
      + 'when a tunnel goes down, there is no record of why.');
  },
};

// ---------------------------------------------------------------------------------------------
// Zone coverage of a VPC: Transit Gateway attachments and Network Firewall endpoints
// ---------------------------------------------------------------------------------------------

/** Local Zone and Wavelength Zone names (`us-west-2-lax-1a`, `us-east-1-wl1-bos-wlz-1`): attachments and firewall endpoints cannot be placed there. */
const EDGE_ZONE = /^[a-z]{2}(-gov)?-[a-z]+-\d-([a-z]{3}-\d[a-z]|wl\d)/;

/** The zones of the template subnets of a VPC (Availability Zones only), or undefined when the VPC is not in the template. */
function vpcZones(vpcRaw: Json | undefined, ctx: RuleContext): { zones: AzKey[]; undecided: string[] } | undefined {
  const vpc = resourceOf(evaluate(vpcRaw, ctx.model));
  if (vpc?.type !== 'AWS::EC2::VPC') return undefined;
  const zones: AzKey[] = [];
  const undecidedSubnets: string[] = [];
  for (const subnet of vpc.model.ofType('AWS::EC2::Subnet')) {
    if (resourceOf(subnet.value('VpcId')) !== vpc) continue;
    const az = vpc.model.topology.azOfSubnet({ Ref: subnet.logicalId });
    if (az && az.family === 'name' && EDGE_ZONE.test(az.key)) continue;
    if (!az) undecidedSubnets.push(subnet.logicalId);
    else if (!zones.some(z => TopologyIndex.differ(z, az) === false)) zones.push(az);
  }
  return { zones, undecided: undecidedSubnets };
}

/**
 * Judges whether a resource placed in some zones of a VPC (transit gateway attachment, firewall endpoints) covers every zone
 * the VPC's subnets use, and at least two.
 */
function judgeCoverage(
  r: Resource, ctx: RuleContext, property: string, placements: (AzKey | string)[],
  subject: string, missingConsequence: string, singleConsequence: string,
): Outcome {
  const spread = TopologyIndex.spread(placements);
  const zones = placements.filter((p): p is AzKey => typeof p !== 'string');
  const workload = vpcZones(r.properties.VpcId, ctx);
  if (workload && spread.undecided === undefined) {
    const missing = workload.zones.filter(w => zones.every(z => TopologyIndex.differ(z, w) === true));
    if (missing.length) {
      return fail(property, `${subject} has no subnet in ${missing.map(m => m.label).join(', ')}, where its VPC has subnets: ${missingConsequence}`);
    }
  }
  if (spread.max === 0) return unknown(property, `${property} names no subnets or zones that the template shows.`);
  if (spread.max < 2) {
    const vpcSingleZone = workload && workload.undecided.length === 0 && workload.zones.length <= 1;
    if (vpcSingleZone) return PASS;
    return fail(property, `${subject} is in one Availability Zone${spread.labels.length ? ` (${spread.labels.join(', ')})` : ''}: ${singleConsequence}`);
  }
  if (spread.min >= 2 && (!workload || (workload.undecided.length === 0
    && workload.zones.every(w => zones.some(z => TopologyIndex.differ(z, w) === false))))) {
    return PASS;
  }
  if (spread.min >= 2 && workload && workload.undecided.length === 0) {
    return unknown(property, `The zones of ${subject} cannot all be compared with the zones of its VPC's subnets at synth time.`);
  }
  const why = spread.undecided ?? (workload?.undecided.length ? `the zones of subnets ${workload.undecided.join(', ')} are chosen by AWS at deploy time` : 'the zones cannot be compared');
  return unknown(property, `Whether ${subject} covers every zone of its VPC is decided at deploy time: ${why}.`);
}

function subnetPlacements(r: Resource, ctx: RuleContext, property: string, field?: string): (AzKey | string)[] | string {
  const list = r.list(property);
  if (!list.known) return `${property} is ${list.reason}`;
  return list.value.map(item => {
    const raw = field ? (isObject(item) ? item[field] : undefined) : item;
    if (raw === undefined) return `an item of ${property} has no ${field}`;
    const az = field === 'AvailabilityZone' ? ctx.topology.azOf(raw) : ctx.topology.azOfSubnet(raw);
    if (az) return az;
    const v = evaluate(raw, ctx.model);
    if (v.kind === 'reference') return `the zone of subnet ${v.logicalId} is chosen by AWS at deploy time`;
    if (v.kind === 'literal') return `subnet ${brief(v.value)} is not defined in this template`;
    return describeUndecided(v);
  });
}

export const TGW_ATTACHMENT_ZONES: Rule = {
  id: 'HA-TGW1',
  title: 'Transit gateway attachment does not cover every zone of its VPC',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::EC2::TransitGatewayVpcAttachment', 'AWS::EC2::TransitGatewayAttachment'],
  explanation:
    'A transit gateway reaches a VPC only through the attachment\'s subnets, one per zone: resources in a zone without an '
    + 'attachment subnet cannot reach the transit gateway at all, and an attachment in a single zone cuts the whole VPC off '
    + 'from the transit gateway when that zone fails.',
  flags: 'A VPC attachment whose `SubnetIds` are in fewer zones than the subnets of its VPC in the template, or in one zone '
    + '(when the VPC is not in the template).',
  defaults: 'Subnets without an explicit `AvailabilityZone` are placed by AWS, so their zone is undecided.',
  remediation: 'Give the attachment one subnet in every Availability Zone the VPC uses (CDK: `subnetIds` of `CfnTransitGatewayVpcAttachment` '
    + 'taken from a subnet selection with one subnet per zone, for example dedicated small attachment subnets).',
  references: [TGW_DOC, WA.REL02_BP04, WA.REL10_BP01],
  evaluate(r, ctx) {
    const placements = subnetPlacements(r, ctx, 'SubnetIds');
    if (typeof placements === 'string') return unknown('SubnetIds', `${placements}, so the zones of attachment ${r.logicalId} are decided at deploy time.`);
    return judgeCoverage(r, ctx, 'SubnetIds', placements, `Transit gateway attachment ${r.logicalId}`,
      'resources in those zones cannot reach the transit gateway.',
      'a zone failure cuts the VPC off from the transit gateway.');
  },
};

export const FIREWALL_ZONES: Rule = {
  id: 'HA-NFW1',
  title: 'Network Firewall has endpoints in too few zones',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::NetworkFirewall::Firewall'],
  explanation:
    'Traffic inspected by AWS Network Firewall goes through a firewall endpoint, one per zone of the firewall\'s subnet '
    + 'mappings. Subnets in a zone without an endpoint have to route through an endpoint in another zone, so that zone\'s '
    + 'failure cuts them off as well; a firewall in one zone is a single point of failure for everything it protects.',
  flags: 'A firewall whose `SubnetMappings` (or `AvailabilityZoneMappings`) are in one zone, or in fewer zones than the '
    + 'subnets of its VPC in the template.',
  defaults: 'Subnets without an explicit `AvailabilityZone` are placed by AWS, so their zone is undecided.',
  remediation: 'Map one firewall subnet in every Availability Zone the VPC uses, and route each zone\'s traffic to the endpoint in the same zone.',
  references: [configRule('netfw-multi-az-enabled'), NFW_DOC, WA.REL10_BP01],
  evaluate(r, ctx) {
    const property = r.has('SubnetMappings') ? 'SubnetMappings' : r.has('AvailabilityZoneMappings') ? 'AvailabilityZoneMappings' : undefined;
    if (!property) return unknown('SubnetMappings', `Firewall ${r.logicalId} names no subnet or zone mappings that the template shows.`);
    const placements = subnetPlacements(r, ctx, property, property === 'SubnetMappings' ? 'SubnetId' : 'AvailabilityZone');
    if (typeof placements === 'string') return unknown(property, `${placements}, so the zones of firewall ${r.logicalId} are decided at deploy time.`);
    return judgeCoverage(r, ctx, property, placements, `Firewall ${r.logicalId}`,
      'traffic from those zones has to cross into another zone\'s endpoint and fails with it.',
      'a zone failure stops all traffic that goes through the firewall.');
  },
};

export const FIREWALL_DELETE_PROTECTION: Rule = {
  id: 'HA-NFW2',
  title: 'Network Firewall delete protection is turned off',
  severity: Severity.INFO,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::NetworkFirewall::Firewall'],
  explanation:
    'A firewall sits in the routing path: deleting it by mistake blackholes every route that points at its endpoints. Delete '
    + 'protection makes the delete fail until someone turns it off on purpose.',
  flags: 'A firewall with `DeleteProtection: false`.',
  defaults: 'AWS documents that a new firewall starts with delete protection on, so an absent `DeleteProtection` passes; only an '
    + 'explicit false is flagged.',
  remediation: 'Remove `DeleteProtection: false` or set it to true (CDK: `deleteProtection: true` on `CfnFirewall`).',
  references: [configRule('netfw-deletion-protection-enabled'), WA.REL09_BP01],
  evaluate(r) {
    const protection = r.bool('DeleteProtection', true);
    if (!protection.known) return undecided('DeleteProtection', protection);
    if (protection.value) return PASS;
    return fail('DeleteProtection', `Firewall ${r.logicalId} turns delete protection off: a mistaken delete removes the endpoints its routes point at.`);
  },
};

/** Every VPN, Transit Gateway and Network Firewall rule, in report order. */
export const HYBRID_NETWORK_RULES: readonly Rule[] = [
  VPN_REDUNDANCY, TGW_ATTACHMENT_ZONES, FIREWALL_ZONES,
  VPN_DYNAMIC_ROUTING, VPN_TUNNEL_LOGS, FIREWALL_DELETE_PROTECTION,
];
