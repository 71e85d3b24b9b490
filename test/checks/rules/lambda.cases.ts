import { withSubnets } from './builders';
import { RuleCases } from './cases';
import { LAMBDA_MULTI_AZ } from '../../../src/checks/rules/lambda';
import { az, res, template } from '../../helpers/templates';

export const LAMBDA_CASES: RuleCases[] = [
  {
    rule: LAMBDA_MULTI_AZ,
    compliant: {
      'subnets in two zones': { template: withSubnets([az(0), az(1)], s => res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: s, SecurityGroupIds: [] } })), target: 'R' },
    },
    nonCompliant: {
      'one subnet': { template: withSubnets([az(1)], s => res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: s } })), target: 'R', message: /Lambda function R is in one Availability Zone/ },
    },
    unknown: {
      'subnets from a parameter': { template: withSubnets([], () => res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: { Ref: 'Subnets' } } })), target: 'R' },
      'imported subnet IDs': { template: template({ R: res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: ['subnet-1', 'subnet-2'] } }) }), target: 'R', message: /subnet-1 is not defined in this template/ },
    },
    notApplicable: {
      'no VPC': { template: template({ R: res('AWS::Lambda::Function', { Runtime: 'nodejs20.x' }) }), target: 'R' },
      'an empty subnet list': { template: template({ R: res('AWS::Lambda::Function', { VpcConfig: { SubnetIds: [], SecurityGroupIds: [] } }) }), target: 'R' },
    },
  },
];
