import { isObject, Json } from '../model/json';
import type { Resource } from '../model/template-model';
import { asNumber, asString, evaluate, linkedResources, valueAt } from '../model/values';

/** A range of ports that a security group accepts connections on. */
export interface PortRange {
  readonly protocol: string;
  readonly from: number;
  readonly to: number;
}

/** What reaches an instance: the port ranges its security groups open, or why that is not known. */
export type Inbound = { readonly known: true; readonly ranges: readonly PortRange[] } | { readonly known: false; readonly reason: string };

/** Ports used to administer a host rather than to serve a workload: SSH and RDP. */
export const ADMIN_PORTS: ReadonlySet<number> = new Set([22, 3389]);

/**
 * The port ranges an EC2 instance accepts connections on, from the security groups it names
 * (`SecurityGroupIds`, `SecurityGroups`, or its network interfaces' `GroupSet`) and their ingress
 * rules, inline or as `AWS::EC2::SecurityGroupIngress` resources anywhere in the workload. ICMP is
 * left out: it serves no requests.
 */
export function inboundOf(instance: Resource): Inbound {
  const raws: Json[] = [];
  for (const property of ['SecurityGroupIds', 'SecurityGroups']) if (instance.properties[property] !== undefined) raws.push(instance.properties[property]);
  const nics = instance.properties.NetworkInterfaces;
  if (Array.isArray(nics)) for (const nic of nics) if (isObject(nic) && nic.GroupSet !== undefined) raws.push(nic.GroupSet);
  if (!raws.length) return { known: false, reason: 'the instance uses its VPC\'s default security group, which is not in the template' };
  const ranges: PortRange[] = [];
  for (const raw of raws) {
    const list = evaluate(raw, instance.model);
    if (list.kind !== 'literal' || !Array.isArray(list.value)) return { known: false, reason: 'its security groups are decided at deploy time' };
    for (const item of Array.isArray(raw) ? raw : list.value) {
      const groups = linkedResources(item, instance.model).map(l => l.model.resource(l.logicalId)).filter(g => g?.type === 'AWS::EC2::SecurityGroup');
      if (!groups.length) return { known: false, reason: 'a security group of the instance is not in the templates' };
      for (const group of groups) {
        const opened = ingressOf(group!);
        if (!opened.known) return opened;
        ranges.push(...opened.ranges);
      }
    }
  }
  return { known: true, ranges };
}

/** True when every range opens administration ports only (an empty list included). */
export function onlyAdminPorts(ranges: readonly PortRange[]): boolean {
  return ranges.every(r => r.from === r.to ? ADMIN_PORTS.has(r.from) : false);
}

/** "port 22", "ports 22 and 3389". */
export function describePorts(ranges: readonly PortRange[]): string {
  const ports = [...new Set(ranges.map(r => r.from))].sort((a, b) => a - b);
  return ports.length === 1 ? `port ${ports[0]}` : `ports ${ports.slice(0, -1).join(', ')} and ${ports[ports.length - 1]}`;
}

function ingressOf(group: Resource): Inbound {
  const rules: { raw: Json; owner: Resource }[] = [];
  const inline = group.properties.SecurityGroupIngress;
  if (inline !== undefined) {
    const list = evaluate(inline, group.model);
    if (list.kind !== 'literal' || !Array.isArray(list.value)) return { known: false, reason: `the ingress rules of security group ${group.logicalId} are decided at deploy time` };
    if (Array.isArray(inline)) for (const raw of inline) rules.push({ raw, owner: group });
  }
  for (const ingress of group.model.workload.referrers('AWS::EC2::SecurityGroupIngress', 'GroupId').get(group) ?? []) {
    rules.push({ raw: ingress.properties as Json, owner: ingress });
  }
  const ranges: PortRange[] = [];
  for (const { raw, owner } of rules) {
    const protocol = asString(valueAt(raw, 'IpProtocol', owner.model));
    if (!protocol.known) return { known: false, reason: `an ingress rule of security group ${group.logicalId} has an IpProtocol that is ${protocol.reason}` };
    const name = protocol.value.toLowerCase();
    if (name === 'icmp' || name === '1' || name === 'icmpv6' || name === '58') continue;
    if (name === '-1' || name === 'all') { ranges.push({ protocol: 'all', from: 0, to: 65535 }); continue; }
    const from = asNumber(valueAt(raw, 'FromPort', owner.model), 0);
    const to = asNumber(valueAt(raw, 'ToPort', owner.model), 65535);
    if (!from.known || !to.known) return { known: false, reason: `the ports of an ingress rule of security group ${group.logicalId} are decided at deploy time` };
    ranges.push({ protocol: name, from: from.value, to: to.value });
  }
  return { known: true, ranges };
}
