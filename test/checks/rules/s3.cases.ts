import { RuleCases } from './cases';
import { S3_REPLICATION_KMS, S3_VERSIONING } from '../../../src/checks/rules/s3';
import { res, template } from '../../helpers/templates';

const bucket = (props: Record<string, unknown> = {}) => res('AWS::S3::Bucket', { ...props });
const params = { Parameters: { P: { Type: 'String' } }, Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'yes'] } } };

const kmsEncryption = { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'aws:kms', KMSMasterKeyID: 'alias/data' } }] };
const replication = (rule: Record<string, unknown> = {}) => ({
  Role: 'arn:aws:iam::111111111111:role/replication',
  Rules: [{ Status: 'Enabled', Destination: { Bucket: 'arn:aws:s3:::replica' }, ...rule }],
});
const kmsObjects = { SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Enabled' } }, Destination: { Bucket: 'arn:aws:s3:::replica', EncryptionConfiguration: { ReplicaKmsKeyID: 'arn:aws:kms:eu-west-1:111111111111:key/k' } } };

export const S3_CASES: RuleCases[] = [
  {
    rule: S3_VERSIONING,
    compliant: {
      'versioning enabled': { template: template({ B: bucket({ VersioningConfiguration: { Status: 'Enabled' } }) }), target: 'B' },
      'Object Lock turns versioning on': { template: template({ B: bucket({ ObjectLockEnabled: true }) }), target: 'B' },
    },
    nonCompliant: {
      'versioning absent': { template: template({ B: bucket() }), target: 'B', message: /Bucket B is not versioned \(VersioningConfiguration is not set\)/ },
      'versioning suspended': { template: template({ B: bucket({ VersioningConfiguration: { Status: 'Suspended' } }) }), target: 'B', message: /Status is Suspended/ },
      'a data bucket that a job names in an argument spelling "log" inside a word (CatalogBucket)': {
        template: template({ B: bucket(), J: res('AWS::Glue::Job', { Command: { Name: 'glueetl' }, Role: 'r', DefaultArguments: { CatalogBucket: { Ref: 'B' } } }) }),
        target: 'B',
      },
    },
    unknown: {
      'status from a parameter': { template: template({ B: bucket({ VersioningConfiguration: { Status: { Ref: 'P' } } }) }, params), target: 'B', message: /parameter P/ },
      'versioning behind a condition': {
        template: template({ B: bucket({ VersioningConfiguration: { 'Fn::If': ['C', { Status: 'Enabled' }, { Ref: 'AWS::NoValue' }] } }) }, params),
        target: 'B',
        message: /condition C/,
      },
    },
    notApplicable: {
      'no bucket in the template': { template: template({ Q: res('AWS::SQS::Queue') }) },
      'a load balancer\'s access-log bucket': {
        template: template({
          B: bucket(),
          LB: res('AWS::ElasticLoadBalancingV2::LoadBalancer', { LoadBalancerAttributes: [{ Key: 'access_logs.s3.bucket', Value: { Ref: 'B' } }] }),
        }),
        target: 'B',
      },
      'a CloudTrail bucket': { template: template({ B: bucket(), T: res('AWS::CloudTrail::Trail', { IsLogging: true, S3BucketName: { Ref: 'B' } }) }), target: 'B' },
      'a CodePipeline artifact store': {
        template: template({ B: bucket(), P: res('AWS::CodePipeline::Pipeline', { RoleArn: 'arn:aws:iam::111111111111:role/p', ArtifactStore: { Type: 'S3', Location: { Ref: 'B' } }, Stages: [] }) }),
        target: 'B',
      },
      'the target of a CDK bucket deployment': {
        template: template({ B: bucket(), D: res('Custom::CDKBucketDeployment', { ServiceToken: 'arn:aws:lambda:eu-west-1:111111111111:function:d', DestinationBucketName: { Ref: 'B' } }) }),
        target: 'B',
      },
      'the staging bucket of a CDK bootstrap stack': {
        template: template({
          StagingBucket: bucket(),
          CdkBootstrapVersion: res('AWS::SSM::Parameter', { Type: 'String', Name: { 'Fn::Sub': '/cdk-bootstrap/${Qualifier}/version' }, Value: '30' }),
        }, { Parameters: { Qualifier: { Type: 'String', Default: 'hnb659fds' } } }),
        target: 'StagingBucket',
      },
    },
  },
  {
    rule: S3_REPLICATION_KMS,
    compliant: {
      'KMS objects replicated': { template: template({ B: bucket({ BucketEncryption: kmsEncryption, ReplicationConfiguration: replication(kmsObjects) }) }), target: 'B' },
    },
    nonCompliant: {
      'KMS default encryption, replication without SseKmsEncryptedObjects': {
        template: template({ B: bucket({ BucketEncryption: kmsEncryption, ReplicationConfiguration: replication() }) }),
        target: 'B',
        message: /encrypts objects with aws:kms by default, but replication rule 0 does not replicate KMS-encrypted objects/,
      },
      'SseKmsEncryptedObjects disabled': {
        template: template({ B: bucket({ BucketEncryption: kmsEncryption, ReplicationConfiguration: replication({ SourceSelectionCriteria: { SseKmsEncryptedObjects: { Status: 'Disabled' } } }) }) }),
        target: 'B',
      },
    },
    unknown: {
      'rule status from a parameter': {
        template: template({ B: bucket({ BucketEncryption: kmsEncryption, ReplicationConfiguration: replication({ Status: { Ref: 'P' } }) }) }, params),
        target: 'B',
        message: /parameter P/,
      },
      'encryption algorithm from a parameter': {
        template: template({ B: bucket({ BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: { Ref: 'P' } } }] }, ReplicationConfiguration: replication() }) }, params),
        target: 'B',
      },
    },
    notApplicable: {
      'no replication': { template: template({ B: bucket({ BucketEncryption: kmsEncryption }) }), target: 'B' },
      'SSE-S3 encryption': { template: template({ B: bucket({ BucketEncryption: { ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }] }, ReplicationConfiguration: replication() }) }), target: 'B' },
      'replication rules disabled': { template: template({ B: bucket({ BucketEncryption: kmsEncryption, ReplicationConfiguration: replication({ Status: 'Disabled' }) }) }), target: 'B' },
    },
  },
];
