import type { Resource } from '../model/template-model';
import { intrinsicName } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { protectionOf } from './backup';
import { configRule, decideSpread, fail, notApplicable, Outcome, PASS, Rule, RuleContext, undecided, unknown, WA } from './rule';

const EFS_SLA = { label: 'Amazon EFS Service Level Agreement', url: 'https://aws.amazon.com/efs/sla/' };

/**
 * Whether a file system is One Zone (true) or Regional (false). A zone from a parameter is still one
 * zone; only a condition (`Fn::If`, possibly with `AWS::NoValue`) leaves the storage class undecided.
 */
function oneZone(r: Resource): { known: true; value: boolean } | { known: false; outcome: Outcome } {
  const zone = r.value('AvailabilityZoneName');
  if (zone.kind === 'absent') return { known: true, value: false };
  if (zone.kind === 'unknown' && intrinsicName(r.properties.AvailabilityZoneName) === 'Fn::If') {
    return { known: false, outcome: unknown('AvailabilityZoneName', `AvailabilityZoneName is ${zone.reason}, so whether file system ${r.logicalId} is One Zone is decided at deploy time.`) };
  }
  return { known: true, value: true };
}

export const EFS_ONE_ZONE: Rule = {
  id: 'HA-EFS1',
  title: 'EFS file system uses One Zone storage',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::EFS::FileSystem'],
  explanation:
    'A One Zone file system stores its data in a single Availability Zone. When that zone is unavailable the file system is '
    + 'unavailable, and if the zone loses the data it can only be restored from a backup. The EFS SLA is 99.99% for Regional '
    + '(Standard) storage and 99.9% for One Zone storage.',
  flags: 'A file system with `AvailabilityZoneName` set.',
  defaults: 'Without `AvailabilityZoneName` a file system is Regional, with data stored across several zones.',
  remediation: 'Remove `AvailabilityZoneName` to create a Regional file system (CDK: `oneZone: false`, the default), and add a mount '
    + 'target in each zone its clients run in.',
  references: [configRule('efs-filesystem-multi-az'), EFS_SLA, WA.REL10_BP01],
  evaluate(r) {
    const zone = oneZone(r);
    if (!zone.known) return zone.outcome;
    if (!zone.value) return PASS;
    const name = r.str('AvailabilityZoneName');
    return fail('AvailabilityZoneName', `File system ${r.logicalId} is One Zone${name.known ? ` (${name.value})` : ''}: `
      + 'when that Availability Zone is unavailable, so is the file system, and a zone failure can lose its data.');
  },
};

/** The mount targets of a file system in the template. */
function mountTargets(r: Resource, ctx: RuleContext): Resource[] {
  return ctx.topology.referrers('AWS::EFS::MountTarget', 'FileSystemId', r.logicalId);
}

export const EFS_MOUNT_TARGETS: Rule = {
  id: 'HA-EFS2',
  title: 'EFS file system has mount targets in fewer than two Availability Zones',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::EFS::FileSystem'],
  explanation:
    'Clients reach an EFS file system through a mount target in their zone. A Regional file system keeps its data in several '
    + 'zones, but with mount targets in one zone only, clients lose access when that zone fails, and clients in other zones '
    + 'depend on it across zones.',
  flags: 'A Regional file system whose mount targets in the template (`AWS::EFS::MountTarget` naming it in `FileSystemId`) '
    + 'are in fewer than two zones.',
  defaults: 'A file system without mount targets in the template is reported as unknown: they may be created elsewhere.',
  remediation: 'Create a mount target in a subnet of each Availability Zone the clients use (CDK: `vpcSubnets` selecting one subnet per zone; '
    + '`efs.FileSystem` creates a mount target in each selected subnet).',
  references: [
    { label: 'Managing mount targets', url: 'https://docs.aws.amazon.com/efs/latest/ug/accessing-fs.html' },
    WA.REL10_BP01,
  ],
  evaluate(r, ctx) {
    const zone = oneZone(r);
    if (!zone.known) return zone.outcome;
    if (zone.value) return notApplicable('a One Zone file system has its mount target in its own zone');
    const targets = mountTargets(r, ctx);
    if (targets.length === 0) {
      return unknown(undefined, `File system ${r.logicalId} has no mount target in this template, so where clients can reach it is decided elsewhere.`);
    }
    const spread = ctx.topology.spreadOfSubnets(targets.map(t => t.properties.SubnetId ?? null));
    return decideSpread(spread, 'SubnetId', `Every mount target of file system ${r.logicalId}`,
      'when that zone fails, clients lose access to the file system although its data survives in other zones.');
  },
};

export const EFS_BACKUPS: Rule = {
  id: 'HA-EFS3',
  title: 'EFS file system has no automatic backups',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::EFS::FileSystem'],
  explanation:
    'EFS replicates data across zones, but a deleted directory or a file overwritten by a bug is replicated too. Without '
    + 'backups there is no earlier copy to restore. Automatic backups put the file system in the EFS default AWS Backup plan '
    + '(daily, kept 35 days); an AWS Backup selection does the same with your own schedule.',
  flags: 'A file system whose `BackupPolicy.Status` is `DISABLED` (or absent, for a Regional file system) and that no AWS Backup '
    + 'selection of the template selects.',
  defaults: 'Without `BackupPolicy`, the EFS API turns automatic backups on for One Zone file systems and off for Regional ones '
    + '(CreateFileSystem `Backup` defaults to false, or true when `AvailabilityZoneName` is set); the console turns them on for both. '
    + 'CDK\'s `enableAutomaticBackups` defaults to false.',
  remediation: 'Set `BackupPolicy: { Status: ENABLED }` (CDK: `enableAutomaticBackups: true`), or select the file system in an AWS '
    + 'Backup plan (CDK: `BackupResource.fromEfsFileSystem(fileSystem)`).',
  references: [
    configRule('efs-automatic-backups-enabled'),
    configRule('efs-resources-protected-by-backup-plan'),
    { label: 'Backing up EFS file systems', url: 'https://docs.aws.amazon.com/efs/latest/ug/awsbackup.html' },
    WA.REL09_BP03,
  ],
  evaluate(r, ctx) {
    const zone = oneZone(r);
    const status = r.str('BackupPolicy.Status');
    if (r.has('BackupPolicy.Status') && !status.known) return undecided('BackupPolicy.Status', status);
    if (status.known && status.value.toUpperCase() === 'ENABLED') return PASS;
    if (!status.known) {
      if (!zone.known) return zone.outcome;
      if (zone.value) return PASS;
    }
    const protection = protectionOf(r, ctx);
    if (protection.status === 'protected') return PASS;
    if (protection.status === 'unknown') return unknown('BackupPolicy.Status', `File system ${r.logicalId} has no automatic backups; whether an AWS Backup plan selects it is not decided by this template: ${protection.reason}.`);
    return fail('BackupPolicy.Status', `File system ${r.logicalId} has automatic backups ${status.known ? 'disabled' : 'off (BackupPolicy is not set)'} `
      + 'and no AWS Backup selection in this template selects it: deleted or corrupted files cannot be restored.');
  },
};

/** Every EFS rule; register these in the rule index. */
export const EFS_RULES: readonly Rule[] = [EFS_ONE_ZONE, EFS_MOUNT_TARGETS, EFS_BACKUPS];
