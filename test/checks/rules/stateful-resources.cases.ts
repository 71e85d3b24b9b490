import { RuleCases } from './cases';
import { DATA_DELETION_POLICY } from '../../../src/checks/rules/stateful-resources';
import { res, template } from '../../helpers/templates';

const table = (extra: Record<string, unknown> = {}, props: Record<string, unknown> = {}) => res('AWS::DynamoDB::Table', {
  KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }], BillingMode: 'PAY_PER_REQUEST', ...props,
}, extra);
const retain = { DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' };
const params = {
  Parameters: { P: { Type: 'String' }, Policy: { Type: 'String', AllowedValues: ['Delete', 'Retain'] } },
  Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'prod'] } },
};

export const DATA_CASES: RuleCases[] = [
  {
    rule: DATA_DELETION_POLICY,
    compliant: {
      'a table retained': { template: template({ T: table(retain) }), target: 'T' },
      'a DB instance with Snapshot policies': { template: template({ Db: res('AWS::RDS::DBInstance', { Engine: 'postgres' }, { DeletionPolicy: 'Snapshot', UpdateReplacePolicy: 'Snapshot' }) }), target: 'Db' },
      'an Aurora cluster with only UpdateReplacePolicy set (DeletionPolicy defaults to Snapshot)': {
        template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-postgresql' }, { UpdateReplacePolicy: 'Snapshot' }) }),
        target: 'C',
      },
      'a table with deletion protection': { template: template({ T: table({}, { DeletionProtectionEnabled: true }) }), target: 'T' },
      'a key retained except on create': { template: template({ K: res('AWS::KMS::Key', {}, { DeletionPolicy: 'RetainExceptOnCreate', UpdateReplacePolicy: 'Retain' }) }), target: 'K' },
    },
    nonCompliant: {
      'a table with no policies': {
        template: template({ T: table() }),
        target: 'T',
        message: /DynamoDB table T has neither DeletionPolicy nor UpdateReplacePolicy \(CloudFormation's default for both is Delete\): deleting the stack/,
      },
      'a DB instance with no UpdateReplacePolicy': {
        template: template({ Db: res('AWS::RDS::DBInstance', { Engine: 'postgres' }) }),
        target: 'Db',
        message: /DB instance Db has no UpdateReplacePolicy \(CloudFormation's default is Delete\): an update that replaces it/,
      },
      'an EFS file system with DeletionPolicy Delete': {
        template: template({ Fs: res('AWS::EFS::FileSystem', {}, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Retain' }) }),
        target: 'Fs',
        message: /DeletionPolicy Delete: deleting the stack or removing the resource from the template deletes it/,
      },
      'a KMS key with no policies': {
        template: template({ K: res('AWS::KMS::Key') }),
        target: 'K',
        message: /schedules the key for deletion: unless someone cancels it within the 30-day waiting period, data encrypted under the key can no longer be decrypted/,
      },
      'a KMS key with a 7-day waiting period': { template: template({ K: res('AWS::KMS::Key', { PendingWindowInDays: 7 }) }), target: 'K', message: /within the 7-day waiting period/ },
      'an FSx for Lustre file system (no final backup by default)': {
        template: template({ F: res('AWS::FSx::FileSystem', { FileSystemType: 'LUSTRE', StorageCapacity: 1200, SubnetIds: ['subnet-1'] }) }),
        target: 'F',
      },
      'a bucket emptied by an auto-delete custom resource': {
        template: template({
          B: res('AWS::S3::Bucket', {}, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' }),
          Auto: res('Custom::S3AutoDeleteObjects', { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:f', BucketName: { Ref: 'B' } }),
        }),
        target: 'B',
        message: /empties and deletes the bucket/,
      },
      'a Redis replication group with snapshots': {
        template: template({ R: res('AWS::ElastiCache::ReplicationGroup', { Engine: 'redis', SnapshotRetentionLimit: 7 }) }),
        target: 'R',
      },
    },
    unknown: {
      'a policy chosen by a condition': {
        template: template({ T: table({ DeletionPolicy: { 'Fn::If': ['C', 'Retain', 'Delete'] }, UpdateReplacePolicy: 'Retain' }) }, params),
        target: 'T',
        message: /DeletionPolicy is Fn::If on the condition C/,
      },
      'deletion protection from a parameter': {
        template: template({ C: res('AWS::Neptune::DBCluster', { DeletionProtection: { Ref: 'P' } }) }, params),
        target: 'C',
        message: /DeletionProtection is the parameter P/,
      },
    },
    notApplicable: {
      'an Aurora cluster member': {
        template: template({ C: res('AWS::RDS::DBCluster', { Engine: 'aurora-mysql' }, retain), Db: res('AWS::RDS::DBInstance', { DBClusterIdentifier: { Ref: 'C' }, Engine: 'aurora-mysql' }) }),
        target: 'Db',
      },
      'a bucket CloudFormation cannot delete while it holds objects': { template: template({ B: res('AWS::S3::Bucket') }), target: 'B' },
      'a read replica': { template: template({ R: res('AWS::RDS::DBInstance', { SourceDBInstanceIdentifier: 'primary', DBInstanceClass: 'db.t4g.micro' }) }), target: 'R' },
      'a cache without snapshots': { template: template({ R: res('AWS::ElastiCache::ReplicationGroup', { Engine: 'valkey' }) }), target: 'R' },
      'an FSx for Windows File Server file system (it takes a final backup when deleted)': {
        template: template({ F: res('AWS::FSx::FileSystem', { FileSystemType: 'WINDOWS', StorageCapacity: 32, SubnetIds: ['subnet-1'] }) }),
        target: 'F',
      },
      'a pipeline artifact store\'s key, deleted with the stack on purpose': {
        template: template({
          K: res('AWS::KMS::Key', {}, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' }),
          B: res('AWS::S3::Bucket', {}, retain),
          P: res('AWS::CodePipeline::Pipeline', {
            RoleArn: 'arn:aws:iam::111111111111:role/p',
            ArtifactStore: { Type: 'S3', Location: { Ref: 'B' }, EncryptionKey: { Id: { 'Fn::GetAtt': ['K', 'Arn'] }, Type: 'KMS' } },
            Stages: [],
          }),
        }),
        target: 'K',
      },
      'a log bucket emptied by an auto-delete custom resource': {
        template: template({
          B: res('AWS::S3::Bucket', {}, { DeletionPolicy: 'Delete', UpdateReplacePolicy: 'Delete' }),
          Auto: res('Custom::S3AutoDeleteObjects', { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:f', BucketName: { Ref: 'B' } }),
          T: res('AWS::CloudTrail::Trail', { IsLogging: true, S3BucketName: { Ref: 'B' } }),
        }),
        target: 'B',
      },
    },
  },
];
