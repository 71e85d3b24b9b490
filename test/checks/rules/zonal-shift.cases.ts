import { withSubnets } from './builders';
import { RuleCases } from './cases';
import {
  AUTOSHIFT_WITHOUT_OUTCOME_ALARMS, EKS_ZONAL_SHIFT_OFF, NLB_TARGET_GROUPS_PREVENT_ZONAL_SHIFT, ZONAL_SHIFT_OFF,
} from '../../../src/checks/rules/zonal-shift';
import { az, res, subnet, template } from '../../helpers/templates';

const attrs = (pairs: Record<string, unknown>) => Object.entries(pairs).map(([Key, Value]) => ({ Key, Value }));
const params = { Parameters: { P: { Type: 'String' } } };
const alb = (subnets: unknown, extra: Record<string, unknown> = {}) => res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Subnets: subnets, ...extra });
const asg = (subnets: unknown, extra: Record<string, unknown> = {}) => res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '4', VPCZoneIdentifier: subnets, ...extra });
const shifted = { LoadBalancerAttributes: attrs({ 'zonal_shift.config.enabled': 'true' }) };
const impairment = (enabled: unknown) => ({ AvailabilityZoneImpairmentPolicy: { ZonalShiftEnabled: enabled, ImpairedZoneHealthCheckBehavior: 'IgnoreUnhealthy' } });
const autoshift = (props: Record<string, unknown>) => res('AWS::ARCZonalShift::ZonalAutoshiftConfiguration', { ResourceIdentifier: 'arn:aws:elasticloadbalancing:eu-west-1:1:loadbalancer/app/x/1', ...props });
const outcome = (alarms: unknown) => ({ ZonalAutoshiftStatus: 'ENABLED', PracticeRunConfiguration: { OutcomeAlarms: alarms } });
const cluster = (props: Record<string, unknown> = {}) => res('AWS::EKS::Cluster', { RoleArn: 'arn:aws:iam::1:role/eks', ResourcesVpcConfig: { SubnetIds: ['a', 'b'] }, ...props });

/** A Network Load Balancer `R` with cross-zone load balancing on and a TCP listener forwarding to target group `TG`. */
function nlb(tgExtra: Record<string, unknown> = {}, lbAttrs: Record<string, unknown> = { 'load_balancing.cross_zone.enabled': 'true' }, extra: object = {}) {
  return template({
    A: subnet(az(0)),
    B: subnet(az(1)),
    R: res('AWS::ElasticLoadBalancingV2::LoadBalancer', { Type: 'network', Subnets: [{ Ref: 'A' }, { Ref: 'B' }], LoadBalancerAttributes: attrs(lbAttrs) }),
    TG: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 443, Protocol: 'TCP', VpcId: 'vpc-1', ...tgExtra }),
    L: res('AWS::ElasticLoadBalancingV2::Listener', { LoadBalancerArn: { Ref: 'R' }, Port: 443, Protocol: 'TCP', DefaultActions: [{ Type: 'forward', TargetGroupArn: { Ref: 'TG' } }] }),
  }, { ...params, ...extra });
}
const keepConnections = { TargetGroupAttributes: attrs({ 'target_health_state.unhealthy.connection_termination.enabled': 'false' }) };

export const ZONAL_SHIFT_CASES: RuleCases[] = [
  {
    rule: ZONAL_SHIFT_OFF,
    compliant: {
      'an Application Load Balancer in two zones with zonal shift on': { template: withSubnets([az(0), az(1)], s => alb(s, shifted)), target: 'R' },
      'an Auto Scaling group in two zones with zonal shift on': { template: withSubnets([az(0), az(1)], s => asg(s, impairment(true))), target: 'R' },
      'zonal shift on, zones from a parameter': { template: withSubnets([], () => alb({ Ref: 'Subnets' }, shifted)), target: 'R' },
    },
    nonCompliant: {
      'a load balancer in two zones without the attribute': { template: withSubnets([az(0), az(1)], s => alb(s)), target: 'R', message: /Load balancer R spans several zones with zonal shift off/ },
      'a Network Load Balancer with zonal shift turned off': {
        template: withSubnets([az(0), az(1)], s => alb(s, { Type: 'network', LoadBalancerAttributes: attrs({ 'zonal_shift.config.enabled': 'false' }) })),
        target: 'R',
      },
      'an Auto Scaling group in three zones without an impairment policy': { template: withSubnets([az(0), az(1), az(2)], s => asg(s)), target: 'R', message: /Auto Scaling group R/ },
    },
    unknown: {
      'the attribute from a parameter': {
        template: withSubnets([az(0), az(1)], s => alb(s, { LoadBalancerAttributes: [{ Key: 'zonal_shift.config.enabled', Value: { Ref: 'Subnets' } }] })),
        target: 'R',
        message: /decided at deploy time/,
      },
      'zonal shift off, and the zones from a parameter': { template: withSubnets([], () => asg({ Ref: 'Subnets' })), target: 'R', message: /whether it spans several zones is decided at deploy time/ },
    },
    notApplicable: {
      'a Gateway Load Balancer': { template: withSubnets([az(0), az(1)], s => alb(s, { Type: 'gateway' })), target: 'R' },
      'a group in one zone (HA-ASG1 judges it)': { template: withSubnets([az(0)], s => asg(s)), target: 'R' },
    },
  },
  {
    rule: AUTOSHIFT_WITHOUT_OUTCOME_ALARMS,
    compliant: {
      'autoshift with an outcome alarm': {
        template: template({ Alarm: res('AWS::CloudWatch::Alarm', {}), Z: autoshift(outcome([{ Type: 'CLOUDWATCH', AlarmIdentifier: { 'Fn::GetAtt': ['Alarm', 'Arn'] } }])) }),
        target: 'Z',
      },
    },
    nonCompliant: {
      'autoshift enabled without a practice run configuration': { template: template({ Z: autoshift({ ZonalAutoshiftStatus: 'ENABLED' }) }), target: 'Z', message: /without a practice run configuration/ },
      'an empty list of outcome alarms': { template: template({ Z: autoshift(outcome([])) }), target: 'Z', message: /has no practice-run outcome alarm/ },
    },
    unknown: {
      'the status from a parameter': { template: template({ Z: autoshift({ ZonalAutoshiftStatus: { Ref: 'P' } }) }, params), target: 'Z', message: /parameter P/ },
    },
    notApplicable: {
      'autoshift disabled': { template: template({ Z: autoshift({ ZonalAutoshiftStatus: 'DISABLED' }) }), target: 'Z' },
    },
  },
  {
    rule: EKS_ZONAL_SHIFT_OFF,
    compliant: { 'zonal shift on': { template: template({ C: cluster({ ZonalShiftConfig: { Enabled: true } }) }), target: 'C' } },
    nonCompliant: {
      'no zonal shift configuration': { template: template({ C: cluster() }), target: 'C', message: /EKS cluster C has zonal shift off/ },
      'zonal shift turned off': { template: template({ C: cluster({ ZonalShiftConfig: { Enabled: false } }) }), target: 'C' },
    },
    unknown: { 'enabled from a parameter': { template: template({ C: cluster({ ZonalShiftConfig: { Enabled: { Ref: 'P' } } }) }, params), target: 'C', message: /parameter P/ } },
    notApplicable: { 'no EKS cluster': { template: template({ Q: res('AWS::SQS::Queue') }) } },
  },
  {
    rule: NLB_TARGET_GROUPS_PREVENT_ZONAL_SHIFT,
    compliant: {
      'TCP target group that keeps the connections of unhealthy targets': { template: nlb(keepConnections), target: 'R' },
    },
    nonCompliant: {
      'connection termination left at its default': { template: nlb(), target: 'R', message: /TG \(it terminates the connections of unhealthy targets \(on by default\)\)/ },
      'connection termination at its default, whatever the protocol a condition picks': {
        template: nlb({ Protocol: { 'Fn::If': ['C', 'TCP', 'TLS'] } }, undefined, { Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'tcp'] } } }),
        target: 'R',
      },
      'a UDP target group': { template: nlb({ Protocol: 'UDP', ...keepConnections }), target: 'R', message: /protocol is UDP/ },
      'an Application Load Balancer as target': { template: nlb({ TargetType: 'alb', ...keepConnections }), target: 'R', message: /Application Load Balancers/ },
      'cross-zone turned off on the target group': {
        template: nlb({ TargetGroupAttributes: attrs({ 'target_health_state.unhealthy.connection_termination.enabled': 'false', 'load_balancing.cross_zone.enabled': 'false' }) }),
        target: 'R',
        message: /turns cross-zone load balancing off/,
      },
    },
    unknown: {
      'connection termination from a parameter': {
        template: nlb({ TargetGroupAttributes: [{ Key: 'target_health_state.unhealthy.connection_termination.enabled', Value: { Ref: 'P' } }] }),
        target: 'R',
        message: /^Whether target group TG allows zonal shift is decided at deploy time/,
      },
    },
    notApplicable: {
      'cross-zone load balancing off': { template: nlb({}, { 'load_balancing.cross_zone.enabled': 'false' }), target: 'R' },
      'an Application Load Balancer': { template: withSubnets([az(0), az(1)], s => alb(s)), target: 'R' },
    },
  },
];
