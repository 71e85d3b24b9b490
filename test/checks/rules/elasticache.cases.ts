import { RuleCases } from './cases';
import { CACHE_FAILOVER, CACHE_MULTI_AZ, CACHE_SINGLE_NODE, CACHE_SNAPSHOTS } from '../../../src/checks/rules/elasticache';
import { res, template } from '../../helpers/templates';

const rg = (props: object = {}) => res('AWS::ElastiCache::ReplicationGroup', { ReplicationGroupDescription: 'cache', CacheNodeType: 'cache.t4g.micro', Engine: 'valkey', ...props });
const params = { Parameters: { P: { Type: 'String' }, N: { Type: 'Number' } } };

export const ELASTICACHE_CASES: RuleCases[] = [
  {
    rule: CACHE_FAILOVER,
    compliant: {
      'a primary, a replica and automatic failover': { template: template({ R: rg({ AutomaticFailoverEnabled: true, NumCacheClusters: 2 }) }), target: 'R' },
      'shards with one replica each': { template: template({ R: rg({ AutomaticFailoverEnabled: 'true', NumNodeGroups: 3, ReplicasPerNodeGroup: 1 }) }), target: 'R' },
      'node groups with replicas': { template: template({ R: rg({ AutomaticFailoverEnabled: true, NodeGroupConfiguration: [{ ReplicaCount: 1 }, { ReplicaCount: 2 }] }) }), target: 'R' },
    },
    nonCompliant: {
      'all defaults (one node, no failover)': { template: template({ R: rg() }), target: 'R', message: /automatic failover is not enabled and a shard has no replica/ },
      'failover on but no replica': { template: template({ R: rg({ AutomaticFailoverEnabled: true, NumCacheClusters: 1 }) }), target: 'R', message: /no replica/ },
      'a replica but failover off': { template: template({ R: rg({ AutomaticFailoverEnabled: false, NumCacheClusters: 2 }) }), target: 'R', message: /automatic failover is off/ },
      'a shard without replicas': { template: template({ R: rg({ AutomaticFailoverEnabled: true, NodeGroupConfiguration: [{ ReplicaCount: 1 }, { ReplicaCount: 0 }] }) }), target: 'R' },
    },
    unknown: {
      'the node count from a parameter': { template: template({ R: rg({ AutomaticFailoverEnabled: true, NumCacheClusters: { Ref: 'N' } }) }, params), target: 'R', message: /NumCacheClusters is the parameter N/ },
      'shards without a replica count': { template: template({ R: rg({ AutomaticFailoverEnabled: true, NumNodeGroups: 2 }) }), target: 'R', message: /ReplicasPerNodeGroup/ },
    },
    notApplicable: {
      'a serverless cache (Multi-AZ by design)': { template: template({ C: res('AWS::ElastiCache::ServerlessCache', { Engine: 'valkey', ServerlessCacheName: 'c' }) }) },
    },
  },
  {
    rule: CACHE_MULTI_AZ,
    compliant: {
      'Multi-AZ on': { template: template({ R: rg({ MultiAZEnabled: true }) }), target: 'R' },
      'Multi-AZ on with two preferred zones': { template: template({ R: rg({ MultiAZEnabled: true, PreferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1b'] }) }), target: 'R' },
    },
    nonCompliant: {
      'Multi-AZ absent (defaults to off)': { template: template({ R: rg() }), target: 'R', message: /MultiAZEnabled is not set/ },
      'every node preferred in one zone': { template: template({ R: rg({ MultiAZEnabled: true, PreferredCacheClusterAZs: ['eu-west-1a', 'eu-west-1a'] }) }), target: 'R', message: /every node in eu-west-1a/ },
    },
    unknown: {
      'Multi-AZ from a parameter': { template: template({ R: rg({ MultiAZEnabled: { Ref: 'P' } }) }, params), target: 'R' },
    },
    notApplicable: {
      'a serverless cache (Multi-AZ by design)': { template: template({ C: res('AWS::ElastiCache::ServerlessCache', { Engine: 'valkey', ServerlessCacheName: 'c' }) }) },
    },
  },
  {
    rule: CACHE_SINGLE_NODE,
    compliant: {
      'Memcached with two nodes across zones': { template: template({ C: res('AWS::ElastiCache::CacheCluster', { Engine: 'memcached', NumCacheNodes: 2, AZMode: 'cross-az', CacheNodeType: 'cache.t4g.micro' }) }), target: 'C' },
    },
    nonCompliant: {
      'a standalone Redis OSS node': { template: template({ C: res('AWS::ElastiCache::CacheCluster', { Engine: 'redis', NumCacheNodes: 1, CacheNodeType: 'cache.t4g.micro' }) }), target: 'C', message: /single redis node/ },
      'Memcached with one node': { template: template({ C: res('AWS::ElastiCache::CacheCluster', { Engine: 'memcached', NumCacheNodes: 1, CacheNodeType: 'cache.t4g.micro' }) }), target: 'C', message: /single node/ },
      'Memcached with all nodes in one zone': { template: template({ C: res('AWS::ElastiCache::CacheCluster', { Engine: 'memcached', NumCacheNodes: 3, CacheNodeType: 'cache.t4g.micro' }) }), target: 'C', message: /AZMode not set/ },
    },
    unknown: {
      'the engine from a parameter': { template: template({ C: res('AWS::ElastiCache::CacheCluster', { Engine: { Ref: 'P' }, NumCacheNodes: 1, CacheNodeType: 'cache.t4g.micro' }) }, params), target: 'C' },
    },
    notApplicable: {
      'a replication group (judged by the replication group rules)': { template: template({ R: rg({ AutomaticFailoverEnabled: true, MultiAZEnabled: true, NumCacheClusters: 2 }) }) },
    },
  },
  {
    rule: CACHE_SNAPSHOTS,
    compliant: {
      'a replication group keeping 7 days of snapshots': { template: template({ R: rg({ SnapshotRetentionLimit: 7 }) }), target: 'R' },
      'a Redis OSS cache cluster keeping one day': { template: template({ C: res('AWS::ElastiCache::CacheCluster', { Engine: 'redis', NumCacheNodes: 1, CacheNodeType: 'cache.t4g.micro', SnapshotRetentionLimit: '1' }) }), target: 'C' },
    },
    nonCompliant: {
      'snapshots absent (defaults to 0)': { template: template({ R: rg() }), target: 'R', message: /Replication group R takes no automatic backups \(SnapshotRetentionLimit is not set\)/ },
      'a Valkey cache cluster with 0': { template: template({ C: res('AWS::ElastiCache::CacheCluster', { Engine: 'valkey', NumCacheNodes: 1, CacheNodeType: 'cache.t4g.micro', SnapshotRetentionLimit: 0 }) }), target: 'C', message: /SnapshotRetentionLimit is 0/ },
    },
    unknown: {
      'retention from a parameter': { template: template({ R: rg({ SnapshotRetentionLimit: { Ref: 'N' } }) }, params), target: 'R', message: /parameter N/ },
      'snapshots turned on by a custom resource': {
        template: template({ R: rg(), On: res('Custom::EnableSnapshots', { ServiceToken: 'arn:fn', ClusterId: { Ref: 'R' }, RetentionLimit: 7 }) }),
        target: 'R',
        message: /custom resource On refers to it with backup settings/,
      },
      'the engine of a cache cluster from a parameter': { template: template({ C: res('AWS::ElastiCache::CacheCluster', { Engine: { Ref: 'P' }, NumCacheNodes: 1, CacheNodeType: 'cache.t4g.micro' }) }, params), target: 'C' },
    },
    notApplicable: {
      'Memcached (no backups)': { template: template({ C: res('AWS::ElastiCache::CacheCluster', { Engine: 'memcached', NumCacheNodes: 2, CacheNodeType: 'cache.t4g.micro' }) }), target: 'C' },
    },
  },
];
