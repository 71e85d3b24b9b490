import { isObject } from '../model/json';
import type { Resource } from '../model/template-model';
import { asList, asString, evaluate, linkedResources, referencedResources, valueAt } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { clbRegistrars, distinctTargets, dynamicRegistrars } from './load-balancing';
import { recordKey, templateRecords } from './route53';
import { fail, PASS, Rule, RuleContext, unknown, WA } from './rule';
import { describePorts, inboundOf, onlyAdminPorts } from './security-groups';

const INSTANCE = 'AWS::EC2::Instance';

/** One way the template makes clients or other subnets depend on an instance. */
interface Role {
  /** True when the instance is the only endpoint of that role; undefined when that is decided at deploy time. */
  readonly sole: boolean | undefined;
  /** What the instance is, in a message: "the only target of target group TG". */
  readonly text: string;
}

/** The target groups and Classic Load Balancers that list the instance as a static target. */
function loadBalancerRoles(instance: Resource, ctx: RuleContext): Role[] {
  const roles: Role[] = [];
  for (const group of ctx.topology.referrers('AWS::ElasticLoadBalancingV2::TargetGroup', 'Targets', instance.logicalId)) {
    const targets = group.list('Targets');
    const others = dynamicRegistrars(group);
    if (others.length) {roles.push({ sole: false, text: `a target of target group ${group.logicalId}` });} else if (!targets.known) {roles.push({ sole: undefined, text: `a target of target group ${group.logicalId}, whose Targets are ${targets.reason}` });} else {
      const sole = distinctTargets(targets.value, group.model).length < 2;
      roles.push({ sole, text: `${sole ? 'the only' : 'a'} target of target group ${group.logicalId}` });
    }
  }
  for (const clb of ctx.topology.referrers('AWS::ElasticLoadBalancing::LoadBalancer', 'Instances', instance.logicalId)) {
    const instances = clb.list('Instances');
    const others = clbRegistrars(clb);
    if (others.length) {roles.push({ sole: false, text: `an instance of Classic Load Balancer ${clb.logicalId}` });} else if (!instances.known) {roles.push({ sole: undefined, text: `an instance of Classic Load Balancer ${clb.logicalId}, whose Instances are ${instances.reason}` });} else {
      const sole = distinctTargets(instances.value, clb.model).length < 2;
      roles.push({ sole, text: `${sole ? 'the only' : 'an'} instance of Classic Load Balancer ${clb.logicalId}` });
    }
  }
  return roles;
}

/** The network interfaces attached to the instance: in its `NetworkInterfaces`, or by a `NetworkInterfaceAttachment`. */
function interfacesOf(instance: Resource, ctx: RuleContext): Set<string> {
  const interfaces = new Set<string>();
  const nics = instance.properties.NetworkInterfaces;
  if (Array.isArray(nics)) {
    for (const nic of nics) {
      if (isObject(nic)) for (const id of referencedResources(nic.NetworkInterfaceId, ctx.model)) interfaces.add(id);
    }
  }
  for (const attachment of ctx.topology.referrers('AWS::EC2::NetworkInterfaceAttachment', 'InstanceId', instance.logicalId)) {
    if (attachment.model !== ctx.model) continue; // an interface of another stack is not addressed through this one
    for (const id of referencedResources(attachment.properties.NetworkInterfaceId, ctx.model)) interfaces.add(id);
  }
  return interfaces;
}

/** The Elastic IPs attached to the instance (directly or through one of its network interfaces), and the role each gives it. */
function addressRoles(instance: Resource, interfaces: Set<string>, ctx: RuleContext): { roles: Role[]; eips: string[] } {
  const roles: Role[] = [];
  const eips: string[] = [];
  for (const eip of ctx.topology.referrers('AWS::EC2::EIP', 'InstanceId', instance.logicalId)) {
    eips.push(eip.logicalId);
    const target = evaluate(eip.properties.InstanceId, eip.model);
    roles.push(target.kind === 'reference'
      ? { sole: true, text: `the only instance behind Elastic IP ${eip.logicalId}` }
      : { sole: undefined, text: `behind Elastic IP ${eip.logicalId} depending on deploy-time values` });
  }
  const associations = new Set<Resource>(ctx.topology.referrers('AWS::EC2::EIPAssociation', 'InstanceId', instance.logicalId));
  for (const eni of interfaces) {
    for (const association of ctx.topology.referrers('AWS::EC2::EIPAssociation', 'NetworkInterfaceId', eni)) associations.add(association);
  }
  for (const association of associations) {
    const target = evaluate(association.properties.InstanceId ?? association.properties.NetworkInterfaceId, association.model);
    const names: string[] = [];
    for (const id of referencedResources([association.properties.EIP ?? null, association.properties.AllocationId ?? null], association.model)) {
      if (association.model.resource(id)?.type !== 'AWS::EC2::EIP') continue;
      names.push(id);
      if (association.model === ctx.model) eips.push(id);
    }
    const what = names.length ? `Elastic IP ${names.join(', ')}` : `the Elastic IP of association ${association.logicalId}`;
    roles.push(target.kind === 'reference'
      ? { sole: true, text: `the only instance behind ${what}` }
      : { sole: undefined, text: `behind ${what} depending on deploy-time values` });
  }
  return { roles, eips: [...new Set(eips)] };
}

/** The DNS records whose values name the instance or one of its Elastic IPs. */
function dnsRoles(instance: Resource, eips: string[], ctx: RuleContext): Role[] {
  const ids = new Set([instance.logicalId, ...eips]);
  const { records } = templateRecords(ctx);
  const roles: Role[] = [];
  for (const entry of records) {
    const model = entry.owner.model;
    const raw = isObject(entry.record) ? entry.record.ResourceRecords : undefined;
    if (!linkedResources(raw, model).some(ref => ref.model === ctx.model && ids.has(ref.logicalId))) continue;
    const name = asString(valueAt(entry.record, 'Name', model));
    const label = `DNS record ${name.known ? `${name.value} (${entry.owner.logicalId})` : entry.owner.logicalId}`;
    const values = asList(valueAt(entry.record, 'ResourceRecords', model));
    if (!values.known) { roles.push({ sole: undefined, text: `a value of ${label}, whose ResourceRecords are ${values.reason}` }); continue; }
    if (values.value.length >= 2) { roles.push({ sole: false, text: `one of the values of ${label}` }); continue; }
    const key = recordKey(entry);
    const hasSetIdentifier = valueAt(entry.record, 'SetIdentifier', model).kind !== 'absent';
    const siblings = hasSetIdentifier && key !== undefined
      && records.some(other => other !== entry && recordKey(other) === key);
    roles.push(siblings
      ? { sole: false, text: `one of the records of ${label}'s set` }
      : { sole: true, text: `the only address of ${label}` });
  }
  return roles;
}

/** The CloudFront origins whose domain names are the instance (or one of its Elastic IPs). */
function originRoles(instance: Resource, eips: string[], ctx: RuleContext): Role[] {
  const ids = [instance.logicalId, ...eips];
  const distributions = new Set<Resource>(ids.flatMap(id => ctx.topology.referrers('AWS::CloudFront::Distribution', 'DistributionConfig', id)));
  const roles: Role[] = [];
  for (const distribution of distributions) {
    const origins = distribution.list('DistributionConfig.Origins');
    if (!origins.known) continue;
    origins.value.forEach((origin, i) => {
      const refs = linkedResources(isObject(origin) ? origin.DomainName : undefined, distribution.model);
      if (!refs.some(ref => ref.model === ctx.model && ids.includes(ref.logicalId))) return;
      const originId = distribution.str(`DistributionConfig.Origins.${i}.Id`);
      const label = `origin ${originId.known ? originId.value : i + 1} of CloudFront distribution ${distribution.logicalId}`;
      const groups = distribution.list('DistributionConfig.OriginGroups.Items');
      if (!groups.known) { roles.push({ sole: undefined, text: `${label}, whose origin groups are ${groups.reason}` }); return; }
      const pairs = groups.value.map((_, g) => distribution.list(`DistributionConfig.OriginGroups.Items.${g}.Members.Items`))
        .map((members, g) => ({ g, members })).filter(x => !x.members.known || x.members.value.length >= 2);
      if (pairs.length && !originId.known) { roles.push({ sole: undefined, text: `${label}, whose Id is ${originId.reason}` }); return; }
      const backed = pairs.some(({ g, members }) => members.known && members.value.some((__, m) => {
        const member = distribution.str(`DistributionConfig.OriginGroups.Items.${g}.Members.Items.${m}.OriginId`);
        return originId.known && member.known && member.value === originId.value;
      }));
      roles.push(backed ? { sole: false, text: `a member of an origin group of ${label}` } : { sole: true, text: `the only server of ${label}` });
    });
  }
  return roles;
}

/** The routes that send other subnets' traffic through the instance (a NAT or proxy instance). */
function routeRoles(instance: Resource, interfaces: Set<string>, ctx: RuleContext): Role[] {
  const { topology } = ctx;
  const routes = new Set<Resource>(topology.referrers('AWS::EC2::Route', 'InstanceId', instance.logicalId));
  for (const eni of interfaces) for (const route of topology.referrers('AWS::EC2::Route', 'NetworkInterfaceId', eni)) routes.add(route);
  return [...routes].map(route => {
    const destination = asString(valueAt(route.properties, 'DestinationCidrBlock', route.model));
    const what = destination.known ? `traffic to ${destination.value}` : 'traffic';
    const target = evaluate(route.properties.InstanceId ?? route.properties.NetworkInterfaceId, route.model);
    return target.kind === 'reference'
      ? { sole: true, text: `the next hop of route ${route.logicalId}, which sends the ${what} of its route table through it` }
      : { sole: undefined, text: `the next hop of route ${route.logicalId} depending on deploy-time values` };
  });
}

/**
 * How an instance that serves no endpoint is reached, when that shows it is an administration host:
 * its security groups open only SSH or RDP, or nothing at all on an instance that CDK's construct
 * path or its Name tag calls a bastion (reached through Session Manager). Undefined otherwise, and
 * whenever its security groups are not known.
 */
function administrationAccess(instance: Resource): string | undefined {
  const inbound = inboundOf(instance);
  if (!inbound.known) return undefined;
  if (inbound.ranges.length) return onlyAdminPorts(inbound.ranges) ? `accepts connections only on ${describePorts(inbound.ranges)}` : undefined;
  const name = tagValue(instance, 'Name');
  return /bastion/i.test(`${instance.constructPath ?? ''} ${name ?? ''}`) ? 'accepts no inbound connections (it is reached through Session Manager)' : undefined;
}

function tagValue(r: Resource, key: string): string | undefined {
  const tags = r.list('Tags');
  if (!tags.known) return undefined;
  for (let i = 0; i < tags.value.length; i++) {
    const k = r.str(`Tags.${i}.Key`);
    const v = r.str(`Tags.${i}.Value`);
    if (k.known && k.value === key && v.known) return v.value;
  }
  return undefined;
}

export const STANDALONE_INSTANCE: Rule = {
  id: 'HA-INSTANCE1',
  title: 'EC2 instance is a single point of failure',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: [INSTANCE],
  explanation:
    'An instance declared on its own (not launched by an Auto Scaling group) is not replaced when it, its host or its '
    + 'Availability Zone fails: it stays down until someone restores it. EC2 commits to 99.5% for a single instance and to '
    + '99.99% only for instances spread over two or more zones. It is worst when the instance is the only endpoint of '
    + 'something: the only target of a load balancer, the only address behind an Elastic IP, a DNS record or a CloudFront '
    + 'origin, or the next hop that other subnets route through (a NAT or proxy instance).',
  flags: 'An `AWS::EC2::Instance` that is the only target of a target group or Classic Load Balancer, the instance of an '
    + 'Elastic IP, the only value of a Route 53 record, a CloudFront origin outside an origin group, or the target of a route '
    + '(error); any other instance that is not one of several endpoints (warning), unless it is an administration host: its security '
    + 'groups open only SSH (22) or RDP (3389), or nothing at all on an instance that its construct path or Name tag calls a bastion (info).',
  defaults: 'An instance in a DNS record with a `SetIdentifier` counts as one of several endpoints when the template has other '
    + 'records with the same name and type.',
  remediation:
    'Run the workload in an Auto Scaling group across at least two Availability Zones behind a load balancer (an Auto Scaling '
    + 'group of one in several zones at least replaces a failed instance); replace NAT instances with one NAT gateway per zone.',
  references: [
    { label: 'Amazon Compute Service Level Agreement', url: 'https://aws.amazon.com/compute/sla/' },
    WA.REL10_BP01,
    WA.REL11_BP03,
    WA.REL11_BP05,
  ],
  evaluate(r, ctx) {
    const interfaces = interfacesOf(r, ctx);
    const addresses = addressRoles(r, interfaces, ctx);
    const roles: Role[] = [
      ...loadBalancerRoles(r, ctx),
      ...addresses.roles,
      ...dnsRoles(r, addresses.eips, ctx),
      ...originRoles(r, addresses.eips, ctx),
      ...routeRoles(r, interfaces, ctx),
    ];
    const sole = roles.filter(role => role.sole === true);
    if (sole.length) {
      return fail(undefined, `EC2 instance ${r.logicalId} is ${sole.map(role => role.text).join('; ')}: when the instance or its `
        + 'Availability Zone fails, that endpoint is down until the instance is restored.');
    }
    const open = roles.filter(role => role.sole === undefined);
    if (open.length) {
      return unknown(undefined, `EC2 instance ${r.logicalId} may be the only endpoint of something: it is ${open.map(role => role.text).join('; ')}.`);
    }
    if (roles.length) return PASS;
    const admin = administrationAccess(r);
    if (admin) {
      return fail(undefined, `EC2 instance ${r.logicalId} runs on its own, outside any Auto Scaling group, but serves no endpoint the templates `
        + `show and ${admin}: an administration or bastion host. When it fails, operators lose that access until it is restored; the `
        + 'workload keeps serving.', Severity.INFO);
    }
    return fail(undefined, `EC2 instance ${r.logicalId} runs on its own, outside any Auto Scaling group: when it, its host or its `
      + 'Availability Zone fails, nothing replaces it.', Severity.WARNING);
  },
};

/** Every EC2 instance rule, in report order. */
export const EC2_RULES: readonly Rule[] = [STANDALONE_INSTANCE];
