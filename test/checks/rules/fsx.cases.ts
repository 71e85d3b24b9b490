import { RuleCases } from './cases';
import { FSX_BACKUPS, FSX_MULTI_AZ } from '../../../src/checks/rules/fsx';
import { Severity } from '../../../src/checks/types';
import { res, template } from '../../helpers/templates';

const fsx = (type: string, config: Record<string, unknown> = {}, props: Record<string, unknown> = {}) => {
  const block = { WINDOWS: 'WindowsConfiguration', ONTAP: 'OntapConfiguration', OPENZFS: 'OpenZFSConfiguration', LUSTRE: 'LustreConfiguration' }[type] ?? 'Configuration';
  return res('AWS::FSx::FileSystem', { FileSystemType: type, StorageCapacity: 1024, SubnetIds: ['subnet-1'], [block]: { ThroughputCapacity: 32, ...config }, ...props });
};
const params = { Parameters: { P: { Type: 'String' }, N: { Type: 'Number' } } };
const selection = (resources: unknown[]) => res('AWS::Backup::BackupSelection', {
  BackupPlanId: 'plan-1',
  BackupSelection: { IamRoleArn: 'arn:aws:iam::111111111111:role/backup', SelectionName: 's', Resources: resources },
});

export const FSX_CASES: RuleCases[] = [
  {
    rule: FSX_MULTI_AZ,
    compliant: {
      'Windows Multi-AZ': { template: template({ F: fsx('WINDOWS', { DeploymentType: 'MULTI_AZ_1' }) }), target: 'F' },
      'ONTAP Multi-AZ 2': { template: template({ F: fsx('ONTAP', { DeploymentType: 'MULTI_AZ_2' }) }), target: 'F' },
      'OpenZFS Multi-AZ': { template: template({ F: fsx('OPENZFS', { DeploymentType: 'MULTI_AZ_1' }) }), target: 'F' },
    },
    nonCompliant: {
      'Windows with DeploymentType absent (defaults to SINGLE_AZ_1)': { template: template({ F: fsx('WINDOWS') }), target: 'F', message: /SINGLE_AZ_1 \(DeploymentType is not set\)/ },
      'ONTAP Single-AZ': { template: template({ F: fsx('ONTAP', { DeploymentType: 'SINGLE_AZ_2' }) }), target: 'F', message: /one Availability Zone/ },
      'OpenZFS Single-AZ HA pair': { template: template({ F: fsx('OPENZFS', { DeploymentType: 'SINGLE_AZ_HA_2' }) }), target: 'F', message: /primary and standby/ },
      'Lustre (info)': { template: template({ F: fsx('LUSTRE', { DeploymentType: 'PERSISTENT_2' }) }), target: 'F', severity: Severity.INFO, message: /Lustre file system F runs in a single Availability Zone/ },
    },
    unknown: {
      'deployment type from a parameter': { template: template({ F: fsx('WINDOWS', { DeploymentType: { Ref: 'P' } }) }, params), target: 'F', message: /parameter P/ },
      'file system type from a parameter': { template: template({ F: res('AWS::FSx::FileSystem', { FileSystemType: { Ref: 'P' } }) }, params), target: 'F' },
    },
    notApplicable: {
      'no FSx file system': { template: template({ V: res('AWS::FSx::Volume', { Name: 'v' }) }) },
    },
  },
  {
    rule: FSX_BACKUPS,
    compliant: {
      'Windows with retention absent (defaults to 30 days)': { template: template({ F: fsx('WINDOWS', { DeploymentType: 'MULTI_AZ_1' }) }), target: 'F' },
      'persistent Lustre with 7 days': { template: template({ F: fsx('LUSTRE', { DeploymentType: 'PERSISTENT_2', AutomaticBackupRetentionDays: 7 }) }), target: 'F' },
      'retention 0 but selected by an AWS Backup plan': {
        template: template({ F: fsx('ONTAP', { DeploymentType: 'MULTI_AZ_1', AutomaticBackupRetentionDays: 0 }), Sel: selection([{ 'Fn::Sub': 'arn:aws:fsx:${AWS::Region}:${AWS::AccountId}:file-system/${F}' }]) }),
        target: 'F',
      },
    },
    nonCompliant: {
      'retention 0': { template: template({ F: fsx('WINDOWS', { AutomaticBackupRetentionDays: 0 }) }), target: 'F', message: /AutomaticBackupRetentionDays is 0/ },
      'persistent Lustre with retention absent (defaults to 0)': { template: template({ F: fsx('LUSTRE', { DeploymentType: 'PERSISTENT_1' }) }), target: 'F', message: /AutomaticBackupRetentionDays is not set/ },
    },
    unknown: {
      'retention from a parameter': { template: template({ F: fsx('OPENZFS', { DeploymentType: 'MULTI_AZ_1', AutomaticBackupRetentionDays: { Ref: 'N' } }) }, params), target: 'F', message: /parameter N/ },
    },
    notApplicable: {
      'scratch Lustre cannot be backed up': { template: template({ F: fsx('LUSTRE', { DeploymentType: 'SCRATCH_2' }) }), target: 'F' },
      'Lustre with the default (scratch) deployment': { template: template({ F: fsx('LUSTRE') }), target: 'F' },
    },
  },
];
