import { RuleCases } from './cases';
import { BACKUP_CROSS_REGION_COPY, BACKUP_EC2_PROTECTED, BACKUP_RESTORE_TESTING, BACKUP_VAULT_PROTECTED } from '../../../src/checks/rules/backup';
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
const plan = (copies?: unknown[]) => res('AWS::Backup::BackupPlan', {
  BackupPlan: { BackupPlanName: 'p', BackupPlanRule: [{ RuleName: 'daily', TargetBackupVault: 'v', ScheduleExpression: 'cron(0 3 * * ? *)', ...(copies ? { CopyActions: copies } : {}) }] },
});
const REGION = { surviveRegionFailure: true, region: { rto: '4h', rpo: '1h' } };
/** A template with resilience objectives in its Metadata. */
const withObjectives = (objectives: unknown, resources: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  template(resources, { Metadata: { 'cdk-ha': { objectives } }, ...extra });
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
  {
    rule: BACKUP_CROSS_REGION_COPY,
    compliant: {
      'a copy to a vault in another Region': { template: withObjectives(REGION, { Plan: plan([{ DestinationBackupVaultArn: 'arn:aws:backup:eu-central-1:111111111111:backup-vault:copy' }]) }), target: 'Plan', region: 'eu-west-1' },
      'a copy to a vault named with Fn::Sub in another Region': {
        template: withObjectives(REGION, { Plan: plan([{ DestinationBackupVaultArn: { 'Fn::Sub': 'arn:${AWS::Partition}:backup:eu-central-1:${AWS::AccountId}:backup-vault:copy' } }]) }),
        target: 'Plan',
        region: 'eu-west-1',
      },
    },
    nonCompliant: {
      'no copy action': { template: withObjectives(REGION, { Plan: plan() }), target: 'Plan', region: 'eu-west-1', message: /keeps every recovery point in its own Region/ },
      'a copy to a vault of the same Region': {
        template: withObjectives(REGION, { V: vault(), Plan: plan([{ DestinationBackupVaultArn: { 'Fn::GetAtt': ['V', 'BackupVaultArn'] } }]) }),
        target: 'Plan',
        region: 'eu-west-1',
      },
      'a non-production stack: advice': { template: withObjectives({ ...REGION, tier: 'non-production' }, { Plan: plan() }), target: 'Plan', region: 'eu-west-1', severity: Severity.INFO },
    },
    unknown: {
      'a destination from a parameter': { template: withObjectives(REGION, { Plan: plan([{ DestinationBackupVaultArn: { Ref: 'P' } }]) }, params), target: 'Plan', message: /parameter P/ },
    },
    notApplicable: {
      'no Region objective': { template: withObjectives({ az: { rto: '1h', rpo: '5m' } }, { Plan: plan() }), target: 'Plan' },
      'no objectives': { template: template({ Plan: plan() }), target: 'Plan' },
    },
  },
  {
    rule: BACKUP_RESTORE_TESTING,
    compliant: {
      'a restore testing plan in the workload': {
        template: withObjectives({ az: { rpo: '1h' } }, { Plan: plan() }),
        target: 'Plan',
        others: { Testing: { template: template({ T: res('AWS::Backup::RestoreTestingPlan', { RestoreTestingPlanName: 't', ScheduleExpression: 'cron(0 1 ? * SUN *)', RecoveryPointSelection: {} }) }) } },
      },
    },
    nonCompliant: {
      'no restore testing plan': { template: withObjectives({ az: { rpo: '1h' } }, { Plan: plan() }), target: 'Plan', message: /no restore testing plan in the workload/ },
      'a non-production stack: advice': { template: withObjectives({ preset: 'non-production' }, { Plan: plan() }), target: 'Plan', severity: Severity.INFO },
    },
    unknown: {
      'a restore testing plan that exists only under a condition': {
        template: withObjectives({ az: { rpo: '1h' } }, { Plan: plan(), T: res('AWS::Backup::RestoreTestingPlan', {}, { Condition: 'C' }) }, params),
        target: 'Plan',
        message: /condition C/,
      },
    },
    notApplicable: {
      'no recovery point objective': { template: withObjectives({ az: { rto: '1h' } }, { Plan: plan() }), target: 'Plan' },
    },
  },
];
