import { withSubnets } from './builders';
import { RuleCases } from './cases';
import { ASG_MIN_SIZE, ASG_MULTI_AZ } from '../../../src/checks/rules/autoscaling';
import { az, res, template } from '../../helpers/templates';

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
];
