import type { Resource, TemplateModel } from '../model/template-model';
import { referencedResources } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, Outcome, PASS, Rule, unknown, WA } from './rule';

const AUTO_SCALING_DOC = { label: 'Minimizing downtime in ElastiCache with Multi-AZ', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html' };

/** How many replicas each shard of a replication group has: the smallest, or why it is not known. */
function replicasPerShard(r: Resource): { known: true; value: number; property: string } | { known: false; reason: string; property: string } {
  if (r.has('NodeGroupConfiguration')) {
    const groups = r.list('NodeGroupConfiguration');
    if (!groups.known) return { known: false, reason: `NodeGroupConfiguration is ${groups.reason}`, property: 'NodeGroupConfiguration' };
    let smallest = Infinity;
    for (let i = 0; i < groups.value.length; i++) {
      const count = r.num(`NodeGroupConfiguration.${i}.ReplicaCount`);
      if (!count.known) {
        return { known: false, reason: `the ReplicaCount of node group ${i} is ${count.reason}`, property: `NodeGroupConfiguration.${i}.ReplicaCount` };
      }
      smallest = Math.min(smallest, count.value);
    }
    return { known: true, value: smallest === Infinity ? 0 : smallest, property: 'NodeGroupConfiguration' };
  }
  if (r.has('NumNodeGroups') || r.has('ReplicasPerNodeGroup')) {
    const replicas = r.num('ReplicasPerNodeGroup');
    return replicas.known
      ? { known: true, value: replicas.value, property: 'ReplicasPerNodeGroup' }
      : { known: false, reason: `ReplicasPerNodeGroup is ${replicas.reason}`, property: 'ReplicasPerNodeGroup' };
  }
  if (r.has('PrimaryClusterId') && !r.has('NumCacheClusters')) {
    return { known: false, reason: 'the group is built on an existing primary cluster (PrimaryClusterId)', property: 'PrimaryClusterId' };
  }
  const clusters = r.num('NumCacheClusters', 1);
  return clusters.known
    ? { known: true, value: clusters.value - 1, property: 'NumCacheClusters' }
    : { known: false, reason: `NumCacheClusters is ${clusters.reason}`, property: 'NumCacheClusters' };
}

export const CACHE_FAILOVER: Rule = {
  id: 'HA-CACHE1',
  title: 'ElastiCache replication group cannot fail over',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
  explanation:
    'A Valkey or Redis OSS replication group survives the loss of its primary node only by promoting a replica, and only '
    + 'when automatic failover is on. Without a replica, or with failover off, losing the primary means the cache is '
    + 'unavailable until the node is replaced, and its data since the last snapshot is lost.',
  flags: 'A replication group with `AutomaticFailoverEnabled` absent or false, or with no replica: `NumCacheClusters` below 2, '
    + 'or `ReplicasPerNodeGroup` / a `NodeGroupConfiguration` `ReplicaCount` below 1.',
  defaults: '`AutomaticFailoverEnabled` defaults to false; `NumCacheClusters` defaults to 1 (a primary and no replica).',
  remediation: 'Give every shard at least one replica and set `AutomaticFailoverEnabled: true` (and `MultiAZEnabled: true`), or use ElastiCache Serverless.',
  references: [configRule('elasticache-repl-grp-auto-failover-enabled'), AUTO_SCALING_DOC, WA.REL11_BP02],
  evaluate(r) {
    const problems: { property: string; text: string }[] = [];
    const undecided: string[] = [];
    let firstUndecided: string | undefined;
    const failover = r.bool('AutomaticFailoverEnabled', false);
    if (!failover.known) { undecided.push(`AutomaticFailoverEnabled is ${failover.reason}`); firstUndecided ??= 'AutomaticFailoverEnabled'; } else if (!failover.value) {problems.push({ property: 'AutomaticFailoverEnabled', text: `automatic failover is ${failover.explicit ? 'off' : 'not enabled'}` });}
    const replicas = replicasPerShard(r);
    if (!replicas.known) { undecided.push(replicas.reason); firstUndecided ??= replicas.property; } else if (replicas.value < 1) {problems.push({ property: replicas.property, text: 'a shard has no replica to promote' });}
    if (problems.length) {
      return fail(problems[0].property, `Replication group ${r.logicalId} cannot fail over: ${problems.map(p => p.text).join(' and ')}. `
        + 'Losing the primary node makes the cache unavailable until it is replaced.');
    }
    if (undecided.length) return unknown(firstUndecided, `Whether replication group ${r.logicalId} can fail over is decided at deploy time: ${undecided.join('; ')}.`);
    return PASS;
  },
};

export const CACHE_MULTI_AZ: Rule = {
  id: 'HA-CACHE2',
  title: 'ElastiCache replication group is not Multi-AZ',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup'],
  explanation:
    'Without Multi-AZ, ElastiCache may place the primary and its replicas in the same zone, and a zone failure then loses '
    + 'them all. The ElastiCache SLA is 99.99% for Multi-AZ groups and 99.5% for single-AZ ones.',
  flags: 'A replication group with `MultiAZEnabled` absent or false, or whose `PreferredCacheClusterAZs` all name the same zone.',
  defaults: '`MultiAZEnabled` defaults to false.',
  remediation: 'Set `MultiAZEnabled: true` (this needs automatic failover and at least one replica).',
  references: [AUTO_SCALING_DOC, WA.REL10_BP01],
  evaluate(r, { topology }) {
    const multiAz = r.bool('MultiAZEnabled', false);
    if (!multiAz.known) return unknown('MultiAZEnabled', `MultiAZEnabled is ${multiAz.reason}, so this can only be decided at deploy time.`);
    if (!multiAz.value) {
      return fail('MultiAZEnabled', `Replication group ${r.logicalId} is not Multi-AZ (MultiAZEnabled is ${multiAz.explicit ? 'false' : 'not set'}): its nodes may all sit in one Availability Zone.`);
    }
    const preferred = r.list('PreferredCacheClusterAZs');
    if (preferred.known && preferred.value.length >= 2) {
      const spread = topology.spreadOfZones(preferred.value);
      if (spread.max < 2) return fail('PreferredCacheClusterAZs', `Replication group ${r.logicalId} places every node in ${spread.labels.join(', ')}.`);
    }
    return PASS;
  },
};

export const CACHE_SINGLE_NODE: Rule = {
  id: 'HA-CACHE3',
  title: 'ElastiCache cache cluster has a single node or a single zone',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::ElastiCache::CacheCluster'],
  explanation:
    'A standalone Valkey or Redis OSS cache cluster is one node with no replica: when it fails, the cache and its data are '
    + 'gone until a new node is up. A Memcached cluster with one node, or with every node in one zone, loses the whole cache '
    + 'with that node or zone, and the load falls on the database behind it.',
  flags: 'A Valkey or Redis OSS `CacheCluster` (always one node); a Memcached one with `NumCacheNodes` below 2 or `AZMode` other than `cross-az`.',
  defaults: '`AZMode` defaults to `single-az`.',
  remediation: 'Use a replication group with a replica and Multi-AZ (or ElastiCache Serverless) for Valkey and Redis OSS; '
    + 'for Memcached, run two or more nodes with `AZMode: cross-az`.',
  references: [AUTO_SCALING_DOC, WA.REL10_BP01],
  evaluate(r): Outcome {
    const engine = r.str('Engine');
    if (!engine.known) return unknown('Engine', `Engine is ${engine.reason}, so the cluster's redundancy is decided at deploy time.`);
    const name = engine.value.toLowerCase();
    if (name === 'redis' || name === 'valkey') {
      return fail('Engine', `Cache cluster ${r.logicalId} is a single ${engine.value} node with no replica: when it fails, the cache is unavailable and its data lost.`);
    }
    if (name !== 'memcached') return notApplicable(`engine ${engine.value}`);
    const nodes = r.num('NumCacheNodes', 1);
    if (!nodes.known) return unknown('NumCacheNodes', `NumCacheNodes is ${nodes.reason}.`);
    if (nodes.value < 2) return fail('NumCacheNodes', `Memcached cluster ${r.logicalId} has a single node: when it fails, the whole cache is lost.`);
    const mode = r.str('AZMode', 'single-az');
    if (!mode.known) return unknown('AZMode', `AZMode is ${mode.reason}.`);
    if (mode.value !== 'cross-az') {
      return fail('AZMode', `Memcached cluster ${r.logicalId} keeps all ${nodes.value} nodes in one Availability Zone (AZMode ${mode.explicit ? mode.value : 'not set'}): a zone failure loses the whole cache.`);
    }
    return PASS;
  },
};

/** Property names that say a custom resource configures backups. */
const BACKUP_SETTING = /snapshot|backup|retention/i;

function hasKey(value: unknown, pattern: RegExp): boolean {
  if (Array.isArray(value)) return value.some(v => hasKey(v, pattern));
  if (value === null || typeof value !== 'object') return false;
  return Object.entries(value).some(([k, v]) => pattern.test(k) || hasKey(v, pattern));
}

/**
 * A custom resource that refers to this resource and carries a backup setting: it may turn snapshots on after creation
 * (through ModifyReplicationGroup), which the template cannot show.
 */
function backupsSetBy(r: Resource, model: TemplateModel): Resource | undefined {
  for (const other of model.resources) {
    if (!other.type.startsWith('Custom::') && other.type !== 'AWS::CloudFormation::CustomResource') continue;
    if (referencedResources(other.properties, model).has(r.logicalId) && hasKey(other.properties, BACKUP_SETTING)) return other;
  }
  return undefined;
}

export const CACHE_SNAPSHOTS: Rule = {
  id: 'HA-CACHE4',
  title: 'ElastiCache (Valkey or Redis OSS) takes no automatic backups',
  severity: Severity.WARNING,
  category: RuleCategory.DR,
  resourceTypes: ['AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster'],
  explanation:
    'Replicas protect against a node failure, not against losing every node of a shard, a mistaken FLUSHALL or a bad write, '
    + 'which replicate at once. Without automatic snapshots the data is then gone; with them, a new cluster can be seeded from '
    + 'the latest daily snapshot. Caches that hold nothing but copies of data kept elsewhere can acknowledge this rule.',
  flags: 'A replication group, or a Valkey or Redis OSS cache cluster, with `SnapshotRetentionLimit` absent or 0.',
  defaults: '`SnapshotRetentionLimit` defaults to 0, which turns automatic backups off. Memcached has no backups and is not judged. '
    + 'When a custom resource refers to the cache with backup settings (it may call ModifyReplicationGroup), the outcome is unknown.',
  remediation: 'Set `SnapshotRetentionLimit` to the number of days to keep daily snapshots (for example 7) and a `SnapshotWindow` '
    + 'outside peak hours (CDK: `snapshotRetentionLimit` on `elasticache.CfnReplicationGroup`).',
  raisedBy: 'data-loss',
  references: [
    configRule('elasticache-redis-cluster-automatic-backup-check'),
    { label: 'Scheduling automatic backups (ElastiCache)', url: 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/backups-automatic.html' },
    WA.REL09_BP03,
  ],
  evaluate(r, { model }): Outcome {
    const group = r.type === 'AWS::ElastiCache::ReplicationGroup';
    if (!group) {
      const engine = r.str('Engine');
      if (!engine.known) return unknown('Engine', `Engine is ${engine.reason}, so whether the cluster can take backups is decided at deploy time.`);
      const name = engine.value.toLowerCase();
      if (name !== 'redis' && name !== 'valkey') return notApplicable(`engine ${engine.value} has no backups`);
    }
    const retention = r.num('SnapshotRetentionLimit', 0);
    if (!retention.known) return unknown('SnapshotRetentionLimit', `SnapshotRetentionLimit is ${retention.reason}, so this can only be decided at deploy time.`);
    if (retention.value > 0) return PASS;
    const custom = backupsSetBy(r, model);
    if (custom) {
      return unknown('SnapshotRetentionLimit', `${group ? 'Replication group' : 'Cache cluster'} ${r.logicalId} sets no SnapshotRetentionLimit, but custom resource ${custom.logicalId} `
        + 'refers to it with backup settings and may turn automatic backups on at deploy time.');
    }
    return fail('SnapshotRetentionLimit', `${group ? 'Replication group' : 'Cache cluster'} ${r.logicalId} takes no automatic backups `
      + `(SnapshotRetentionLimit is ${retention.explicit ? '0' : 'not set'}): if all its nodes are lost or its data is corrupted, the data cannot be restored.`);
  },
};

/** Every rule of this file. */
export const ELASTICACHE_RULES: readonly Rule[] = [CACHE_FAILOVER, CACHE_MULTI_AZ, CACHE_SINGLE_NODE, CACHE_SNAPSHOTS];
