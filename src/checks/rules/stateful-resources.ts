import type { Json } from '../model/json';
import type { Resource } from '../model/template-model';
import { describeUndecided, evaluate } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, notForSupport, Outcome, PASS, Rule, RuleContext, unknown, WA } from './rule';
import { SUPPORT_STORES } from './s3';

/** What each stateful type holds, for messages. */
const HOLDS: Record<string, string> = {
  'AWS::RDS::DBInstance': 'DB instance',
  'AWS::RDS::DBCluster': 'DB cluster',
  'AWS::DynamoDB::Table': 'DynamoDB table',
  'AWS::DynamoDB::GlobalTable': 'DynamoDB global table',
  'AWS::EFS::FileSystem': 'EFS file system',
  'AWS::FSx::FileSystem': 'FSx file system',
  'AWS::EC2::Volume': 'EBS volume',
  'AWS::ElastiCache::ReplicationGroup': 'ElastiCache replication group',
  'AWS::ElastiCache::CacheCluster': 'ElastiCache cluster',
  'AWS::OpenSearchService::Domain': 'OpenSearch domain',
  'AWS::Elasticsearch::Domain': 'Elasticsearch domain',
  'AWS::Redshift::Cluster': 'Redshift cluster',
  'AWS::DocDB::DBCluster': 'DocumentDB cluster',
  'AWS::Neptune::DBCluster': 'Neptune cluster',
  'AWS::KMS::Key': 'KMS key',
  'AWS::S3::Bucket': 'S3 bucket',
};

/** The property that turns on the service's own deletion protection, where there is one. */
const DELETION_PROTECTION: Record<string, string> = {
  'AWS::RDS::DBInstance': 'DeletionProtection',
  'AWS::RDS::DBCluster': 'DeletionProtection',
  'AWS::DynamoDB::Table': 'DeletionProtectionEnabled',
  'AWS::DocDB::DBCluster': 'DeletionProtection',
  'AWS::Neptune::DBCluster': 'DeletionProtection',
};

/** FSx file system types whose deletion takes a final backup unless told not to, which CloudFormation does not. */
const FINAL_BACKUP_FSX = new Map([['WINDOWS', 'Windows File Server'], ['OPENZFS', 'OpenZFS']]);

/** Policies that keep the data: the resource itself, or a snapshot of it. */
const KEEPS = new Set(['Retain', 'RetainExceptOnCreate', 'Snapshot']);

/** The default DeletionPolicy: Snapshot for RDS clusters and for DB instances outside a cluster, else Delete. */
function defaultDeletionPolicy(r: Resource): string {
  if (r.type === 'AWS::RDS::DBCluster') return 'Snapshot';
  if (r.type === 'AWS::RDS::DBInstance' && !r.has('DBClusterIdentifier')) return 'Snapshot';
  return 'Delete';
}

type Policy = { known: true; value: string; explicit: boolean } | { known: false; reason: string };

function policyOf(raw: Json | undefined, defaultValue: string, ctx: RuleContext): Policy {
  const value = evaluate(raw, ctx.model);
  if (value.kind === 'absent') return { known: true, value: defaultValue, explicit: false };
  if (value.kind === 'literal' && typeof value.value === 'string') return { known: true, value: value.value, explicit: true };
  return { known: false, reason: describeUndecided(value) };
}

/** Why a resource of a listed type holds no data this rule protects, if it does not. */
function skip(r: Resource, ctx: RuleContext): Outcome | undefined {
  const support = notForSupport(r, SUPPORT_STORES);
  if (support) return support;
  if (r.type === 'AWS::RDS::DBInstance' && r.has('DBClusterIdentifier')) return notApplicable('a cluster member: its data belongs to the cluster');
  if (r.type === 'AWS::RDS::DBInstance' && (r.has('SourceDBInstanceIdentifier') || r.has('SourceDBClusterIdentifier'))) {
    return notApplicable('a read replica: its data lives in its source');
  }
  if (r.type === 'AWS::S3::Bucket') {
    // CloudFormation cannot delete a bucket that holds objects; only an auto-delete custom resource empties it first.
    const emptied = ctx.topology.referrers('Custom::S3AutoDeleteObjects', 'BucketName', r.logicalId).length > 0;
    if (!emptied) return notApplicable('CloudFormation does not delete a bucket that still holds objects');
  }
  if (r.type === 'AWS::FSx::FileSystem') {
    const type = r.str('FileSystemType');
    if (type.known && FINAL_BACKUP_FSX.has(type.value)) return notApplicable(`FSx for ${FINAL_BACKUP_FSX.get(type.value)} takes a final backup when it is deleted`);
  }
  if (r.type === 'AWS::ElastiCache::ReplicationGroup' || r.type === 'AWS::ElastiCache::CacheCluster') {
    const snapshots = r.num('SnapshotRetentionLimit', 0);
    if (!snapshots.known) return unknown('SnapshotRetentionLimit', `SnapshotRetentionLimit is ${snapshots.reason}, so whether the cache keeps data worth protecting is decided at deploy time.`);
    if (snapshots.value <= 0) return notApplicable('a cache without snapshots holds no data it is meant to keep');
  }
  return undefined;
}

/** "DeletionPolicy Delete and no UpdateReplacePolicy (CloudFormation's default is Delete)". */
function describePolicies(problems: readonly { name: string; policy: string; explicit: boolean }[]): string {
  const unset = problems.filter(p => !p.explicit).map(p => p.name);
  const set = problems.filter(p => p.explicit).map(p => `${p.name} ${p.policy}`);
  const missing = unset.length === 2 ? 'neither DeletionPolicy nor UpdateReplacePolicy' : unset.length ? `no ${unset[0]}` : undefined;
  return [...set, ...missing ? [`${missing} (CloudFormation's default ${unset.length === 2 ? 'for both ' : ''}is Delete)`] : []].join(' and ');
}

/** What a deletion by CloudFormation does to the resource's data. */
function consequence(r: Resource): string {
  if (r.type === 'AWS::S3::Bucket') return 'empties and deletes the bucket';
  if (r.type !== 'AWS::KMS::Key') return 'deletes it and its data';
  const window = r.num('PendingWindowInDays', 30);
  const days = window.known ? `${window.value}-day` : 'pending';
  return `schedules the key for deletion: unless someone cancels it within the ${days} waiting period, data encrypted under the key `
    + 'can no longer be decrypted';
}

export const DATA_DELETION_POLICY: Rule = {
  id: 'HA-DATA1',
  title: 'Stateful resource is deleted with its data when the stack deletes or replaces it',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: Object.keys(HOLDS),
  explanation:
    'CloudFormation deletes a resource, and the data in it, when the stack is deleted, when the resource is removed from the '
    + 'template, and (with UpdateReplacePolicy) when an update replaces it. For a database, a table, a file system, a volume '
    + 'or a key, that is permanent data loss caused by a routine change: automated backups and point-in-time recovery go '
    + 'with the resource. Retain or Snapshot keeps the data, and the service\'s own deletion protection makes the deletion fail.',
  flags: 'A database, table, file system, EBS volume, search domain, data warehouse, KMS key, cache with snapshots, or S3 bucket '
    + 'emptied by an auto-delete custom resource, whose `DeletionPolicy` or `UpdateReplacePolicy` is `Delete` or absent, '
    + 'unless the service\'s deletion protection (`DeletionProtection`, `DeletionProtectionEnabled`) is on. RDS read replicas and '
    + 'cluster members are not judged: their data lives in the source or the cluster. Neither are support stores (log buckets, '
    + 'pipeline artifact stores and their keys, CDK bucket deployment targets, CDK bootstrap resources), nor FSx for Windows File '
    + 'Server and OpenZFS file systems, which take a final backup when they are deleted. Where a service rule on deletion protection '
    + '(HA-RDS4, HA-DDB2, HA-DOCDB2, HA-NEPTUNE2) also fails, its finding carries this one.',
  defaults: '`DeletionPolicy` defaults to `Delete`, except `Snapshot` for `AWS::RDS::DBCluster` and for an `AWS::RDS::DBInstance` '
    + 'without `DBClusterIdentifier`. `UpdateReplacePolicy` defaults to `Delete` for every type. CloudFormation cannot delete a '
    + 'bucket that holds objects, so buckets are judged only when an auto-delete custom resource (CDK `autoDeleteObjects`) empties them. '
    + 'A key is deleted after its `PendingWindowInDays` (7 to 30, default 30), during which the deletion can be cancelled. '
    + 'Deleting an FSx for Windows File Server or OpenZFS file system takes a final backup unless `SkipFinalBackup` is set, which '
    + 'CloudFormation does not do. Backup vaults are not judged: a vault with recovery points cannot be deleted. '
    + 'CDK\'s L2 constructs set Retain or Snapshot for these resources unless `removalPolicy` says otherwise.',
  remediation: 'Set `DeletionPolicy` and `UpdateReplacePolicy` to `Retain` or, where supported, `Snapshot` (CDK: `removalPolicy: '
    + 'RemovalPolicy.RETAIN` or `SNAPSHOT`, or `applyRemovalPolicy` on an L1), or turn on deletion protection where the service has it.',
  raisedBy: 'data-loss',
  references: [
    { label: 'DeletionPolicy attribute', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-deletionpolicy.html' },
    { label: 'UpdateReplacePolicy attribute', url: 'https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-attribute-updatereplacepolicy.html' },
    configRule('cloudformation-termination-protection-check'),
    WA.REL09_BP01,
  ],
  evaluate(r, ctx) {
    const skipped = skip(r, ctx);
    if (skipped) return skipped;
    const protectionProperty = DELETION_PROTECTION[r.type];
    const protection = protectionProperty ? r.bool(protectionProperty, false) : undefined;
    if (protection?.known && protection.value) return PASS;
    if (r.type === 'AWS::DynamoDB::GlobalTable') {
      const replicas = r.list('Replicas');
      const protectedReplicas = replicas.known && replicas.value.length > 0
        && replicas.value.every((_, i) => { const p = r.bool(`Replicas.${i}.DeletionProtectionEnabled`, false); return p.known && p.value; });
      if (protectedReplicas) return PASS;
    }
    const deletion = policyOf(r.deletionPolicy, defaultDeletionPolicy(r), ctx);
    const replace = policyOf(r.updateReplacePolicy, 'Delete', ctx);
    const problems: { name: string; policy: string; explicit: boolean }[] = [];
    const undecided: string[] = [];
    for (const [name, policy] of [['DeletionPolicy', deletion], ['UpdateReplacePolicy', replace]] as const) {
      if (!policy.known) undecided.push(`${name} is ${policy.reason}`);
      else if (!KEEPS.has(policy.value)) problems.push({ name, policy: policy.value, explicit: policy.explicit });
    }
    const what = `${HOLDS[r.type]} ${r.logicalId}`;
    if (problems.length && protection && !protection.known) {
      return unknown(protectionProperty, `${what} has ${describePolicies(problems)}; whether ${protectionProperty} blocks the deletion is decided at `
        + `deploy time (${protectionProperty} is ${protection.reason}).`);
    }
    if (problems.length) {
      const when = problems.length === 2 ? 'deleting the stack, removing the resource from the template or an update that replaces it'
        : problems[0].name === 'DeletionPolicy' ? 'deleting the stack or removing the resource from the template' : 'an update that replaces it';
      return fail(undefined, `${what} has ${describePolicies(problems)}: ${when} ${consequence(r)}.`);
    }
    if (undecided.length) return unknown(undefined, `Whether ${what} keeps its data is decided at deploy time: ${undecided.join('; ')}.`);
    return PASS;
  },
};

/** Every deletion-policy rule; register these in the rule index. */
export const DATA_RULES: readonly Rule[] = [DATA_DELETION_POLICY];
