import { brief, isObject, Json } from '../model/json';
import { Resource, resourceOf, TemplateModel } from '../model/template-model';
import { AzKey, TopologyIndex } from '../model/topology';
import { describeUndecided, evaluate, intrinsicName, linkedResources } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { placementOf } from './placement';
import { configRule, decideSpread, fail, notApplicable, PASS, Rule, undecided, unknown, WA } from './rule';

const ELBV2_LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const CLB = 'AWS::ElasticLoadBalancing::LoadBalancer';
const TARGET_GROUP = 'AWS::ElasticLoadBalancingV2::TargetGroup';
const ASG = 'AWS::AutoScaling::AutoScalingGroup';
const INSTANCE = 'AWS::EC2::Instance';

const ELB_DOCS = {
  crossZone: { label: 'Cross-zone load balancing for target groups (Network Load Balancer)', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/target-group-cross-zone.html' },
  deletionProtection: { label: 'Application Load Balancer attributes: deletion protection', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/edit-load-balancer-attributes.html' },
  clbCrossZone: { label: 'Configure cross-zone load balancing for your Classic Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/enable-disable-crosszone-lb.html' },
  clbDraining: { label: 'Configure connection draining for your Classic Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/classic/config-conn-drain.html' },
  healthChecks: { label: 'Health checks for Application Load Balancer target groups', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html' },
};

/** A reason as the start of a sentence. */
function sentence(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

// ---------------------------------------------------------------------------------------------
// Shared readers (also used by the EC2 instance rule)
// ---------------------------------------------------------------------------------------------

/** A `Key`/`Value` attribute of a load balancer or target group: its value, absent, or why it is undecided. */
export type Attribute =
  | { readonly kind: 'absent' }
  | { readonly kind: 'value'; readonly value: string; readonly property: string }
  | { readonly kind: 'unknown'; readonly reason: string; readonly property: string };

/** Reads one attribute from a list of `{ Key, Value }` pairs such as `LoadBalancerAttributes`. */
export function attributeOf(r: Resource, listProperty: string, key: string): Attribute {
  const list = r.list(listProperty);
  if (!list.known) return { kind: 'unknown', reason: `${listProperty} is ${list.reason}`, property: listProperty };
  let undecidedKey: Attribute | undefined;
  for (let i = 0; i < list.value.length; i++) {
    const k = r.str(`${listProperty}.${i}.Key`);
    if (!k.known) {
      undecidedKey ??= { kind: 'unknown', reason: `the Key of ${listProperty} item ${i} is ${k.reason}`, property: `${listProperty}.${i}.Key` };
      continue;
    }
    if (k.value !== key) continue;
    const v = r.str(`${listProperty}.${i}.Value`);
    if (!v.known) return { kind: 'unknown', reason: `the value of ${key} is ${v.reason}`, property: `${listProperty}.${i}.Value` };
    return { kind: 'value', value: v.value.trim().toLowerCase(), property: `${listProperty}.${i}.Value` };
  }
  return undecidedKey ?? { kind: 'absent' };
}

/** The resources that register targets with a target group at run time: Auto Scaling groups and ECS services. */
export function dynamicRegistrars(group: Resource): Resource[] {
  const topology = group.model.topology;
  const found = new Set<Resource>([
    ...topology.referrers(ASG, 'TargetGroupARNs', group.logicalId),
    ...topology.referrers(ASG, 'TrafficSources', group.logicalId),
    ...topology.referrers('AWS::ECS::Service', 'LoadBalancers', group.logicalId),
  ]);
  return [...found];
}

/** The Auto Scaling groups that register their instances with a Classic Load Balancer. */
export function clbRegistrars(clb: Resource): Resource[] {
  const topology = clb.model.topology;
  return [...new Set([
    ...topology.referrers(ASG, 'LoadBalancerNames', clb.logicalId),
    ...topology.referrers(ASG, 'TrafficSources', clb.logicalId),
  ])];
}

/** The zone of an EC2 instance of the template, or why it is not known. */
export function instanceZone(instance: Resource): AzKey | string {
  const topology = instance.model.topology;
  const props = instance.properties;
  if (props.AvailabilityZone !== undefined) {
    return topology.azOf(props.AvailabilityZone) ?? `the AvailabilityZone of instance ${instance.logicalId} is ${describeUndecided(instance.value('AvailabilityZone'))}`;
  }
  const nics = props.NetworkInterfaces;
  const subnet = props.SubnetId ?? (Array.isArray(nics) && isObject(nics[0]) ? nics[0].SubnetId : undefined);
  if (subnet !== undefined) {
    return topology.azOfSubnet(subnet) ?? `the zone of the subnet of instance ${instance.logicalId} is not known at synth time`;
  }
  return `instance ${instance.logicalId} names no subnet or zone, so AWS places it`;
}

/**
 * The distinct targets of a static target list: a target registered on several ports is still one target.
 * Items are `{ Id, Port, AvailabilityZone }` objects (target groups) or instance references (Classic Load Balancers).
 */
export function distinctTargets(items: Json[], model: TemplateModel): Json[] {
  const seen = new Map<string, Json>();
  for (const item of items) {
    const raw = isObject(item) && intrinsicName(item) === undefined ? item.Id : item;
    const id = evaluate(raw, model);
    const key = id.kind === 'reference' ? `resource:${id.model.stackName}/${id.logicalId}` : id.kind === 'literal' ? `literal:${JSON.stringify(id.value)}` : `raw:${JSON.stringify(raw ?? null)}`;
    if (!seen.has(key)) seen.set(key, item);
  }
  return [...seen.values()];
}

/** What a static target (`Targets[]` item, or a Classic Load Balancer instance) is and where it runs. */
interface StaticTarget {
  /** The template instance the target is, if it is one. */
  readonly instance?: Resource;
  /** Its zone, `'all'` for a target outside the VPC (`AvailabilityZone: all`), or why it is not known. */
  readonly zone: AzKey | 'all' | string;
}

function staticTarget(item: Json, model: TemplateModel): StaticTarget {
  const raw = isObject(item) && intrinsicName(item) === undefined ? item.Id : item;
  if (isObject(item) && intrinsicName(item) === undefined && item.AvailabilityZone !== undefined) {
    const az = evaluate(item.AvailabilityZone, model);
    if (az.kind === 'literal' && typeof az.value === 'string' && az.value.toLowerCase() === 'all') return { zone: 'all' };
    const key = model.topology.azOf(item.AvailabilityZone);
    if (key) return { zone: key };
  }
  const id = evaluate(raw, model);
  const target = resourceOf(id);
  if (target) {
    if (target.type === INSTANCE) return { instance: target, zone: instanceZone(target) };
    if (target.type === 'AWS::EC2::NetworkInterface') {
      return { zone: target.model.topology.azOfSubnet(target.properties.SubnetId) ?? `the zone of network interface ${target.logicalId} is not known at synth time` };
    }
    return { zone: `the zone of ${target.logicalId} is not known` };
  }
  if (id.kind === 'literal') return { zone: `target ${typeof id.value === 'string' ? id.value : brief(id.value)} is not defined in this template` };
  return { zone: describeUndecided(id) };
}

/** The target groups a load balancer forwards to: from its listeners' default actions and listener rules. */
export function targetGroupsOf(lb: Resource): Resource[] {
  const groups = new Set<Resource>();
  const collect = (raw: Json | undefined, model: TemplateModel) => {
    for (const link of linkedResources(raw, model)) {
      const r = link.model.resource(link.logicalId);
      if (r?.type === TARGET_GROUP) groups.add(r);
    }
  };
  for (const listener of lb.model.topology.referrers('AWS::ElasticLoadBalancingV2::Listener', 'LoadBalancerArn', lb.logicalId)) {
    collect(listener.properties.DefaultActions, listener.model);
    for (const rule of listener.model.topology.referrers('AWS::ElasticLoadBalancingV2::ListenerRule', 'ListenerArn', listener.logicalId)) {
      collect(rule.properties.Actions, rule.model);
    }
  }
  return [...groups];
}

/** The zones a target group has targets in, as far as the template tells. */
interface TargetZones {
  readonly zones: AzKey[];
  /** Some target source spans every zone of the Region. */
  readonly everyZone: boolean;
  readonly undecided: string[];
}

function targetZonesOf(group: Resource): TargetZones {
  const zones: AzKey[] = [];
  const undecidedReasons: string[] = [];
  let everyZone = false;
  const add = (z: AzKey | 'all' | string) => {
    if (z === 'all') everyZone = true;
    else if (typeof z === 'string') undecidedReasons.push(z);
    else zones.push(z);
  };
  const targets = group.list('Targets');
  if (!targets.known) undecidedReasons.push(`the Targets of ${group.logicalId} are ${targets.reason}`);
  else for (const item of targets.value) add(staticTarget(item, group.model).zone);
  const registrars = dynamicRegistrars(group);
  for (const registrar of registrars) {
    const topology = registrar.model.topology;
    if (registrar.type === ASG) {
      const placement = placementOf(registrar, undefined, [{ subnets: 'VPCZoneIdentifier' }, { zones: 'AvailabilityZones' }]);
      if (!placement) { undecidedReasons.push(`Auto Scaling group ${registrar.logicalId} names no subnets`); continue; }
      if ('allZones' in placement) { everyZone = true; continue; }
      if ('undecided' in placement) { undecidedReasons.push(placement.undecided); continue; }
      const items = registrar.list(placement.property);
      for (const item of items.known ? items.value : []) {
        add(placement.property === 'AvailabilityZones' ? topology.azOf(item) ?? 'a zone not known at synth time' : topology.azOfSubnet(item) ?? 'a subnet whose zone is not known at synth time');
      }
    } else {
      const subnets = registrar.list('NetworkConfiguration.AwsvpcConfiguration.Subnets');
      if (!subnets.known || subnets.value.length === 0) {
        undecidedReasons.push(`ECS service ${registrar.logicalId} places its tasks where its cluster has capacity`);
        continue;
      }
      for (const item of subnets.value) add(topology.azOfSubnet(item) ?? 'a subnet whose zone is not known at synth time');
    }
  }
  if ((targets.known && targets.value.length === 0) && registrars.length === 0) {
    undecidedReasons.push(`no targets of ${group.logicalId} are registered in this template`);
  }
  return { zones, everyZone, undecided: undecidedReasons };
}

/** The zones of a load balancer's subnets, or undefined when any of them is not known. */
function loadBalancerZones(lb: Resource): AzKey[] | undefined {
  for (const property of ['Subnets', 'SubnetMappings']) {
    if (!lb.has(property)) continue;
    const list = lb.list(property);
    if (!list.known) return undefined;
    const zones: AzKey[] = [];
    for (const item of list.value) {
      const subnet = property === 'SubnetMappings' ? (isObject(item) ? item.SubnetId : undefined) : item;
      const az = lb.model.topology.azOfSubnet(subnet ?? undefined);
      if (!az) return undefined;
      if (!zones.some(z => TopologyIndex.differ(z, az) === false)) zones.push(az);
    }
    return zones;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Rules
// ---------------------------------------------------------------------------------------------

export const LB_MULTI_AZ: Rule = {
  id: 'HA-ELB1',
  title: 'Load balancer is in one Availability Zone',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: [ELBV2_LB, CLB],
  explanation:
    'A load balancer has nodes only in the zones of its subnets. In one zone, a zone failure takes the entry point of the '
    + 'workload down however many targets survive elsewhere. Network and Gateway Load Balancers accept a single subnet; '
    + 'the ELB SLA is 99.99% for load balancers in several zones and 99.9% for one zone.',
  flags: 'A load balancer whose `Subnets`, `SubnetMappings` or (Classic) `AvailabilityZones` are in fewer than two zones.',
  defaults: 'Subnets without an explicit `AvailabilityZone` are placed by AWS, so their zone is undecided.',
  remediation: 'Attach the load balancer to subnets in at least two Availability Zones (CDK: `vpcSubnets` selecting one subnet per zone).',
  references: [configRule('elbv2-multiple-az'), configRule('clb-multiple-az'), WA.REL10_BP01],
  evaluate(r, ctx) {
    const placement = placementOf(r, ctx, [{ subnets: 'Subnets' }, { subnetMappings: 'SubnetMappings' }, { zones: 'AvailabilityZones' }]);
    if (!placement) return unknown('Subnets', 'No subnets or zones are set: the load balancer is placed in the default VPC.');
    if ('allZones' in placement) return PASS;
    if ('undecided' in placement) return unknown(placement.property, `${placement.undecided}, so the zones of load balancer ${r.logicalId} are decided at deploy time.`);
    return decideSpread(placement.spread, placement.property, `Load balancer ${r.logicalId}`,
      'a zone failure takes the entry point down even if targets in other zones are healthy.');
  },
};

const CROSS_ZONE = 'load_balancing.cross_zone.enabled';

export const NLB_CROSS_ZONE: Rule = {
  id: 'HA-ELB2',
  title: 'Network or Gateway Load Balancer does not balance across zones',
  severity: Severity.INFO,
  category: RuleCategory.FAILOVER,
  resourceTypes: [ELBV2_LB],
  explanation:
    'With cross-zone load balancing off, each node of a Network or Gateway Load Balancer sends traffic only to targets in '
    + 'its own zone. That isolates zones from each other, which AWS documents as a valid choice, but it needs healthy targets '
    + 'in every enabled zone: a zone without targets, or with fewer than the others, drops or overloads the share of clients '
    + 'that DNS sends to its node. Application Load Balancers always balance across zones and are not judged.',
  flags: 'A Network or Gateway Load Balancer without `load_balancing.cross_zone.enabled = true` (on the load balancer or on every '
    + 'target group it forwards to): a warning when an enabled zone certainly has no targets, a note when the template does not '
    + 'show targets in every zone.',
  defaults: '`load_balancing.cross_zone.enabled` defaults to false for Network and Gateway Load Balancers; a target group '
    + 'defaults to the load balancer\'s setting. A load balancer whose targets provably cover every one of its zones passes.',
  remediation:
    'Set the load balancer attribute `load_balancing.cross_zone.enabled` to `true` (CDK: `crossZoneEnabled: true` on '
    + '`NetworkLoadBalancer` / `GatewayLoadBalancer`), or keep it off deliberately and register targets in every zone of the load balancer.',
  references: [configRule('nlb-cross-zone-load-balancing-enabled'), ELB_DOCS.crossZone, WA.REL10_BP01],
  evaluate(r) {
    const type = r.str('Type', 'application');
    if (!type.known) return undecided('Type', type);
    const kind = type.value.toLowerCase();
    if (kind !== 'network' && kind !== 'gateway') return notApplicable('an Application Load Balancer always balances across zones');
    const label = `${kind === 'network' ? 'Network' : 'Gateway'} Load Balancer ${r.logicalId}`;
    const attr = attributeOf(r, 'LoadBalancerAttributes', CROSS_ZONE);
    if (attr.kind === 'unknown') return unknown(attr.property, `${sentence(attr.reason)}, so whether ${label} balances across zones is decided at deploy time.`);
    if (attr.kind === 'value' && attr.value === 'true') return PASS;
    const groups = targetGroupsOf(r);
    const groupSettings = groups.map(g => attributeOf(g, 'TargetGroupAttributes', CROSS_ZONE));
    if (groups.length && groupSettings.every(s => s.kind === 'value' && s.value === 'true')) return PASS;
    const state = attr.kind === 'value' ? 'off' : 'not enabled (it is off by default)';
    const zones = loadBalancerZones(r);
    if (zones && groups.length) {
      const targetZones = groups.map(g => targetZonesOf(g));
      const empty: string[] = [];
      let allCovered = true;
      for (const zone of zones) {
        const covered = targetZones.some(t => t.everyZone || t.zones.some(z => TopologyIndex.differ(z, zone) === false));
        if (covered) continue;
        allCovered = false;
        const comparable = targetZones.every(t => t.undecided.length === 0 && t.zones.every(z => TopologyIndex.differ(z, zone) !== undefined));
        if (comparable) empty.push(zone.label);
      }
      if (empty.length) {
        return fail('LoadBalancerAttributes', `${label} has cross-zone load balancing ${state}, and no target in ${empty.join(', ')}: `
          + 'clients that DNS sends to the node in that zone find no target to reach.', Severity.WARNING);
      }
      if (allCovered) return PASS;
    }
    return fail('LoadBalancerAttributes', `${label} has cross-zone load balancing ${state}: each node sends traffic only to targets in `
      + 'its own zone, and the template does not show targets in every zone of the load balancer, so a zone with few or no '
      + 'targets overloads or drops its share of clients.');
  },
};

export const ELBV2_DELETION_PROTECTION: Rule = {
  id: 'HA-ELB3',
  title: 'Load balancer has no deletion protection',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: [ELBV2_LB],
  explanation:
    'A load balancer is the entry point of the workload; its DNS name is what clients and DNS records point to. Deleting it '
    + 'by mistake (a stack update that replaces it, a console slip, an automation bug) is an outage, and a new load balancer '
    + 'gets a new DNS name. Deletion protection makes the delete fail until someone turns it off on purpose.',
  flags: 'An Application, Network or Gateway Load Balancer whose `LoadBalancerAttributes` lack `deletion_protection.enabled = true`.',
  defaults: '`deletion_protection.enabled` defaults to false.',
  remediation: 'Add the attribute `deletion_protection.enabled` = `true` to `LoadBalancerAttributes` (CDK: `deletionProtection: true` on the load balancer).',
  raisedBy: 'availability',
  references: [configRule('elb-deletion-protection-enabled'), ELB_DOCS.deletionProtection, WA.REL09_BP01],
  evaluate(r) {
    const attr = attributeOf(r, 'LoadBalancerAttributes', 'deletion_protection.enabled');
    if (attr.kind === 'unknown') return unknown(attr.property, `${sentence(attr.reason)}, so whether load balancer ${r.logicalId} is protected is decided at deploy time.`);
    if (attr.kind === 'value' && attr.value === 'true') return PASS;
    return fail(attr.kind === 'value' ? attr.property : 'LoadBalancerAttributes',
      `Load balancer ${r.logicalId} has deletion protection ${attr.kind === 'value' ? 'turned off' : 'not enabled'}: `
      + 'a mistaken delete or replacement takes the entry point down and changes its DNS name.');
  },
};

export const CLB_CROSS_ZONE: Rule = {
  id: 'HA-ELB4',
  title: 'Classic Load Balancer does not balance across zones',
  severity: Severity.WARNING,
  category: RuleCategory.FAILOVER,
  resourceTypes: [CLB],
  explanation:
    'Without cross-zone load balancing, each node of a Classic Load Balancer spreads requests only over the instances in its '
    + 'own zone. When a zone loses instances, the clients that DNS sends to its node share the few that are left, and clients '
    + 'that cache DNS keep doing so; with cross-zone on, every node uses every healthy instance.',
  flags: 'A Classic Load Balancer with `CrossZone` absent or false.',
  defaults: '`CrossZone` defaults to false when a Classic Load Balancer is created through the API or CloudFormation '
    + '(the console turns it on).',
  remediation: 'Set `CrossZone: true` (CDK: `crossZone: true` on `elb.LoadBalancer`, its default), or move to an Application Load Balancer.',
  references: [configRule('elb-cross-zone-load-balancing-enabled'), ELB_DOCS.clbCrossZone, WA.REL10_BP01],
  evaluate(r) {
    const crossZone = r.bool('CrossZone', false);
    if (!crossZone.known) return undecided('CrossZone', crossZone);
    if (crossZone.value) return PASS;
    return fail('CrossZone', `Classic Load Balancer ${r.logicalId} has cross-zone load balancing ${crossZone.explicit ? 'turned off' : 'not enabled (CrossZone is not set)'}: `
      + 'when a zone loses instances, its node overloads the ones left there while other zones have spare capacity.');
  },
};

export const CLB_CONNECTION_DRAINING: Rule = {
  id: 'HA-ELB5',
  title: 'Classic Load Balancer does not drain connections',
  severity: Severity.INFO,
  category: RuleCategory.FAILOVER,
  resourceTypes: [CLB],
  explanation:
    'Without connection draining, a Classic Load Balancer cuts in-flight requests the moment an instance is deregistered or '
    + 'found unhealthy: every scale-in, deployment and instance replacement fails the requests that instance was serving.',
  flags: 'A Classic Load Balancer with `ConnectionDrainingPolicy` absent or with `Enabled` not true.',
  defaults: 'Connection draining is off unless `ConnectionDrainingPolicy.Enabled` is true.',
  remediation: 'Set `ConnectionDrainingPolicy: { Enabled: true, Timeout: 300 }` (or a timeout matching your longest requests).',
  references: [ELB_DOCS.clbDraining, WA.REL11_BP03],
  evaluate(r) {
    const enabled = r.bool('ConnectionDrainingPolicy.Enabled', false);
    if (!enabled.known) return undecided('ConnectionDrainingPolicy.Enabled', enabled);
    if (enabled.value) return PASS;
    return fail('ConnectionDrainingPolicy', `Classic Load Balancer ${r.logicalId} does not drain connections: requests in flight on an `
      + 'instance that is deregistered or replaced are cut off.');
  },
};

export const TARGET_GROUP_HEALTH_CHECK: Rule = {
  id: 'HA-ELB6',
  title: 'Target group health check is off or left at its default path',
  severity: Severity.INFO,
  category: RuleCategory.FAILOVER,
  resourceTypes: [TARGET_GROUP],
  explanation:
    'A load balancer stops sending traffic to a target only when its health check fails. Without a health check it keeps '
    + 'routing to failed targets. An HTTP health check left at the default path `/` usually proves only that the web server '
    + 'answers, so a target whose application is broken keeps receiving traffic; a dedicated path that exercises the '
    + 'application (but not its shared dependencies) detects that.',
  flags: 'An instance, IP or ALB target group with `HealthCheckEnabled: false` (an error); an HTTP or HTTPS health check with '
    + '`HealthCheckPath` absent (a note).',
  defaults: '`TargetType` defaults to `instance`; `HealthCheckEnabled` defaults to true for instance, IP and ALB targets (ELB '
    + 'documents that it cannot be turned off for them) and false for Lambda targets; `HealthCheckPath` defaults to `/`; '
    + '`HealthCheckProtocol` defaults to HTTP for HTTP and HTTPS target groups and TCP for the others. Lambda target groups are '
    + 'not judged. The rule\'s severity is that of the note; a disabled health check is reported as an error.',
  remediation: 'Keep health checks on and set `HealthCheckPath` to a dedicated health endpoint of the application (CDK: '
    + '`healthCheck: { path: \'/health\' }` on the target group).',
  references: [ELB_DOCS.healthChecks, WA.REL11_BP01],
  evaluate(r) {
    const targetType = r.str('TargetType', 'instance');
    if (!targetType.known) return undecided('TargetType', targetType);
    if (targetType.value.toLowerCase() === 'lambda') return notApplicable('a Lambda target group has a single function target');
    const enabled = r.bool('HealthCheckEnabled', true);
    if (!enabled.known) return undecided('HealthCheckEnabled', enabled);
    if (!enabled.value) {
      return fail('HealthCheckEnabled', `Target group ${r.logicalId} turns health checks off (HealthCheckEnabled: false): the load balancer `
        + 'cannot tell failed targets from healthy ones and keeps sending them traffic.', Severity.ERROR);
    }
    if (r.has('HealthCheckPath')) return PASS;
    const protocolVersion = r.str('ProtocolVersion', 'HTTP1');
    if (protocolVersion.known && protocolVersion.value.toUpperCase() === 'GRPC') return PASS;
    let healthProtocol: string;
    if (r.has('HealthCheckProtocol')) {
      const explicit = r.str('HealthCheckProtocol');
      if (!explicit.known) return undecided('HealthCheckProtocol', explicit);
      healthProtocol = explicit.value;
    } else {
      if (!r.has('Protocol')) return PASS;
      const protocol = r.str('Protocol');
      if (!protocol.known) return undecided('Protocol', protocol);
      healthProtocol = /^HTTPS?$/i.test(protocol.value) ? protocol.value : 'TCP';
    }
    if (!/^HTTPS?$/i.test(healthProtocol)) return PASS;
    return fail('HealthCheckPath', `Target group ${r.logicalId} health-checks the default path "/": that usually shows only that the `
      + 'server answers, so targets whose application fails keep receiving traffic.');
  },
};

export const STATIC_TARGETS: Rule = {
  id: 'HA-ELB7',
  title: 'Load balancer has one static target, or static targets in one zone',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: [TARGET_GROUP, CLB],
  explanation:
    'Targets listed in the template (target group `Targets`, Classic Load Balancer `Instances`) are fixed: nothing replaces '
    + 'them when they fail. With one of them, its failure is an outage; with all of them in one zone, a zone failure is. '
    + 'Targets registered by an Auto Scaling group or an ECS service are judged by the rules of those resources.',
  flags: 'A target group or Classic Load Balancer whose static targets number fewer than two or are all in one Availability Zone, '
    + 'when no Auto Scaling group or ECS service registers targets with it. A single EC2 instance of the template as the only '
    + 'target is reported on the instance itself.',
  defaults: 'A target\'s zone is its `AvailabilityZone`, or the zone of the instance\'s subnet; targets outside the template are undecided.',
  remediation: 'Register targets through an Auto Scaling group (`TargetGroupARNs`) or an ECS service across at least two zones, '
    + 'or list at least two targets in different Availability Zones.',
  references: [WA.REL10_BP01, WA.REL11_BP03],
  evaluate(r) {
    const isClb = r.type === CLB;
    const property = isClb ? 'Instances' : 'Targets';
    const label = isClb ? `Classic Load Balancer ${r.logicalId}` : `target group ${r.logicalId}`;
    const Label = label[0].toUpperCase() + label.slice(1);
    if (!isClb) {
      const targetType = r.str('TargetType', 'instance');
      if (targetType.known && /^(lambda|alb)$/i.test(targetType.value)) {
        return notApplicable(`a ${targetType.value.toLowerCase()} target spans zones itself`);
      }
    }
    if (!r.has(property)) return notApplicable('no static targets');
    const registrars = isClb ? clbRegistrars(r) : dynamicRegistrars(r);
    if (registrars.length) return notApplicable(`targets are also registered by ${registrars.map(x => x.logicalId).join(', ')}`);
    const list = r.list(property);
    if (!list.known) return unknown(property, `${property} is ${list.reason}, so the targets of ${label} are decided at deploy time.`);
    if (list.value.length === 0) return notApplicable('no static targets');
    const targets = distinctTargets(list.value, r.model).map(item => staticTarget(item, r.model));
    if (targets.length === 1) {
      if (targets[0].instance) return notApplicable(`its only target is instance ${targets[0].instance.logicalId}, which the instance rule reports`);
      return fail(property, `${Label} has a single static target: when it fails, nothing replaces it and the load balancer has nowhere to send traffic.`);
    }
    if (targets.some(t => t.zone === 'all')) return PASS;
    const spread = TopologyIndex.spread(targets.map(t => t.zone as AzKey | string));
    return decideSpread(spread, property, `Every static target of ${label}`,
      'a zone failure leaves the load balancer with no target.');
  },
};

/** Every load-balancing rule, in report order. */
export const LOAD_BALANCING_RULES: readonly Rule[] = [
  LB_MULTI_AZ,
  STATIC_TARGETS,
  TARGET_GROUP_HEALTH_CHECK,
  CLB_CROSS_ZONE,
  NLB_CROSS_ZONE,
  CLB_CONNECTION_DRAINING,
  ELBV2_DELETION_PROTECTION,
];
