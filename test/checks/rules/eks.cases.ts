import { withSubnets } from './builders';
import { RuleCases } from './cases';
import { EKS_NODEGROUP_MIN_SIZE, EKS_NODEGROUP_MULTI_AZ } from '../../../src/checks/rules/eks';
import { az, res, template } from '../../helpers/templates';

const nodegroup = (props: Record<string, unknown> = {}) => res('AWS::EKS::Nodegroup', { ClusterName: 'c', NodeRole: 'arn:aws:iam::111111111111:role/n', Subnets: ['subnet-1', 'subnet-2'], ...props });
const params = { Parameters: { N: { Type: 'Number' } } };

export const EKS_CASES: RuleCases[] = [
  {
    rule: EKS_NODEGROUP_MULTI_AZ,
    compliant: {
      'subnets in two zones': { template: withSubnets([az(0), az(1)], s => nodegroup({ Subnets: s })), target: 'R' },
    },
    nonCompliant: {
      'one subnet': { template: withSubnets([az(0)], s => nodegroup({ Subnets: s })), target: 'R', message: /Node group R is in one Availability Zone/ },
    },
    unknown: {
      'subnets from a parameter': { template: withSubnets([], () => nodegroup({ Subnets: { Ref: 'Subnets' } })), target: 'R', message: /parameter Subnets/ },
      'subnets not in the template': { template: template({ R: nodegroup() }), target: 'R', message: /subnet-1 is not defined in this template/ },
    },
    notApplicable: {
      'no node group': { template: template({ C: res('AWS::EKS::Cluster', { RoleArn: 'r', ResourcesVpcConfig: { SubnetIds: ['subnet-1', 'subnet-2'] } }) }) },
    },
  },
  {
    rule: EKS_NODEGROUP_MIN_SIZE,
    compliant: {
      'minimum of 2': { template: template({ R: nodegroup({ ScalingConfig: { MinSize: 2, DesiredSize: 2, MaxSize: 4 } }) }), target: 'R' },
    },
    nonCompliant: {
      'minimum of 1 (the CDK default)': { template: template({ R: nodegroup({ ScalingConfig: { MinSize: 1, DesiredSize: 2, MaxSize: 2 } }) }), target: 'R', message: /ScalingConfig.MinSize 1/ },
    },
    unknown: {
      'minimum from a parameter': { template: template({ R: nodegroup({ ScalingConfig: { MinSize: { Ref: 'N' }, DesiredSize: 2, MaxSize: 4 } }) }, params), target: 'R', message: /parameter N/ },
      'ScalingConfig absent (sizes chosen by EKS)': { template: template({ R: nodegroup() }), target: 'R', message: /no documented default/ },
    },
    notApplicable: {
      'no node group': { template: template({ C: res('AWS::EKS::Cluster', { RoleArn: 'r', ResourcesVpcConfig: { SubnetIds: ['subnet-1'] } }) }) },
    },
  },
];
