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
