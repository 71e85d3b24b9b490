import { withSubnets } from './builders';
import { RuleCases } from './cases';
import { ASG_CAPACITY_DIVERSITY, ASG_ELB_HEALTH_CHECK, ASG_MIN_SIZE, ASG_MULTI_AZ } from '../../../src/checks/rules/autoscaling';
import { az, res, template } from '../../helpers/templates';

const launchTemplate = res('AWS::EC2::LaunchTemplate', { LaunchTemplateData: { InstanceType: 't3.micro' } });
/** An Auto Scaling group R attached to target group TG, with extra properties. */
const behindTargetGroup = (extra: object) => template({
  TG: res('AWS::ElasticLoadBalancingV2::TargetGroup', { Port: 80, Protocol: 'HTTP' }),
  R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: 2, MaxSize: 4, TargetGroupARNs: [{ Ref: 'TG' }], ...extra }),
}, { Parameters: { Check: { Type: 'String' } } });
/** An Auto Scaling group R with a mixed instances policy. */
const mixed = (launch: object, distribution: object = {}, extra: object = {}) => template({
  LT: launchTemplate,
  R: res('AWS::AutoScaling::AutoScalingGroup', {
    MinSize: 2,
    MaxSize: 4,
    MixedInstancesPolicy: { LaunchTemplate: { LaunchTemplateSpecification: { LaunchTemplateId: { Ref: 'LT' }, Version: '1' }, ...launch }, InstancesDistribution: distribution },
    ...extra,
  }),
}, { Parameters: { Rebalance: { Type: 'String' }, Overrides: { Type: 'String' } } });
const asg = (subnets: object[], extra: object = {}) => res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '4', VPCZoneIdentifier: subnets, ...extra });

export const AUTOSCALING_CASES: RuleCases[] = [
  {
    rule: ASG_MULTI_AZ,
    compliant: {
      'subnets in two zones': { template: withSubnets([az(0), az(1)], asg), target: 'R' },
      'every zone of the Region': { template: template({ R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '4', AvailabilityZones: { 'Fn::GetAZs': '' } }) }), target: 'R' },
      'two literal zones': { template: template({ R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '4', AvailabilityZones: ['eu-west-1a', 'eu-west-1b'] }) }), target: 'R' },
    },
    nonCompliant: {
      'one subnet': { template: withSubnets([az(0)], asg), target: 'R', message: /in one Availability Zone \(zone 1 of the Region\)/ },
      'two subnets in the same zone': { template: withSubnets(['eu-west-1a', 'eu-west-1a'], asg), target: 'R' },
      'one literal zone': { template: template({ R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '4', AvailabilityZones: ['eu-west-1a'] }) }), target: 'R' },
    },
    unknown: {
      'subnets from a parameter': { template: withSubnets([], () => asg([], { VPCZoneIdentifier: { Ref: 'Subnets' } })), target: 'R', message: /parameter Subnets/ },
      'subnets whose zones AWS picks': { template: withSubnets([undefined, undefined], asg), target: 'R', message: /chosen by AWS/ },
      'a zone from a parameter': { template: withSubnets([az(0), { Ref: 'AzParam' }], asg), target: 'R' },
      'neither subnets nor zones': { template: template({ R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: '2', MaxSize: '4' }) }), target: 'R' },
    },
    notApplicable: {
      'a launch template alone': { template: template({ LT: res('AWS::EC2::LaunchTemplate', { LaunchTemplateData: {} }) }) },
    },
  },
  {
    rule: ASG_MIN_SIZE,
    compliant: {
      'two instances in two zones': { template: withSubnets([az(0), az(1)], asg), target: 'R' },
      'three instances in three zones': { template: withSubnets([az(0), az(1), az(2)], s => asg(s, { MinSize: 3 })), target: 'R' },
    },
    nonCompliant: {
      'MinSize 1': { template: withSubnets([az(0), az(1)], s => asg(s, { MinSize: '1' })), target: 'R', message: /may run a single instance/ },
      'MinSize and MaxSize 1': { template: withSubnets([az(0), az(1)], s => asg(s, { MinSize: '1', MaxSize: '1' })), target: 'R', message: /never runs more than one/, severity: 'error' },
      'fewer instances than zones': { template: withSubnets([az(0), az(1), az(2)], asg), target: 'R', message: /MinSize 2 across 3 Availability Zones/ },
    },
    unknown: {
      'MinSize from a parameter': { template: withSubnets([az(0), az(1)], s => asg(s, { MinSize: { Ref: 'Min' } })), target: 'R' },
    },
    notApplicable: {
      'no Auto Scaling group': { template: template({ LT: res('AWS::EC2::LaunchTemplate', { LaunchTemplateData: {} }) }) },
    },
  },
  {
    rule: ASG_ELB_HEALTH_CHECK,
    compliant: {
      'ELB health check with a grace period': { template: behindTargetGroup({ HealthCheckType: 'ELB', HealthCheckGracePeriod: 300 }), target: 'R' },
      'EC2 and ELB checks together, as CDK writes them': { template: behindTargetGroup({ HealthCheckType: 'EC2,ELB', HealthCheckGracePeriod: '120' }), target: 'R' },
      'no grace period, but a launch lifecycle hook': {
        template: behindTargetGroup({ HealthCheckType: 'ELB', LifecycleHookSpecificationList: [{ LifecycleHookName: 'boot', LifecycleTransition: 'autoscaling:EC2_INSTANCE_LAUNCHING' }] }),
        target: 'R',
      },
      'a VPC Lattice traffic source with the Lattice check': {
        template: template({ R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: 2, MaxSize: 4, TrafficSources: [{ Identifier: 'arn:tg', Type: 'vpc-lattice' }], HealthCheckType: 'VPC_LATTICE', HealthCheckGracePeriod: 60 }) }),
        target: 'R',
      },
    },
    nonCompliant: {
      'a target group and the default EC2 check': { template: behindTargetGroup({}), target: 'R', message: /TargetGroupARNs but uses only EC2 health checks \(HealthCheckType is not set\)/ },
      'a Classic Load Balancer and an explicit EC2 check': {
        template: template({ CLB: res('AWS::ElasticLoadBalancing::LoadBalancer', { Listeners: [] }), R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: 2, MaxSize: 4, LoadBalancerNames: [{ Ref: 'CLB' }], HealthCheckType: 'EC2' }) }),
        target: 'R',
        message: /LoadBalancerNames but uses only the EC2 health check/,
      },
      'ELB check without a grace period': { template: behindTargetGroup({ HealthCheckType: 'ELB' }), target: 'R', message: /no grace period \(HealthCheckGracePeriod is not set\)/, severity: 'info' },
      'ELB check with a grace period of 0': { template: behindTargetGroup({ HealthCheckType: 'ELB', HealthCheckGracePeriod: 0 }), target: 'R', severity: 'info' },
    },
    unknown: {
      'the health check type from a parameter': { template: behindTargetGroup({ HealthCheckType: { Ref: 'Check' } }), target: 'R', message: /parameter Check/ },
      'target groups from a parameter, EC2 check': {
        template: template({ R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: 2, MaxSize: 4, TargetGroupARNs: { Ref: 'Groups' } }) }, { Parameters: { Groups: { Type: 'CommaDelimitedList' } } }),
        target: 'R',
        message: /whether group R is behind a load balancer is decided at deploy time/,
      },
    },
    notApplicable: {
      'a group behind no load balancer': { template: withSubnets([az(0), az(1)], asg), target: 'R' },
    },
  },
  {
    rule: ASG_CAPACITY_DIVERSITY,
    compliant: {
      'two instance types': { template: mixed({ Overrides: [{ InstanceType: 'm6i.large' }, { InstanceType: 'm5.large' }] }), target: 'R' },
      'attribute-based instance selection': { template: mixed({ Overrides: [{ InstanceRequirements: { VCpuCount: { Min: 2 }, MemoryMiB: { Min: 4096 } } }] }), target: 'R' },
      'Spot with capacity rebalancing': { template: mixed({ Overrides: [{ InstanceType: 'm6i.large' }, { InstanceType: 'm5.large' }] }, { OnDemandPercentageAboveBaseCapacity: 0 }, { CapacityRebalance: true }), target: 'R' },
    },
    nonCompliant: {
      'one launch template type': { template: template({ LT: launchTemplate, R: res('AWS::AutoScaling::AutoScalingGroup', { MinSize: 2, MaxSize: 4, LaunchTemplate: { LaunchTemplateId: { Ref: 'LT' }, Version: '1' } }) }), target: 'R', message: /launches a single instance type/ },
      'a mixed policy with one type': { template: mixed({ Overrides: [{ InstanceType: 'm6i.large' }] }), target: 'R', message: /one instance type \(m6i\.large\)/ },
      'Spot without capacity rebalancing': {
        template: mixed({ Overrides: [{ InstanceType: 'm6i.large' }, { InstanceType: 'm5.large' }] }, { OnDemandPercentageAboveBaseCapacity: 50 }),
        target: 'R',
        message: /Spot Instances without capacity rebalancing/,
      },
    },
    unknown: {
      'capacity rebalancing from a parameter': {
        template: mixed({ Overrides: [{ InstanceType: 'm6i.large' }, { InstanceType: 'm5.large' }] }, { OnDemandPercentageAboveBaseCapacity: 0 }, { CapacityRebalance: { Ref: 'Rebalance' } }),
        target: 'R',
      },
      'the instance types from a parameter': { template: mixed({ Overrides: { Ref: 'Overrides' } }), target: 'R' },
    },
    notApplicable: {
      'no Auto Scaling group': { template: template({ LT: launchTemplate }) },
    },
  },
];
