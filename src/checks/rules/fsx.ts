import type { Resource } from '../model/template-model';
import { RuleCategory, Severity } from '../types';
import { protectionOf } from './backup';
import { configRule, fail, notApplicable, Outcome, PASS, Rule, undecided, unknown, WA } from './rule';

/** The configuration block of each FSx file system type. */
const CONFIG: Record<string, string> = {
  WINDOWS: 'WindowsConfiguration',
  ONTAP: 'OntapConfiguration',
  OPENZFS: 'OpenZFSConfiguration',
  LUSTRE: 'LustreConfiguration',
};

/** An unknown outcome for a value that is not decided: set at deploy time, or not set and without a documented default. */
function notDecided(r: Resource, path: string, known: { readonly reason: string }): Outcome {
  return r.has(path)
    ? unknown(path, `${path} is ${known.reason}, so this can only be decided at deploy time.`)
    : unknown(path, `${path} is not set and has no documented default, so this cannot be decided from the template.`);
}

/** The file system type, upper case, or the outcome when it is not decided. */
function fileSystemType(r: Resource): { known: true; value: string } | { known: false; outcome: Outcome } {
  const type = r.str('FileSystemType');
  if (!type.known) return { known: false, outcome: notDecided(r, 'FileSystemType', type) };
  return { known: true, value: type.value.toUpperCase() };
}

export const FSX_MULTI_AZ: Rule = {
  id: 'HA-FSX1',
  title: 'FSx file system is deployed in one Availability Zone',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::FSx::FileSystem'],
  explanation:
    'A Single-AZ FSx file system (even a Single-AZ HA pair) runs its file servers in one Availability Zone: when that zone is '
    + 'unavailable, the file system is unavailable. Multi-AZ deployments keep a standby in another zone and fail over '
    + 'automatically; FSx commits to 99.99% only for Multi-AZ file systems. FSx for Lustre is always Single-AZ, so it is '
    + 'reported at info level: choose it knowing that a zone failure stops it.',
  flags: 'A Windows file system with `DeploymentType` absent or `SINGLE_AZ_*`; an ONTAP or OpenZFS file system with a `SINGLE_AZ_*` '
    + '`DeploymentType` (warning). Any Lustre file system (info).',
  defaults: '`WindowsConfiguration.DeploymentType` defaults to `SINGLE_AZ_1`; ONTAP and OpenZFS require a deployment type.',
  remediation: 'Use `DeploymentType: MULTI_AZ_1` (Windows, OpenZFS) or `MULTI_AZ_1`/`MULTI_AZ_2` (ONTAP) with a `PreferredSubnetId` '
    + 'and a subnet in a second zone; for Lustre, keep the data in a linked S3 bucket or backups so it can be recreated in another zone.',
  references: [
    configRule('fsx-windows-deployment-type-check'),
    configRule('fsx-ontap-deployment-type-check'),
    configRule('fsx-openzfs-deployment-type-check'),
    { label: 'Amazon FSx Service Level Agreement', url: 'https://aws.amazon.com/fsx/sla/' },
    WA.REL10_BP01,
  ],
  evaluate(r) {
    const type = fileSystemType(r);
    if (!type.known) return type.outcome;
    if (type.value === 'LUSTRE') {
      return fail('FileSystemType', `Lustre file system ${r.logicalId} runs in a single Availability Zone: a zone failure makes it unavailable `
        + 'until the zone recovers or it is recreated from its S3 data repository or a backup.', Severity.INFO);
    }
    const block = CONFIG[type.value];
    if (!block) return notApplicable(`file system type ${type.value}`);
    const path = `${block}.DeploymentType`;
    const deployment = type.value === 'WINDOWS' ? r.str(path, 'SINGLE_AZ_1') : r.str(path);
    if (!deployment.known) return notDecided(r, path, deployment);
    const value = deployment.value.toUpperCase();
    if (value.startsWith('MULTI_AZ')) return PASS;
    if (!value.startsWith('SINGLE_AZ')) return notApplicable(`deployment type ${deployment.value}`);
    return fail(path, `FSx file system ${r.logicalId} is ${deployment.value}${deployment.explicit ? '' : ' (DeploymentType is not set)'}: `
      + `its file servers${value.includes('HA') ? ', primary and standby,' : ''} are in one Availability Zone, so a zone failure makes it unavailable.`);
  },
};

export const FSX_BACKUPS: Rule = {
  id: 'HA-FSX2',
  title: 'FSx file system has no automatic backups',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::FSx::FileSystem'],
  explanation:
    'FSx takes daily automatic backups unless their retention is 0. Without them, and without an AWS Backup plan, a deleted '
    + 'share or a corrupted volume cannot be restored, and a Single-AZ file system cannot be recreated in another zone.',
  flags: 'A file system whose `AutomaticBackupRetentionDays` is 0 (absent counts as 0 for persistent Lustre) and that no AWS Backup '
    + 'selection of the template selects.',
  defaults: '`AutomaticBackupRetentionDays` defaults to 30 for Windows, ONTAP and OpenZFS and to 0 for Lustre. Scratch Lustre file '
    + 'systems cannot be backed up: they are temporary storage by design and are not judged.',
  remediation: 'Set `AutomaticBackupRetentionDays` to 7 or more in the file system\'s configuration block, or select it in an AWS Backup plan.',
  references: [
    configRule('fsx-resources-protected-by-backup-plan'),
    { label: 'Protecting your data with backups (FSx for Windows File Server)', url: 'https://docs.aws.amazon.com/fsx/latest/WindowsGuide/using-backups.html' },
    WA.REL09_BP03,
  ],
  evaluate(r, ctx) {
    const type = fileSystemType(r);
    if (!type.known) return type.outcome;
    const block = CONFIG[type.value];
    if (!block) return notApplicable(`file system type ${type.value}`);
    if (type.value === 'LUSTRE') {
      const deployment = r.str(`${block}.DeploymentType`, 'SCRATCH_1');
      if (!deployment.known) return undecided(`${block}.DeploymentType`, deployment);
      if (deployment.value.toUpperCase().startsWith('SCRATCH')) return notApplicable('scratch Lustre file systems cannot be backed up');
    }
    const path = `${block}.AutomaticBackupRetentionDays`;
    const days = r.num(path, type.value === 'LUSTRE' ? 0 : 30);
    if (!days.known) return undecided(path, days);
    if (days.value > 0) return PASS;
    const protection = protectionOf(r, ctx);
    if (protection.status === 'protected') return PASS;
    if (protection.status === 'unknown') return unknown(path, `File system ${r.logicalId} has no automatic backups; whether an AWS Backup plan selects it is not decided by this template: ${protection.reason}.`);
    return fail(path, `FSx file system ${r.logicalId} keeps no automatic backups (${days.explicit ? 'AutomaticBackupRetentionDays is 0' : 'AutomaticBackupRetentionDays is not set'}) `
      + 'and no AWS Backup selection in this template selects it: lost or corrupted data cannot be restored.');
  },
};

/** Every FSx rule; register these in the rule index. */
export const FSX_RULES: readonly Rule[] = [FSX_MULTI_AZ, FSX_BACKUPS];
