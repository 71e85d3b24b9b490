import type { Resource } from '../model/template-model';
import { RuleCategory, Severity } from '../types';
import { attributeOf, targetGroupsOf } from './load-balancing';
import { placementOf } from './placement';
import { fail, notApplicable, Outcome, PASS, Rule, RuleReference, undecided, unknown, WA } from './rule';

const ELBV2_LB = 'AWS::ElasticLoadBalancingV2::LoadBalancer';
const ASG = 'AWS::AutoScaling::AutoScalingGroup';
const ZONAL_SHIFT_ATTRIBUTE = 'zonal_shift.config.enabled';

const ARC_DOCS: Record<'zonalShift' | 'autoshift' | 'resources' | 'nlb', RuleReference> = {
  zonalShift: { label: 'Zonal shift in ARC', url: 'https://docs.aws.amazon.com/r53recovery/latest/dg/arc-zonal-shift.html' },
  autoshift: { label: 'Zonal autoshift and practice runs', url: 'https://docs.aws.amazon.com/r53recovery/latest/dg/arc-zonal-autoshift.html' },
  resources: { label: 'Supported resources for zonal shift and zonal autoshift', url: 'https://docs.aws.amazon.com/r53recovery/latest/dg/arc-zonal-shift.resource-types.html' },
  nlb: { label: 'Enable zonal shift for your Network Load Balancer', url: 'https://docs.aws.amazon.com/elasticloadbalancing/latest/network/enable-zonal-shift.html' },
};

/** Whether a load balancer or group spans several zones: yes, no, or why that is undecided. */
function spansZones(r: Resource): true | false | { undecided: string } {
  const options = r.type === ASG
    ? [{ subnets: 'VPCZoneIdentifier' }, { zones: 'AvailabilityZones' }] as const
    : [{ subnets: 'Subnets' }, { subnetMappings: 'SubnetMappings' }] as const;
  const placement = placementOf(r, undefined, options);
  if (!placement) return { undecided: `the zones of ${r.logicalId} are not in the template` };
  if ('allZones' in placement) return true;
  if ('undecided' in placement) return { undecided: placement.undecided };
  if (placement.spread.min >= 2) return true;
  if (placement.spread.max < 2) return false;
  return { undecided: placement.spread.undecided ?? 'the zones of its subnets cannot be compared' };
}

/** Whether zonal shift is on for a load balancer or an Auto Scaling group: yes, no, or an undecided outcome. */
function zonalShiftOf(r: Resource): boolean | Outcome {
  if (r.type === ASG) {
    const enabled = r.bool('AvailabilityZoneImpairmentPolicy.ZonalShiftEnabled', false);
    return enabled.known ? enabled.value : undecided('AvailabilityZoneImpairmentPolicy.ZonalShiftEnabled', enabled);
  }
  const attr = attributeOf(r, 'LoadBalancerAttributes', ZONAL_SHIFT_ATTRIBUTE);
  if (attr.kind === 'unknown') return unknown(attr.property, `${attr.reason.charAt(0).toUpperCase()}${attr.reason.slice(1)}, so whether zonal shift is on is decided at deploy time.`);
  return attr.kind === 'value' && attr.value === 'true';
}

export const ZONAL_SHIFT_OFF: Rule = {
  id: 'HA-ARC1',
  title: 'Load balancer or Auto Scaling group in several zones cannot be shifted away from one',
  severity: Severity.WARNING,
  category: RuleCategory.FAILOVER,
  resourceTypes: [ELBV2_LB, ASG],
  explanation:
    'A zone can fail partly (gray failures: packet loss, slow disks, a bad deployment) while its targets still pass health checks. '
    + 'ARC zonal shift moves traffic and launches away from that zone with one action, and zonal autoshift lets AWS do it when it '
    + 'detects an impaired zone; both need the resource to opt in. A tier that is statically stable (enough capacity in the other '
    + 'zones) loses nothing by the shift; without it, someone has to find and isolate the zone by hand during the incident.',
  flags: 'An Application or Network Load Balancer, or an Auto Scaling group, in two or more zones whose `zonal_shift.config.enabled` '
    + 'load balancer attribute, or `AvailabilityZoneImpairmentPolicy.ZonalShiftEnabled`, is absent or false.',
  defaults: 'Zonal shift is off by default on load balancers and Auto Scaling groups. Gateway Load Balancers do not support it; '
    + 'resources in one zone are judged by HA-ELB1 and HA-ASG1.',
  remediation: 'Turn zonal shift on: the load balancer attribute `zonal_shift.config.enabled` = `true` (CDK: '
    + '`loadBalancer.setAttribute(\'zonal_shift.config.enabled\', \'true\')`, or `zonalShift: true` on a `NetworkLoadBalancer`), and on the '
    + 'group `AvailabilityZoneImpairmentPolicy: { ZonalShiftEnabled: true, ImpairedZoneHealthCheckBehavior: IgnoreUnhealthy }`. '
    + 'A `MultiAzWebTier` does both.',
  raisedBy: 'availability',
  references: [ARC_DOCS.zonalShift, ARC_DOCS.resources, WA.REL11_BP02, WA.REL11_BP05],
  evaluate(r) {
    const what = r.type === ASG ? `Auto Scaling group ${r.logicalId}` : `Load balancer ${r.logicalId}`;
    if (r.type === ELBV2_LB) {
      const type = r.str('Type', 'application');
      if (!type.known) return undecided('Type', type);
      if (type.value.toLowerCase() === 'gateway') return notApplicable('Gateway Load Balancers do not support zonal shift');
    }
    const on = zonalShiftOf(r);
    if (on === true) return PASS;
    if (on !== false) return on;
    const multi = spansZones(r);
    if (multi === false) return notApplicable('in one zone: the multi-AZ rules judge it');
    const property = r.type === ASG ? 'AvailabilityZoneImpairmentPolicy' : 'LoadBalancerAttributes';
    if (multi !== true) return unknown(property, `${what} has zonal shift off, and whether it spans several zones is decided at deploy time: ${multi.undecided}.`);
    return fail(property, `${what} spans several zones with zonal shift off: when one zone is impaired but still passes health checks, `
      + 'nobody can move its traffic and launches away with one action, and zonal autoshift cannot do it either.');
  },
};

export const AUTOSHIFT_WITHOUT_OUTCOME_ALARMS: Rule = {
  id: 'HA-ARC2',
  title: 'Zonal autoshift has no practice-run outcome alarm',
  severity: Severity.WARNING,
  category: RuleCategory.MONITORING,
  resourceTypes: ['AWS::ARCZonalShift::ZonalAutoshiftConfiguration'],
  explanation:
    'With zonal autoshift on, ARC shifts the resource away from one zone every week in a practice run, to prove that the other zones '
    + 'carry the load. An outcome alarm is how a practice run knows it hurt the application: ARC ends the run and reports it as failed '
    + 'when the alarm fires. Without one, a practice run that breaks the application goes on for its full 30 minutes and passes.',
  flags: 'A zonal autoshift configuration with `ZonalAutoshiftStatus: ENABLED` whose `PracticeRunConfiguration.OutcomeAlarms` is absent or empty.',
  defaults: 'A practice run configuration is required when autoshift is enabled, and it needs an outcome alarm (CloudFormation takes one: '
    + 'a composite alarm combines several); a blocking alarm is optional. Alarms must be in the resource\'s Region.',
  remediation: 'Give `PracticeRunConfiguration.OutcomeAlarms` an alarm that says the application is unhealthy (errors, latency, healthy '
    + 'targets per zone; a composite alarm of them), as `{ Type: CLOUDWATCH, AlarmIdentifier: <alarm ARN> }`. `MultiAzWebTier` with '
    + '`zonalAutoshift: true` uses a composite of its own alarms.',
  references: [ARC_DOCS.autoshift, WA.REL11_BP02, WA.REL06_BP01],
  evaluate(r) {
    const status = r.str('ZonalAutoshiftStatus', 'DISABLED');
    if (!status.known) return undecided('ZonalAutoshiftStatus', status);
    if (status.value.toUpperCase() !== 'ENABLED') return notApplicable('zonal autoshift is disabled: no practice runs');
    if (!r.has('PracticeRunConfiguration')) {
      return fail('PracticeRunConfiguration', `Zonal autoshift ${r.logicalId} is enabled without a practice run configuration: `
        + 'weekly practice runs have no outcome alarm to tell a run that hurt the application from one that did not.');
    }
    const alarms = r.list('PracticeRunConfiguration.OutcomeAlarms');
    if (!alarms.known) return undecided('PracticeRunConfiguration.OutcomeAlarms', alarms);
    if (alarms.value.length > 0) return PASS;
    return fail('PracticeRunConfiguration.OutcomeAlarms', `Zonal autoshift ${r.logicalId} has no practice-run outcome alarm: a weekly `
      + 'practice run that breaks the application runs its full course and is reported as passed.');
  },
};

export const EKS_ZONAL_SHIFT_OFF: Rule = {
  id: 'HA-ARC3',
  title: 'EKS cluster cannot be shifted away from an Availability Zone',
  severity: Severity.WARNING,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::EKS::Cluster'],
  explanation:
    'With zonal shift on, an EKS cluster stops sending east-west traffic to the pods in an impaired zone and stops scheduling new pods '
    + 'there, with one action or through zonal autoshift. Without it, a zone that fails partly keeps receiving traffic from the other '
    + 'zones until someone cordons its nodes by hand.',
  flags: 'An EKS cluster whose `ZonalShiftConfig.Enabled` is absent or false.',
  defaults: 'Zonal shift is off by default on EKS clusters.',
  remediation: 'Set `ZonalShiftConfig: { Enabled: true }` on the cluster (CDK L1: `zonalShiftConfig: { enabled: true }`), and run the '
    + 'workloads statically stable: enough pods in the other zones, spread with topology spread constraints.',
  raisedBy: 'availability',
  references: [
    { label: 'Learn about ARC zonal shift in Amazon EKS', url: 'https://docs.aws.amazon.com/eks/latest/userguide/zone-shift.html' },
    ARC_DOCS.resources,
    WA.REL11_BP02,
  ],
  evaluate(r) {
    const enabled = r.bool('ZonalShiftConfig.Enabled', false);
    if (!enabled.known) return undecided('ZonalShiftConfig.Enabled', enabled);
    if (enabled.value) return PASS;
    return fail('ZonalShiftConfig', `EKS cluster ${r.logicalId} has zonal shift off: traffic keeps reaching pods in a zone that fails `
      + 'partly until someone cordons its nodes by hand.');
  },
};

const CONNECTION_TERMINATION = 'target_health_state.unhealthy.connection_termination.enabled';

/**
 * Why a target group keeps a cross-zone Network Load Balancer from zonal shift: a reason, nothing, or
 * why that is decided at deploy time (only when no setting that is known already keeps it off).
 */
function blocksZonalShift(group: Resource): { reason: string } | { undecided: string } | undefined {
  const undecidedBy: string[] = [];
  const protocol = group.str('Protocol');
  if (!protocol.known && group.has('Protocol')) undecidedBy.push(`Protocol is ${protocol.reason}`);
  else if (protocol.known && !['TCP', 'TLS'].includes(protocol.value.toUpperCase())) return { reason: `its protocol is ${protocol.value} (zonal shift needs TCP or TLS)` };
  const type = group.str('TargetType', 'instance');
  if (!type.known) undecidedBy.push(`TargetType is ${type.reason}`);
  else if (type.value.toLowerCase() === 'alb') return { reason: 'its targets are Application Load Balancers' };
  for (const [key, wrong, why] of [
    [CONNECTION_TERMINATION, 'true', 'it terminates the connections of unhealthy targets (on by default)'],
    ['load_balancing.cross_zone.enabled', 'false', 'it turns cross-zone load balancing off'],
  ] as const) {
    const attr = attributeOf(group, 'TargetGroupAttributes', key);
    if (attr.kind === 'unknown') { undecidedBy.push(attr.reason); continue; }
    const value = attr.kind === 'value' ? attr.value : key === CONNECTION_TERMINATION ? 'true' : 'use_load_balancer_configuration';
    if (value === wrong) return { reason: why };
  }
  return undecidedBy.length ? { undecided: `whether target group ${group.logicalId} allows zonal shift is decided at deploy time: ${undecidedBy.join('; ')}` } : undefined;
}

export const NLB_TARGET_GROUPS_PREVENT_ZONAL_SHIFT: Rule = {
  id: 'HA-ARC4',
  title: 'Network Load Balancer with cross-zone load balancing has target groups that prevent zonal shift',
  severity: Severity.WARNING,
  category: RuleCategory.FAILOVER,
  resourceTypes: [ELBV2_LB],
  explanation:
    'Zonal shift on a Network Load Balancer with cross-zone load balancing on can only be turned on when every target group it '
    + 'forwards to uses TCP or TLS, has no Application Load Balancer targets, keeps the connections of unhealthy targets open, and '
    + 'leaves cross-zone load balancing on. One target group that does not is enough to make the zonal shift attribute fail to '
    + 'apply, so the load balancer cannot be shifted away from an impaired zone.',
  flags: 'A Network Load Balancer with `load_balancing.cross_zone.enabled = true` that forwards (through its listeners) to a target group '
    + 'whose protocol is not TCP or TLS, whose targets are Application Load Balancers, whose '
    + '`target_health_state.unhealthy.connection_termination.enabled` is absent or true, or whose `load_balancing.cross_zone.enabled` is false.',
  defaults: 'Connection termination for unhealthy targets is on by default; a target group\'s cross-zone setting defaults to the load '
    + 'balancer\'s. With cross-zone load balancing off, zonal shift has no such requirements.',
  remediation: 'On each target group of the load balancer set `target_health_state.unhealthy.connection_termination.enabled` = `false` '
    + 'and use TCP or TLS (CDK: `targetGroup.setAttribute(...)`), or turn cross-zone load balancing off and keep enough targets in every zone.',
  raisedBy: 'availability',
  references: [ARC_DOCS.nlb, ARC_DOCS.resources, WA.REL11_BP02],
  evaluate(r) {
    const type = r.str('Type', 'application');
    if (!type.known) return undecided('Type', type);
    if (type.value.toLowerCase() !== 'network') return notApplicable('not a Network Load Balancer');
    const crossZone = attributeOf(r, 'LoadBalancerAttributes', 'load_balancing.cross_zone.enabled');
    if (crossZone.kind === 'unknown') return unknown(crossZone.property, `Whether ${r.logicalId} balances across zones is decided at deploy time: ${crossZone.reason}.`);
    if (crossZone.kind !== 'value' || crossZone.value !== 'true') return notApplicable('cross-zone load balancing is off: zonal shift has no target group requirements');
    const groups = targetGroupsOf(r);
    if (groups.length === 0) return notApplicable('no target group of the template is attached to it');
    const blocking: string[] = [];
    let undecidedGroup: string | undefined;
    for (const group of groups) {
      const why = blocksZonalShift(group);
      if (why === undefined) continue;
      if ('undecided' in why) undecidedGroup ??= why.undecided;
      else blocking.push(`${group.logicalId} (${why.reason})`);
    }
    if (blocking.length === 0) {
      return undecidedGroup ? unknown('LoadBalancerAttributes', `${undecidedGroup.charAt(0).toUpperCase()}${undecidedGroup.slice(1)}.`) : PASS;
    }
    return fail('LoadBalancerAttributes', `Network Load Balancer ${r.logicalId} balances across zones, and its target group${blocking.length === 1 ? '' : 's'} `
      + `${blocking.join(', ')} keep${blocking.length === 1 ? 's' : ''} zonal shift from being turned on: it cannot be shifted away from an impaired zone.`);
  },
};

/** Every zonal shift rule; register these in the rule index. */
export const ZONAL_SHIFT_RULES: readonly Rule[] = [
  ZONAL_SHIFT_OFF, AUTOSHIFT_WITHOUT_OUTCOME_ALARMS, EKS_ZONAL_SHIFT_OFF, NLB_TARGET_GROUPS_PREVENT_ZONAL_SHIFT,
];
