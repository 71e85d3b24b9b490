import { RuleCases } from './cases';
import { DYNAMODB_AUTO_SCALING, DYNAMODB_DELETION_PROTECTION, DYNAMODB_PITR } from '../../../src/checks/rules/dynamodb';
import { res, template } from '../../helpers/templates';

const table = (props: object = {}) => res('AWS::DynamoDB::Table', { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], ...props });
const pitr = (on: unknown) => ({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: on } });
const provisioned = { ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } };
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
      'three replicas without it: one finding for the table': {
        template: template({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'eu-west-1' }, { Region: 'eu-central-1' }, { Region: 'us-east-1' }] }) }),
        target: 'T',
        message: /^Global table T has point-in-time recovery off on its replicas in eu-west-1, eu-central-1 and us-east-1 \(all of them\)/,
      },
    },
    unknown: {
      'point-in-time recovery from a parameter': { template: template({ T: table(pitr({ Ref: 'P' })) }, params), target: 'T' },
      'replicas from a condition': { template: template({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: { 'Fn::If': ['Multi', [{ Region: 'eu-west-1' }], []] } }) }, { Conditions: { Multi: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } }, ...params }), target: 'T' },
    },
    notApplicable: {
      'no table': { template: template({ Q: res('AWS::SQS::Queue') }) },
    },
  },
  {
    rule: DYNAMODB_DELETION_PROTECTION,
    compliant: {
      'deletion protection on': { template: template({ T: table({ DeletionProtectionEnabled: true }) }), target: 'T' },
      'every replica of a global table': { template: template({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'eu-west-1', DeletionProtectionEnabled: true }, { Region: 'eu-central-1', DeletionProtectionEnabled: 'true' }] }) }), target: 'T' },
    },
    nonCompliant: {
      'deletion protection absent': { template: template({ T: table() }), target: 'T', message: /Table T has no deletion protection \(DeletionProtectionEnabled is not set\)/ },
      'one replica without it': { template: template({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'eu-west-1', DeletionProtectionEnabled: true }, { Region: 'eu-central-1' }] }) }), target: 'T', message: /replica in eu-central-1/ },
      'two replicas without it: one finding for the table': {
        template: template({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'eu-west-1' }, { Region: 'eu-central-1' }] }) }),
        target: 'T',
        message: /^Global table T has no deletion protection on its replicas in eu-west-1 and eu-central-1 \(all of them\)/,
      },
    },
    unknown: {
      'deletion protection from a parameter': { template: template({ T: table({ DeletionProtectionEnabled: { Ref: 'P' } }) }, params), target: 'T', message: /parameter P/ },
    },
    notApplicable: {
      'no table': { template: template({ Q: res('AWS::SQS::Queue') }) },
    },
  },
  {
    rule: DYNAMODB_AUTO_SCALING,
    compliant: {
      'read and write scaling of the table and its index': {
        template: template({
          T: table({ ...provisioned, GlobalSecondaryIndexes: [{ IndexName: 'byName', KeySchema: [], Projection: {}, ProvisionedThroughput: { ReadCapacityUnits: 5, WriteCapacityUnits: 5 } }] }),
          R: scalable('dynamodb:table:ReadCapacityUnits', { 'Fn::Join': ['', ['table/', { Ref: 'T' }]] }),
          W: scalable('dynamodb:table:WriteCapacityUnits', { 'Fn::Sub': 'table/${T}' }),
          IR: scalable('dynamodb:index:ReadCapacityUnits', { 'Fn::Join': ['', ['table/', { Ref: 'T' }, '/index/byName']] }),
          IW: scalable('dynamodb:index:WriteCapacityUnits', { 'Fn::Join': ['/', ['table', { Ref: 'T' }, 'index', 'byName']] }),
        }),
        target: 'T',
      },
      'scaling targets naming the table by its literal name': {
        template: template({ T: table({ ...provisioned, TableName: 'orders' }), R: scalable('dynamodb:table:ReadCapacityUnits', 'table/orders'), W: scalable('dynamodb:table:WriteCapacityUnits', 'table/orders') }),
        target: 'T',
      },
    },
    nonCompliant: {
      'provisioned by default, no scaling': { template: template({ T: table(provisioned) }), target: 'T', message: /BillingMode not set, so PROVISIONED\) has no auto scaling for the read capacity of the table, write capacity of the table/ },
      'only read scaling': {
        template: template({ T: table({ ...provisioned, BillingMode: 'PROVISIONED' }), R: scalable('dynamodb:table:ReadCapacityUnits', { 'Fn::Join': ['', ['table/', { Ref: 'T' }]] }) }),
        target: 'T',
        message: /no auto scaling for the write capacity of the table:/,
      },
      'an index without scaling': {
        template: template({
          T: table({ ...provisioned, GlobalSecondaryIndexes: [{ IndexName: 'byName', KeySchema: [], Projection: {} }] }),
          R: scalable('dynamodb:table:ReadCapacityUnits', { 'Fn::Join': ['', ['table/', { Ref: 'T' }]] }),
          W: scalable('dynamodb:table:WriteCapacityUnits', { 'Fn::Join': ['', ['table/', { Ref: 'T' }]] }),
        }),
        target: 'T',
        message: /read capacity of index byName, write capacity of index byName/,
      },
      'scaling targets of another table do not count': {
        template: template({ T: table(provisioned), Other: table(provisioned), R: scalable('dynamodb:table:ReadCapacityUnits', { 'Fn::Join': ['', ['table/', { Ref: 'Other' }]] }) }),
        target: 'T',
      },
    },
    unknown: {
      'billing mode from a parameter': { template: template({ T: table({ ...provisioned, BillingMode: { Ref: 'P' } }) }, params), target: 'T', message: /BillingMode is the parameter P/ },
      'a scaling target whose resource is a parameter': {
        template: template({ T: table(provisioned), R: scalable('dynamodb:table:ReadCapacityUnits', { Ref: 'P' }), W: scalable('dynamodb:table:WriteCapacityUnits', { Ref: 'P' }) }, params),
        target: 'T',
        message: /unless scalable target R, W/,
      },
    },
    notApplicable: {
      'on-demand capacity': { template: template({ T: table({ BillingMode: 'PAY_PER_REQUEST' }) }), target: 'T' },
    },
  },
];

function scalable(dimension: string, resourceId: unknown) {
  return res('AWS::ApplicationAutoScaling::ScalableTarget', { ServiceNamespace: 'dynamodb', ScalableDimension: dimension, ResourceId: resourceId, MinCapacity: 5, MaxCapacity: 50 });
}
