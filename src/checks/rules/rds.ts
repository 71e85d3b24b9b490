import type { Resource } from '../model/template-model';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, Outcome, PASS, Rule, undecided, WA } from './rule';

/** Why an RDS DB instance is not a standalone instance that the instance rules judge, if it is not. */
function notStandalone(r: Resource): Outcome | undefined {
  if (r.has('DBClusterIdentifier')) return notApplicable('a member of a DB cluster: the cluster rules apply');
  const engine = r.str('Engine');
  if (engine.known && engine.value.toLowerCase().startsWith('aurora')) return notApplicable('an Aurora instance: the cluster rules apply');
  if (r.has('SourceDBInstanceIdentifier') || r.has('SourceDBClusterIdentifier')) return notApplicable('a read replica');
  return undefined;
}

export const RDS_MULTI_AZ: Rule = {
  id: 'HA-RDS1',
  title: 'RDS DB instance is not Multi-AZ',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::RDS::DBInstance'],
  explanation:
    'A Single-AZ DB instance has no standby. When its host or its Availability Zone fails, the database is down until '
    + 'RDS replaces the host or someone restores a backup in another zone (tens of minutes to hours, losing up to five '
    + 'minutes of writes). A Multi-AZ instance fails over to a synchronous standby in another zone, typically in 60-120 seconds, '
    + 'with no data loss. The RDS SLA is 99.95% for Multi-AZ and 99.5% for Single-AZ instances.',
  flags: 'A DB instance that is not part of a cluster, not Aurora and not a read replica, with `MultiAZ` absent or false.',
  defaults: '`MultiAZ` defaults to false.',
  remediation:
    'Set `MultiAZ: true` (CDK: `multiAz: true` on `rds.DatabaseInstance`), or use an Aurora cluster or a Multi-AZ DB cluster.',
  references: [
    configRule('rds-multi-az-support'),
    { label: 'Amazon RDS Multi-AZ failover', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html' },
    WA.REL10_BP01,
  ],
  evaluate(r) {
    const skip = notStandalone(r);
    if (skip) return skip;
    const multiAz = r.bool('MultiAZ', false);
    if (!multiAz.known) return undecided('MultiAZ', multiAz);
    if (multiAz.value) return PASS;
    const engine = r.str('Engine');
    const express = engine.known && engine.value.toLowerCase() === 'sqlserver-ex';
    return fail('MultiAZ',
      `DB instance ${r.logicalId} is Single-AZ (MultiAZ is ${multiAz.explicit ? 'false' : 'not set'}): `
      + 'a host or Availability Zone failure takes the database down until it is replaced or restored.'
      + (express ? ' SQL Server Express cannot be Multi-AZ: choose Standard or Enterprise edition.' : ''));
  },
};

export const RDS_BACKUPS: Rule = {
  id: 'HA-RDS3',
  title: 'RDS automated backups are turned off',
  severity: Severity.ERROR,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  explanation:
    'With a backup retention period of 0, RDS takes no automated backups and keeps no transaction logs, so there is no '
    + 'point-in-time recovery: a bad deployment, a dropped table or a lost instance means the data written since the last '
    + 'manual snapshot is gone.',
  flags: 'A DB instance (not a cluster member or read replica) or a DB cluster with `BackupRetentionPeriod: 0`.',
  defaults: '`BackupRetentionPeriod` defaults to 1 day, which keeps backups on; this rule flags only an explicit 0.',
  remediation: 'Set `BackupRetentionPeriod` to 7 days or more (CDK: `backupRetention: Duration.days(7)`).',
  references: [
    configRule('db-instance-backup-enabled'),
    { label: 'Amazon RDS automated backups', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html' },
    WA.REL09_BP03,
  ],
  evaluate(r) {
    if (r.type === 'AWS::RDS::DBInstance') {
      const skip = notStandalone(r);
      if (skip) return skip;
    }
    const retention = r.num('BackupRetentionPeriod', 1);
    if (!retention.known) return undecided('BackupRetentionPeriod', retention);
    if (retention.value > 0) return PASS;
    return fail('BackupRetentionPeriod',
      `${r.type === 'AWS::RDS::DBCluster' ? 'DB cluster' : 'DB instance'} ${r.logicalId} has BackupRetentionPeriod 0: `
      + 'no automated backups and no point-in-time recovery.');
  },
};

/** The subject of a message: `DB instance X` or `DB cluster X`. */
function subjectOf(r: Resource): string {
  return `${r.type === 'AWS::RDS::DBCluster' ? 'DB cluster' : 'DB instance'} ${r.logicalId}`;
}

export const RDS_DELETION_PROTECTION: Rule = {
  id: 'HA-RDS4',
  title: 'RDS DB instance or cluster has no deletion protection',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  explanation:
    'Without deletion protection, one mistaken API call, console action or stack change that removes or replaces the '
    + 'database deletes it, and with it every automated backup that is not retained. With deletion protection on, RDS '
    + 'refuses to delete the database until someone turns the protection off first. Aurora instances are not judged: '
    + 'deletion protection belongs to their cluster, and an instance of a cluster can be deleted even when the cluster is protected.',
  flags: 'A DB cluster, or a DB instance that is not part of a cluster, not Aurora and not a read replica, with `DeletionProtection` absent or false.',
  defaults: '`DeletionProtection` defaults to false for DB instances and DB clusters ("By default, deletion protection isn\'t enabled").',
  remediation:
    'Set `DeletionProtection: true` (CDK: `deletionProtection: true` on `rds.DatabaseInstance` or `rds.DatabaseCluster`), and keep '
    + 'the `Snapshot` deletion policy (CDK: `removalPolicy: RemovalPolicy.SNAPSHOT`).',
  raisedBy: 'data-loss',
  // Deletion protection is the fix for both; HA-DATA1 only adds that the stack's own deletion takes the data.
  supersedes: ['HA-DATA1'],
  references: [
    configRule('rds-instance-deletion-protection-enabled'),
    configRule('rds-cluster-deletion-protection-enabled'),
    { label: 'Deleting a DB instance (deletion protection)', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_DeleteInstance.html' },
    WA.REL09_BP01,
  ],
  evaluate(r) {
    if (r.type === 'AWS::RDS::DBInstance') {
      const skip = notStandalone(r);
      if (skip) return skip;
    }
    const protection = r.bool('DeletionProtection', false);
    if (!protection.known) return undecided('DeletionProtection', protection);
    if (protection.value) return PASS;
    return fail('DeletionProtection',
      `${subjectOf(r)} has no deletion protection (DeletionProtection is ${protection.explicit ? 'false' : 'not set'}): `
      + 'a mistaken delete, or a stack change that removes or replaces it, destroys the database.');
  },
};

/** The retention below which backups are reported as short. */
const SHORT_RETENTION_DAYS = 7;

export const RDS_BACKUP_RETENTION: Rule = {
  id: 'HA-RDS5',
  title: 'RDS automated backups are kept for less than 7 days',
  severity: Severity.INFO,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::RDS::DBInstance', 'AWS::RDS::DBCluster'],
  explanation:
    'Point-in-time recovery reaches back only as far as the backup retention period. With the default of one day, data '
    + 'corrupted on a Friday and noticed on a Monday can no longer be restored to a point before the damage. Seven days '
    + 'covers a weekend and a late discovery at little extra cost.',
  flags: 'A DB cluster, or a DB instance that is not part of a cluster, not Aurora and not a read replica, that keeps automated '
    + 'backups for 1 to 6 days, including when `BackupRetentionPeriod` is absent.',
  defaults: '`BackupRetentionPeriod` defaults to 1 day. A retention of 0 (backups off) is reported by HA-RDS3, not here.',
  remediation: 'Set `BackupRetentionPeriod` to 7 days or more (CDK: `backup: { retention: Duration.days(7) }` on `rds.DatabaseCluster`, '
    + '`backupRetention: Duration.days(7)` on `rds.DatabaseInstance`).',
  references: [
    configRule('db-instance-backup-enabled'),
    { label: 'Amazon RDS automated backups', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_WorkingWithAutomatedBackups.html' },
    WA.REL09_BP03,
  ],
  evaluate(r) {
    if (r.type === 'AWS::RDS::DBInstance') {
      const skip = notStandalone(r);
      if (skip) return skip;
    }
    const retention = r.num('BackupRetentionPeriod', 1);
    if (!retention.known) return undecided('BackupRetentionPeriod', retention);
    if (retention.value <= 0) return notApplicable('automated backups are off, which HA-RDS3 reports');
    if (retention.value >= SHORT_RETENTION_DAYS) return PASS;
    return fail('BackupRetentionPeriod',
      `${subjectOf(r)} keeps automated backups for ${retention.value} day${retention.value === 1 ? '' : 's'}`
      + `${retention.explicit ? '' : ' (BackupRetentionPeriod is not set)'}: damage noticed later than that cannot be undone by a point-in-time restore.`);
  },
};

/** Aurora MySQL engine names (`aurora` is the MySQL 5.6-compatible engine). */
const AURORA_MYSQL = new Set(['aurora', 'aurora-mysql']);

export const AURORA_BACKTRACK: Rule = {
  id: 'HA-RDS6',
  title: 'Aurora MySQL cluster has no backtrack window',
  severity: Severity.INFO,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::RDS::DBCluster'],
  explanation:
    'Backtracking rewinds an Aurora MySQL cluster in place to a moment before a bad statement, typically in minutes, '
    + 'without restoring a new cluster from backups (which takes much longer and changes the endpoint). It can only be '
    + 'turned on when the cluster is created, so it belongs in the template. Aurora PostgreSQL has no backtracking, and Aurora '
    + 'global databases, cross-Region binlog replicas and Aurora Serverless v1 do not support it: those clusters are not judged.',
  flags: 'An Aurora MySQL cluster (`Engine` `aurora` or `aurora-mysql`, provisioned or Serverless v2, not part of a global '
    + 'database and not a binlog replica) with `BacktrackWindow` absent or 0.',
  defaults: '`BacktrackWindow` defaults to 0 (backtracking off).',
  remediation:
    'Set `BacktrackWindow` to the number of seconds you want to be able to rewind, up to 259200 (72 hours), when the cluster is '
    + 'created (CDK: `backtrackWindow: Duration.hours(24)` on `rds.DatabaseCluster`). An existing cluster needs a restore from a snapshot to gain it.',
  references: [
    configRule('aurora-mysql-backtracking-enabled'),
    { label: 'Backtracking an Aurora DB cluster', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/AuroraMySQL.Managing.Backtrack.html' },
  ],
  evaluate(r, ctx) {
    const engine = r.str('Engine');
    if (!engine.known) return undecided('Engine', engine);
    if (!AURORA_MYSQL.has(engine.value.toLowerCase())) return notApplicable(`engine ${engine.value}: backtracking is only for Aurora MySQL`);
    const mode = r.str('EngineMode', 'provisioned');
    if (!mode.known) return undecided('EngineMode', mode);
    if (!['provisioned', 'parallelquery'].includes(mode.value.toLowerCase())) return notApplicable(`engine mode ${mode.value} does not support backtracking`);
    const global = r.str('GlobalClusterIdentifier', '');
    if (!global.known) return undecided('GlobalClusterIdentifier', global);
    if (global.value !== '' || ctx.topology.referrers('AWS::RDS::GlobalCluster', 'SourceDBClusterIdentifier', r.logicalId).length) {
      return notApplicable('a member of an Aurora global database, which does not support backtracking');
    }
    if (r.has('ReplicationSourceIdentifier')) return notApplicable('a binlog replica, which does not support backtracking');
    const window = r.num('BacktrackWindow', 0);
    if (!window.known) return undecided('BacktrackWindow', window);
    if (window.value > 0) return PASS;
    return fail('BacktrackWindow',
      `Aurora MySQL cluster ${r.logicalId} has no backtrack window (BacktrackWindow is ${window.explicit ? '0' : 'not set'}): `
      + 'undoing a bad statement means restoring a new cluster from backups instead of rewinding this one in minutes.');
  },
};

/** Every rule of this file. */
export const RDS_RULES: readonly Rule[] = [RDS_MULTI_AZ, RDS_BACKUPS, RDS_DELETION_PROTECTION, RDS_BACKUP_RETENTION, AURORA_BACKTRACK];
