import { RuleCases } from './cases';
import { DYNAMODB_PITR } from '../../../src/checks/rules/dynamodb';
import { res, template } from '../../helpers/templates';

const table = (props: object = {}) => res('AWS::DynamoDB::Table', { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], ...props });
const pitr = (on: unknown) => ({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: on } });
const params = { Parameters: { P: { Type: 'String' }, N: { Type: 'Number' } } };

export const DYNAMODB_CASES: RuleCases[] = [
  {
    rule: DYNAMODB_PITR,
    compliant: {
      'point-in-time recovery on': { template: template({ T: table(pitr(true)) }), target: 'T' },
      'every replica of a global table': { template: template({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'eu-west-1', ...pitr(true) }, { Region: 'eu-central-1', ...pitr('true') }] }) }), target: 'T' },
    },
    nonCompliant: {
      'point-in-time recovery absent': { template: template({ T: table() }), target: 'T', message: /not enabled/ },
      'point-in-time recovery off': { template: template({ T: table(pitr(false)) }), target: 'T', message: /turned off/ },
      'one replica of a global table without it': { template: template({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'eu-west-1', ...pitr(true) }, { Region: 'eu-central-1' }] }) }), target: 'T', message: /replica in eu-central-1/ },
    },
    unknown: {
      'point-in-time recovery from a parameter': { template: template({ T: table(pitr({ Ref: 'P' })) }, params), target: 'T' },
      'replicas from a condition': { template: template({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: { 'Fn::If': ['Multi', [{ Region: 'eu-west-1' }], []] } }) }, { Conditions: { Multi: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } }, ...params }), target: 'T' },
    },
    notApplicable: {
      'no table': { template: template({ Q: res('AWS::SQS::Queue') }) },
    },
  },
];
