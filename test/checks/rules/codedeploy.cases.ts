import { RuleCases } from './cases';
import { CODEDEPLOY_AUTO_ROLLBACK } from '../../../src/checks/rules/codedeploy';
import { res, template } from '../../helpers/templates';

const group = (props: Record<string, unknown> = {}) => res('AWS::CodeDeploy::DeploymentGroup', { ApplicationName: 'app', ServiceRoleArn: 'arn:aws:iam::111111111111:role/cd', ...props });
const params = { Parameters: { P: { Type: 'String' } } };

export const CODEDEPLOY_CASES: RuleCases[] = [
  {
    rule: CODEDEPLOY_AUTO_ROLLBACK,
    compliant: {
      'rollback on failure and alarm': { template: template({ G: group({ AutoRollbackConfiguration: { Enabled: true, Events: ['DEPLOYMENT_FAILURE', 'DEPLOYMENT_STOP_ON_ALARM'] } }) }), target: 'G' },
    },
    nonCompliant: {
      'no rollback configuration': { template: template({ G: group() }), target: 'G', message: /has no AutoRollbackConfiguration/ },
      'rollback disabled': { template: template({ G: group({ AutoRollbackConfiguration: { Enabled: false, Events: ['DEPLOYMENT_FAILURE'] } }) }), target: 'G', message: /turned off/ },
      'rollback only on request': { template: template({ G: group({ AutoRollbackConfiguration: { Enabled: true, Events: ['DEPLOYMENT_STOP_ON_REQUEST'] } }) }), target: 'G', message: /only on DEPLOYMENT_STOP_ON_REQUEST/ },
    },
    unknown: {
      'enabled from a parameter': { template: template({ G: group({ AutoRollbackConfiguration: { Enabled: { Ref: 'P' }, Events: ['DEPLOYMENT_FAILURE'] } }) }, params), target: 'G', message: /parameter P/ },
    },
    notApplicable: {
      'no deployment group': { template: template({ A: res('AWS::CodeDeploy::Application', { ComputePlatform: 'ECS' }) }) },
    },
  },
];
