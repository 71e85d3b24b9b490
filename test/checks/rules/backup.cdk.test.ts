import { App, RemovalPolicy, Stack, Tags } from 'aws-cdk-lib';
import * as backup from 'aws-cdk-lib/aws-backup';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as efs from 'aws-cdk-lib/aws-efs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { ResilienceObjectives, ResiliencePreset } from '../../../src';
import { checkTemplate } from '../../../src/checks/engine';
import { BACKUP_RULES } from '../../../src/checks/rules/backup';
import { EFS_RULES } from '../../../src/checks/rules/efs';
import { DATA_RULES } from '../../../src/checks/rules/stateful-resources';
import { modelOfStack } from '../../helpers/templates';

const RULES = [...BACKUP_RULES, ...EFS_RULES, ...DATA_RULES];

/** Synthesizes the app first, so that aspects such as `Tags` have run, as they have when the checks run. */
function findings(stack: Stack): string[] {
  (stack.node.root as App).synth();
  return checkTemplate(modelOfStack(stack), RULES).findings
    .map(f => `${f.ruleId} ${f.logicalId.replace(/[0-9A-F]{8}$/, '')} ${f.status} ${f.severity}`).sort();
}

function instance(stack: Stack, id: string, vpc: ec2.IVpc): ec2.Instance {
  return new ec2.Instance(stack, id, {
    vpc,
    instanceType: new ec2.InstanceType('t3.micro'),
    machineImage: ec2.MachineImage.latestAmazonLinux2023(),
    blockDevices: [{ deviceName: '/dev/sdf', volume: ec2.BlockDeviceVolume.ebs(100) }],
  });
}

describe('backup rules on CDK constructs', () => {
  test('a backup plan selecting a file system by construct and an instance by tag covers both', () => {
    const stack = new Stack(new App(), 'S');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    const fs = new efs.FileSystem(stack, 'Fs', { vpc });
    const server = instance(stack, 'Server', vpc);
    Tags.of(server).add('backup', 'daily');
    instance(stack, 'Untagged', vpc);
    const plan = backup.BackupPlan.dailyWeeklyMonthly5YearRetention(stack, 'Plan', new backup.BackupVault(stack, 'Vault', { blockRecoveryPointDeletion: true }));
    plan.addSelection('Selection', { resources: [backup.BackupResource.fromEfsFileSystem(fs), backup.BackupResource.fromTag('backup', 'daily')] });
    expect(findings(stack)).toEqual(['HA-BACKUP1 Untagged fail warning']);
  });

  test('CDK defaults: a file system without automatic backups, a vault that allows deleting recovery points', () => {
    const stack = new Stack(new App(), 'S');
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
    new efs.FileSystem(stack, 'Fs', { vpc });
    new efs.FileSystem(stack, 'Backed', { vpc, enableAutomaticBackups: true });
    backup.BackupPlan.daily35DayRetention(stack, 'Plan');
    expect(findings(stack)).toEqual(['HA-BACKUP2 PlanVault fail info', 'HA-EFS3 Fs fail warning']);
  });

  test('removal policies: DESTROY deletes the data, auto-deleted buckets included; the L2 defaults retain it', () => {
    const build = (stack: Stack) => {
      const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2 });
      new efs.FileSystem(stack, 'Kept', { vpc, enableAutomaticBackups: true });
      new efs.FileSystem(stack, 'Dropped', { vpc, enableAutomaticBackups: true, removalPolicy: RemovalPolicy.DESTROY });
      new s3.Bucket(stack, 'Scratch', { versioned: true, removalPolicy: RemovalPolicy.DESTROY });
      new s3.Bucket(stack, 'Emptied', { versioned: true, removalPolicy: RemovalPolicy.DESTROY, autoDeleteObjects: true });
      return stack;
    };
    // Advice without objectives; a warning once the workload declares an RPO.
    expect(findings(build(new Stack(new App(), 'S')))).toEqual(['HA-DATA1 Dropped fail info', 'HA-DATA1 Emptied fail info']);
    const declared = new Stack(new App(), 'S');
    ResilienceObjectives.declare(declared, { preset: ResiliencePreset.BUSINESS_CRITICAL });
    expect(findings(build(declared))).toEqual(['HA-DATA1 Dropped fail warning', 'HA-DATA1 Emptied fail warning']);
  });
});
