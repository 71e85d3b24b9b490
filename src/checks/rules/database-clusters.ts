import type { Resource } from '../model/template-model';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, Outcome, PASS, Rule, RuleContext, RuleReference, undecided, unknown, WA } from './rule';

interface ClusterRuleSpec {
  readonly id: string;
  readonly service: string;
  readonly clusterType: string;
  readonly explanation: string;
  readonly remediation: string;
  readonly references: RuleReference[];
  /** Why a cluster is outside the rule (for example an RDS Multi-AZ DB cluster), if it is. */
  readonly skip?: (cluster: Resource) => Outcome | undefined;
}

/** "A cluster needs a second instance in another zone to fail over to", for each engine family. */
function clusterInstancesRule(spec: ClusterRuleSpec): Rule {
  return {
    id: spec.id,
    title: `${spec.service} cluster has fewer than two instances`,
    severity: Severity.ERROR,
    category: RuleCategory.SPOF,
    resourceTypes: [spec.clusterType],
    explanation: spec.explanation,
    flags: `A ${spec.service} cluster with fewer than two DB instances in the template whose \`DBClusterIdentifier\` names it, `
      + 'or whose instances are all pinned to one Availability Zone.',
    defaults: 'An instance without `AvailabilityZone` is placed by the service; only explicit zones are compared.',
    remediation: spec.remediation,
    references: spec.references,
    evaluate(cluster: Resource, ctx: RuleContext) {
      const skip = spec.skip?.(cluster);
      if (skip) return skip;
      const { members, undecided: maybe } = ctx.topology.clusterMembers(cluster);
      if (members.length >= 2) {
        if (members.some(m => !m.has('AvailabilityZone'))) return PASS;
        const spread = ctx.topology.spreadOfZones(members.map(m => m.properties.AvailabilityZone));
        if (spread.max < 2) {
          return fail(undefined, `All ${members.length} instances of ${spec.service} cluster ${cluster.logicalId} are pinned to one `
            + `Availability Zone (${spread.labels.join(', ')}): a zone failure takes the whole cluster down.`);
        }
        return PASS;
      }
      if (members.length + maybe.length >= 2) {
        return unknown(undefined, `${spec.service} cluster ${cluster.logicalId} has ${members.length} instance(s) for certain; `
          + `${maybe.map(u => u.logicalId).join(', ')} may also belong to it, depending on deploy-time values.`);
      }
      return fail(undefined, `${spec.service} cluster ${cluster.logicalId} has ${members.length === 0 ? 'no instances' : 'a single instance'} `
        + 'in this template: with no replica to promote, an instance or Availability Zone failure takes the cluster down until the '
        + 'instance is recreated.');
    },
  };
}

function auroraSkip(cluster: Resource): Outcome | undefined {
  const engine = cluster.str('Engine');
  if (!engine.known) return unknown('Engine', `Engine is ${engine.reason}, so it is not known whether this is an Aurora cluster.`);
  if (!engine.value.toLowerCase().startsWith('aurora')) return notApplicable('a Multi-AZ DB cluster: RDS manages its standbys');
  const mode = cluster.str('EngineMode', 'provisioned');
  if (mode.known && mode.value.toLowerCase() === 'serverless') return notApplicable('Aurora Serverless v1 has no DB instances to count');
  return undefined;
}

export const AURORA_INSTANCES = clusterInstancesRule({
  id: 'HA-RDS2',
  service: 'Aurora',
  clusterType: 'AWS::RDS::DBCluster',
  explanation:
    'Aurora keeps six copies of the data across three Availability Zones, but compute is one instance per DB instance. '
    + 'With only a writer, a failure means Aurora recreates the instance, which typically takes up to 10 minutes; with a '
    + 'reader in another zone, Aurora promotes it, typically in under 60 seconds. The Aurora SLA is 99.99% for Multi-AZ '
    + 'clusters and 99.9% for single-AZ ones.',
  remediation: 'Add at least one reader in another Availability Zone (CDK: `readers: [rds.ClusterInstance.provisioned(\'Reader\')]`), '
    + 'in promotion tier 0 or 1 and of the same size as the writer.',
  references: [
    configRule('rds-cluster-multi-az-enabled'),
    { label: 'High availability for Amazon Aurora', url: 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html' },
    WA.REL10_BP01,
  ],
  skip: auroraSkip,
});

export const DOCDB_INSTANCES = clusterInstancesRule({
  id: 'HA-DOCDB1',
  service: 'DocumentDB',
  clusterType: 'AWS::DocDB::DBCluster',
  explanation:
    'A DocumentDB cluster fails over by promoting a replica instance. With one instance there is nothing to promote: '
    + '"For failover to function, your cluster must have at least two instances."',
  remediation: 'Add a second `AWS::DocDB::DBInstance` for the cluster (CDK: `instances: 2` or more on `docdb.DatabaseCluster`).',
  references: [
    { label: 'Amazon DocumentDB failover', url: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/failover.html' },
    WA.REL10_BP01,
  ],
});

export const NEPTUNE_INSTANCES = clusterInstancesRule({
  id: 'HA-NEPTUNE1',
  service: 'Neptune',
  clusterType: 'AWS::Neptune::DBCluster',
  explanation:
    'A Neptune cluster fails over by promoting a read replica in another Availability Zone. With only a primary, '
    + 'a failure leaves the cluster unavailable until Neptune recreates the instance.',
  remediation: 'Add a read replica instance for the cluster (CDK: `instances: 2` on `neptune.DatabaseCluster`).',
  references: [
    configRule('neptune-cluster-multi-az-enabled'),
    { label: 'High availability for Neptune', url: 'https://docs.aws.amazon.com/neptune/latest/userguide/feature-overview-availability.html' },
    WA.REL10_BP01,
  ],
});

interface ClusterProtectionSpec {
  readonly service: string;
  readonly clusterType: string;
  readonly cdk: string;
  /** The CDK prop that sets the backup retention. */
  readonly cdkRetention: string;
  readonly references: RuleReference[];
}

/** "The cluster can be deleted by one mistaken call", for DocumentDB and Neptune. */
function deletionProtectionRule(id: string, spec: ClusterProtectionSpec): Rule {
  return {
    id,
    title: `${spec.service} cluster has no deletion protection`,
    severity: Severity.WARNING,
    category: RuleCategory.DR,
    raisedBy: 'data-loss',
    // Deletion protection is the fix for both; HA-DATA1 only adds that the stack's own deletion takes the data.
    supersedes: ['HA-DATA1'],
    resourceTypes: [spec.clusterType],
    explanation:
      `Without deletion protection, one mistaken API call, console action or stack change that removes or replaces the ${spec.service} `
      + 'cluster deletes it and its automated backups. With it on, the cluster cannot be deleted until the protection is turned off first.',
    flags: `A ${spec.service} cluster with \`DeletionProtection\` absent or false.`,
    defaults: '`DeletionProtection` is off unless set: the API and CloudFormation create clusters without it (only the console turns it on by default).',
    remediation: `Set \`DeletionProtection: true\` (CDK: \`deletionProtection: true\` on \`${spec.cdk}\`).`,
    references: spec.references,
    evaluate(cluster: Resource): Outcome {
      const protection = cluster.bool('DeletionProtection', false);
      if (!protection.known) return undecided('DeletionProtection', protection);
      if (protection.value) return PASS;
      return fail('DeletionProtection', `${spec.service} cluster ${cluster.logicalId} has no deletion protection `
        + `(DeletionProtection is ${protection.explicit ? 'false' : 'not set'}): a mistaken delete, or a stack change that removes or `
        + 'replaces it, destroys the cluster and its data.');
    },
  };
}

/** The retention below which a cluster's backups are too short to recover from late-noticed damage. */
const MIN_RETENTION_DAYS = 7;

/** "Backups are kept for less than a week", for DocumentDB and Neptune. */
function backupRetentionRule(id: string, spec: ClusterProtectionSpec): Rule {
  return {
    id,
    title: `${spec.service} cluster keeps backups for less than 7 days`,
    // Advice, like RDS's HA-RDS5: backups are on (they cannot be turned off); only how far back they reach is short.
    severity: Severity.INFO,
    category: RuleCategory.DR,
    resourceTypes: [spec.clusterType],
    explanation:
      `${spec.service} can restore a cluster to any point within its backup retention period, and no further back. With the default `
      + 'of one day, damage noticed after a weekend can no longer be undone. The AWS Config rule for this check expects at least 7 days.',
    flags: `A ${spec.service} cluster whose \`BackupRetentionPeriod\` is absent or below 7 days.`,
    defaults: '`BackupRetentionPeriod` defaults to 1 day (the minimum; backups cannot be turned off).',
    remediation: `Set \`BackupRetentionPeriod\` to 7 days or more (CDK: \`${spec.cdkRetention}\` on \`${spec.cdk}\`).`,
    references: spec.references,
    evaluate(cluster: Resource): Outcome {
      const retention = cluster.num('BackupRetentionPeriod', 1);
      if (!retention.known) return undecided('BackupRetentionPeriod', retention);
      if (retention.value >= MIN_RETENTION_DAYS) return PASS;
      return fail('BackupRetentionPeriod', `${spec.service} cluster ${cluster.logicalId} keeps backups for ${retention.value} `
        + `day${retention.value === 1 ? '' : 's'}${retention.explicit ? '' : ' (BackupRetentionPeriod is not set)'}: `
        + 'damage noticed later than that cannot be undone by a point-in-time restore.');
    },
  };
}

const DOCDB: ClusterProtectionSpec = {
  service: 'DocumentDB',
  clusterType: 'AWS::DocDB::DBCluster',
  cdk: 'docdb.DatabaseCluster',
  cdkRetention: 'backup: { retention: Duration.days(7) }',
  references: [
    configRule('docdb-cluster-deletion-protection-enabled'),
    configRule('docdb-cluster-backup-retention-check'),
    { label: 'Backing up and restoring in Amazon DocumentDB', url: 'https://docs.aws.amazon.com/documentdb/latest/developerguide/backup_restore.html' },
    WA.REL09_BP03,
  ],
};

const NEPTUNE: ClusterProtectionSpec = {
  service: 'Neptune',
  clusterType: 'AWS::Neptune::DBCluster',
  cdk: 'neptune.DatabaseCluster',
  cdkRetention: 'backupRetention: Duration.days(7)',
  references: [
    configRule('neptune-cluster-deletion-protection-enabled'),
    configRule('neptune-cluster-backup-retention-check'),
    WA.REL09_BP03,
  ],
};

export const DOCDB_DELETION_PROTECTION = deletionProtectionRule('HA-DOCDB2', DOCDB);
export const DOCDB_BACKUP_RETENTION = backupRetentionRule('HA-DOCDB3', DOCDB);
export const NEPTUNE_DELETION_PROTECTION = deletionProtectionRule('HA-NEPTUNE2', NEPTUNE);
export const NEPTUNE_BACKUP_RETENTION = backupRetentionRule('HA-NEPTUNE3', NEPTUNE);

/** Every rule of this file. */
export const DATABASE_CLUSTER_RULES: readonly Rule[] = [
  AURORA_INSTANCES,
  DOCDB_INSTANCES, DOCDB_DELETION_PROTECTION, DOCDB_BACKUP_RETENTION,
  NEPTUNE_INSTANCES, NEPTUNE_DELETION_PROTECTION, NEPTUNE_BACKUP_RETENTION,
];
