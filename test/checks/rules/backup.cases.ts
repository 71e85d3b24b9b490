import { RuleCases } from './cases';
import { BACKUP_EC2_PROTECTED, BACKUP_VAULT_PROTECTED } from '../../../src/checks/rules/backup';
import { Severity } from '../../../src/checks/types';
import { res, template } from '../../helpers/templates';

const instance = (props: Record<string, unknown> = {}) => res('AWS::EC2::Instance', { ImageId: 'ami-1', InstanceType: 't3.micro', ...props });
const volume = (props: Record<string, unknown> = {}) => res('AWS::EC2::Volume', { AvailabilityZone: 'eu-west-1a', Size: 100, ...props });
const dataDisk = { BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeSize: 20 } }, { DeviceName: '/dev/sdf', Ebs: { VolumeSize: 500 } }] };
const selection = (backupSelection: Record<string, unknown>) => res('AWS::Backup::BackupSelection', {
  BackupPlanId: 'plan-1',
  BackupSelection: { IamRoleArn: 'arn:aws:iam::111111111111:role/backup', SelectionName: 's', ...backupSelection },
});
const params = {
  Parameters: { P: { Type: 'String' } },
  Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'yes'] } },
};
const vault = (props: Record<string, unknown> = {}) => res('AWS::Backup::BackupVault', { BackupVaultName: 'v', ...props });
const denyDelete = {
  Version: '2012-10-17',
  Statement: [{ Effect: 'Deny', Principal: { AWS: '*' }, Action: ['backup:DeleteRecoveryPoint', 'backup:UpdateRecoveryPointLifecycle'], Resource: '*' }],
};

export const BACKUP_CASES: RuleCases[] = [
  {
    rule: BACKUP_EC2_PROTECTED,
    compliant: {
      'instance selected by ARN': {
        template: template({ I: instance(dataDisk), Sel: selection({ Resources: [{ 'Fn::Sub': 'arn:${AWS::Partition}:ec2:${AWS::Region}:${AWS::AccountId}:instance/${I}' }] }) }),
        target: 'I',
      },
      'instance selected by tag': {
        template: template({ I: instance({ Tags: [{ Key: 'Backup', Value: 'Daily' }] }), Sel: selection({ ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'Backup', ConditionValue: 'Daily' }] }) }),
        target: 'I',
      },
      'instance selected by a wildcard and a matching condition': {
        template: template({
          I: instance({ Tags: [{ Key: 'env', Value: 'prod-eu' }] }),
          Sel: selection({ Resources: ['*'], Conditions: { StringLike: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod-*' }] } }),
        }),
        target: 'I',
      },
      'volume targeted by a DLM policy': {
        template: template({
          V: volume({ Tags: [{ Key: 'snap', Value: 'yes' }] }),
          Dlm: res('AWS::DLM::LifecyclePolicy', { State: 'ENABLED', PolicyDetails: { ResourceTypes: ['VOLUME'], TargetTags: [{ Key: 'snap', Value: 'yes' }] } }),
        }),
        target: 'V',
      },
    },
    nonCompliant: {
      'an instance with a data volume and no backup': { template: template({ I: instance(dataDisk) }), target: 'I', message: /EC2 instance I, which has data volume \/dev\/sdf/ },
      'an instance with an attached volume': {
        template: template({ I: instance(), V: volume(), A: res('AWS::EC2::VolumeAttachment', { InstanceId: { Ref: 'I' }, VolumeId: { Ref: 'V' }, Device: '/dev/sdh' }) }),
        target: 'I',
        message: /data volume V/,
      },
      'an instance with only a root volume (info)': { template: template({ I: instance() }), target: 'I', severity: Severity.INFO, message: /if it keeps data on its root volume/ },
      'a detached volume': { template: template({ V: volume() }), target: 'V', message: /EBS volume V/ },
      'a condition the instance fails': {
        template: template({
          I: instance({ ...dataDisk, Tags: [{ Key: 'env', Value: 'dev' }] }),
          Sel: selection({ Resources: ['arn:aws:ec2:*:*:instance/*'], Conditions: { StringEquals: [{ ConditionKey: 'aws:ResourceTag/env', ConditionValue: 'prod' }] } }),
        }),
        target: 'I',
      },
      'a disabled DLM policy': {
        template: template({
          V: volume({ Tags: [{ Key: 'snap', Value: 'yes' }] }),
          Dlm: res('AWS::DLM::LifecyclePolicy', { State: 'DISABLED', PolicyDetails: { ResourceTypes: ['VOLUME'], TargetTags: [{ Key: 'snap', Value: 'yes' }] } }),
        }),
        target: 'V',
      },
    },
    unknown: {
      'tag value from a parameter': {
        template: template({ I: instance({ Tags: [{ Key: 'Backup', Value: { Ref: 'P' } }] }), Sel: selection({ ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'Backup', ConditionValue: 'Daily' }] }) }, params),
        target: 'I',
        message: /value of tag Backup on I/,
      },
      'a selection behind a condition': {
        template: template({ I: instance(), Sel: selection({ Resources: { 'Fn::If': ['C', ['*'], { Ref: 'AWS::NoValue' }] } }) }, params),
        target: 'I',
      },
      'tagged for a backup plan outside the template': {
        template: template({ V: volume({ Tags: [{ Key: 'aws-backup', Value: 'gold' }] }) }),
        target: 'V',
        message: /tag aws-backup=gold/,
      },
    },
    notApplicable: {
      'a volume attached to an instance (judged with the instance)': {
        template: template({ I: instance(), V: volume(), A: res('AWS::EC2::VolumeAttachment', { InstanceId: { Ref: 'I' }, VolumeId: { Ref: 'V' }, Device: '/dev/sdh' }) }),
        target: 'V',
      },
    },
  },
  {
    rule: BACKUP_VAULT_PROTECTED,
    compliant: {
      'a vault lock': { template: template({ V: vault({ LockConfiguration: { MinRetentionDays: 7 } }) }), target: 'V' },
      'an access policy denying deletion': { template: template({ V: vault({ AccessPolicy: denyDelete }) }), target: 'V' },
      'an access policy as a JSON string denying backup:*': {
        template: template({ V: vault({ AccessPolicy: JSON.stringify({ Statement: [{ Effect: 'Deny', Principal: '*', Action: 'backup:*', Resource: '*' }] }) }) }),
        target: 'V',
      },
    },
    nonCompliant: {
      'no lock and no policy': { template: template({ V: vault() }), target: 'V', message: /Backup vault V has no vault lock and no access policy/ },
      'a policy that only allows': {
        template: template({ V: vault({ AccessPolicy: { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111111111111:root' }, Action: 'backup:CopyIntoBackupVault', Resource: '*' }] } }) }),
        target: 'V',
      },
    },
    unknown: {
      'a lock behind a condition': {
        template: template({ V: vault({ LockConfiguration: { 'Fn::If': ['C', { MinRetentionDays: 7 }, { Ref: 'AWS::NoValue' }] } }) }, params),
        target: 'V',
        message: /condition C/,
      },
    },
    notApplicable: {
      'no vault': { template: template({ P: res('AWS::Backup::BackupPlan', { BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [] } }) }) },
    },
  },
];
