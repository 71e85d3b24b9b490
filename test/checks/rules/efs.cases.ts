import { RuleCases } from './cases';
import { EFS_BACKUPS, EFS_MOUNT_TARGETS, EFS_ONE_ZONE } from '../../../src/checks/rules/efs';
import { az, res, subnet, template } from '../../helpers/templates';

const fs = (props: Record<string, unknown> = {}) => res('AWS::EFS::FileSystem', { Encrypted: true, ...props });
const target = (subnetId: string) => res('AWS::EFS::MountTarget', { FileSystemId: { Ref: 'Fs' }, SubnetId: { Ref: subnetId }, SecurityGroups: ['sg-1'] });
const params = {
  Parameters: { P: { Type: 'String' }, Zone: { Type: 'AWS::EC2::AvailabilityZone::Name' } },
  Conditions: { C: { 'Fn::Equals': [{ Ref: 'P' }, 'yes'] } },
};
const selection = (backupSelection: Record<string, unknown>) => res('AWS::Backup::BackupSelection', {
  BackupPlanId: 'plan-1',
  BackupSelection: { IamRoleArn: 'arn:aws:iam::111111111111:role/backup', SelectionName: 's', ...backupSelection },
});
const efsArn = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':elasticfilesystem:', { Ref: 'AWS::Region' }, ':', { Ref: 'AWS::AccountId' }, ':file-system/', { Ref: 'Fs' }]] };

export const EFS_CASES: RuleCases[] = [
  {
    rule: EFS_ONE_ZONE,
    compliant: {
      'Regional storage': { template: template({ Fs: fs() }), target: 'Fs' },
    },
    nonCompliant: {
      'One Zone storage': { template: template({ Fs: fs({ AvailabilityZoneName: 'eu-west-1a' }) }), target: 'Fs', message: /File system Fs is One Zone \(eu-west-1a\)/ },
      'One Zone in a zone from a parameter': { template: template({ Fs: fs({ AvailabilityZoneName: { Ref: 'Zone' } }) }, params), target: 'Fs' },
    },
    unknown: {
      'One Zone only under a condition': {
        template: template({ Fs: fs({ AvailabilityZoneName: { 'Fn::If': ['C', 'eu-west-1a', { Ref: 'AWS::NoValue' }] } }) }, params),
        target: 'Fs',
        message: /condition C/,
      },
    },
    notApplicable: {
      'no file system': { template: template({ T: res('AWS::EFS::AccessPoint', { FileSystemId: 'fs-1' }) }) },
    },
  },
  {
    rule: EFS_MOUNT_TARGETS,
    compliant: {
      'mount targets in two zones': { template: template({ Fs: fs(), S0: subnet(az(0)), S1: subnet(az(1)), M0: target('S0'), M1: target('S1') }), target: 'Fs' },
    },
    nonCompliant: {
      'one mount target': { template: template({ Fs: fs(), S0: subnet(az(0)), M0: target('S0') }), target: 'Fs', message: /Every mount target of file system Fs is in one Availability Zone/ },
      'two mount targets in the same zone': { template: template({ Fs: fs(), S0: subnet('eu-west-1a'), S1: subnet('eu-west-1a'), M0: target('S0'), M1: target('S1') }), target: 'Fs' },
    },
    unknown: {
      'no mount target in the template': { template: template({ Fs: fs() }), target: 'Fs', message: /no mount target in this template/ },
      'mount targets in subnets from parameters': {
        template: template({
          Fs: fs(),
          M0: res('AWS::EFS::MountTarget', { FileSystemId: { Ref: 'Fs' }, SubnetId: { Ref: 'P' } }),
          M1: res('AWS::EFS::MountTarget', { FileSystemId: { Ref: 'Fs' }, SubnetId: { Ref: 'Zone' } }),
        }, params),
        target: 'Fs',
      },
    },
    notApplicable: {
      'a One Zone file system': { template: template({ Fs: fs({ AvailabilityZoneName: 'eu-west-1a' }) }), target: 'Fs' },
    },
  },
  {
    rule: EFS_BACKUPS,
    compliant: {
      'automatic backups on': { template: template({ Fs: fs({ BackupPolicy: { Status: 'ENABLED' } }) }), target: 'Fs' },
      'One Zone file system (backups on by default)': { template: template({ Fs: fs({ AvailabilityZoneName: 'eu-west-1a' }) }), target: 'Fs' },
      'selected by ARN in an AWS Backup plan': { template: template({ Fs: fs(), Sel: selection({ Resources: [efsArn] }) }), target: 'Fs' },
      'selected by tag': {
        template: template({ Fs: fs({ FileSystemTags: [{ Key: 'backup', Value: 'daily' }] }), Sel: selection({ ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'backup', ConditionValue: 'daily' }] }) }),
        target: 'Fs',
      },
      'selected by a wildcard for every file system': {
        template: template({ Fs: fs(), Sel: selection({ Resources: [{ 'Fn::Sub': 'arn:${AWS::Partition}:elasticfilesystem:${AWS::Region}:${AWS::AccountId}:file-system/*' }] }) }),
        target: 'Fs',
      },
    },
    nonCompliant: {
      'BackupPolicy absent on a Regional file system': { template: template({ Fs: fs() }), target: 'Fs', message: /automatic backups off \(BackupPolicy is not set\)/ },
      'backups disabled': { template: template({ Fs: fs({ BackupPolicy: { Status: 'DISABLED' } }) }), target: 'Fs', message: /automatic backups disabled/ },
      'a selection for volumes only': {
        template: template({ Fs: fs(), Sel: selection({ Resources: ['arn:aws:ec2:*:*:volume/*'] }) }),
        target: 'Fs',
      },
      'a tag selection the file system does not match': {
        template: template({ Fs: fs({ FileSystemTags: [{ Key: 'tier', Value: 'gold' }] }), Sel: selection({ ListOfTags: [{ ConditionType: 'STRINGEQUALS', ConditionKey: 'tier', ConditionValue: 'silver' }] }) }),
        target: 'Fs',
      },
      'excluded by NotResources': { template: template({ Fs: fs(), Sel: selection({ Resources: ['*'], NotResources: [efsArn] }) }), target: 'Fs' },
    },
    unknown: {
      'status from a parameter': { template: template({ Fs: fs({ BackupPolicy: { Status: { Ref: 'P' } } }) }, params), target: 'Fs', message: /parameter P/ },
      'a selection whose resources are a parameter': {
        template: template({ Fs: fs(), Sel: selection({ Resources: { Ref: 'P' } }) }, params),
        target: 'Fs',
        message: /Resources of Sel is the parameter P/,
      },
      'tagged for a backup plan outside the template': {
        template: template({ Fs: fs({ FileSystemTags: [{ Key: 'backup-plan', Value: 'daily' }] }) }),
        target: 'Fs',
        message: /tag backup-plan=daily suggests a backup plan in another stack/,
      },
    },
    notApplicable: {
      'no file system': { template: template({ T: res('AWS::EFS::AccessPoint', { FileSystemId: 'fs-1' }) }) },
    },
  },
];
