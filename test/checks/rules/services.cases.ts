import { RuleCases } from './cases';
import { DYNAMODB_PITR } from '../../../src/checks/rules/dynamodb';
import { ECS_TASK_COUNT } from '../../../src/checks/rules/ecs';
import { CACHE_FAILOVER, CACHE_MULTI_AZ, CACHE_SINGLE_NODE } from '../../../src/checks/rules/elasticache';
import { FAILOVER_HEALTH_CHECK } from '../../../src/checks/rules/route53';
import { res, template } from '../../helpers/templates';

const service = (props: object = {}) => res('AWS::ECS::Service', { Cluster: 'c', TaskDefinition: 'td', ...props });
const scaling = (min: unknown) => res('AWS::ApplicationAutoScaling::ScalableTarget', {
  MinCapacity: min,
  MaxCapacity: 10,
  ServiceNamespace: 'ecs',
  ScalableDimension: 'ecs:service:DesiredCount',
  ResourceId: { 'Fn::Join': ['', ['service/', 'cluster', '/', { 'Fn::GetAtt': ['S', 'Name'] }]] },
});
const rg = (props: object = {}) => res('AWS::ElastiCache::ReplicationGroup', { ReplicationGroupDescription: 'cache', CacheNodeType: 'cache.t4g.micro', Engine: 'valkey', ...props });
const record = (props: object = {}) => res('AWS::Route53::RecordSet', { Name: 'app.example.com', Type: 'A', HostedZoneId: 'Z1', SetIdentifier: 'p', ...props });
const table = (props: object = {}) => res('AWS::DynamoDB::Table', { KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }], ...props });
const pitr = (on: unknown) => ({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: on } });
const params = { Parameters: { P: { Type: 'String' }, N: { Type: 'Number' } } };

export const SERVICE_CASES: RuleCases[] = [
  {
    rule: ECS_TASK_COUNT,
    compliant: {
      'DesiredCount 2': { template: template({ S: service({ DesiredCount: 2 }) }), target: 'S' },
      'a scaling target with MinCapacity 2': { template: template({ S: service(), T: scaling(2) }), target: 'S' },
    },
    nonCompliant: {
      'DesiredCount absent (defaults to 1)': { template: template({ S: service() }), target: 'S', message: /runs 1 task \(DesiredCount is not set\)/ },
      'DesiredCount 1': { template: template({ S: service({ DesiredCount: 1 }) }), target: 'S' },
      'a scaling target with MinCapacity 1': { template: template({ S: service({ DesiredCount: 1 }), T: scaling(1) }), target: 'S', message: /scaling target allows fewer than 2/ },
    },
    unknown: {
      'DesiredCount from a parameter': { template: template({ S: service({ DesiredCount: { Ref: 'N' } }) }, params), target: 'S', message: /parameter N/ },
      'MinCapacity from a parameter': { template: template({ S: service(), T: scaling({ Ref: 'N' }) }, params), target: 'S', message: /scaled by T/ },
    },
    notApplicable: {
      'a daemon service': { template: template({ S: service({ SchedulingStrategy: 'DAEMON' }) }), target: 'S' },
    },
  },
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
    rule: FAILOVER_HEALTH_CHECK,
    compliant: {
      'a primary with a health check': { template: template({ HC: res('AWS::Route53::HealthCheck', { HealthCheckConfig: { Type: 'HTTPS' } }), P: record({ Failover: 'PRIMARY', HealthCheckId: { Ref: 'HC' } }) }), target: 'P' },
      'a primary alias that evaluates target health': { template: template({ P: record({ Failover: 'PRIMARY', AliasTarget: { DNSName: 'lb.example.com', HostedZoneId: 'Z2', EvaluateTargetHealth: true } }) }), target: 'P' },
      'a primary in a record set group with a health check': { template: template({ G: res('AWS::Route53::RecordSetGroup', { HostedZoneId: 'Z1', RecordSets: [{ Name: 'a.example.com', Type: 'A', Failover: 'PRIMARY', SetIdentifier: 'p', HealthCheckId: 'abc' }] }) }), target: 'G' },
    },
    nonCompliant: {
      'a primary without a health check': { template: template({ P: record({ Failover: 'PRIMARY', ResourceRecords: ['192.0.2.1'], TTL: '60' }) }), target: 'P', message: /app\.example\.com \(P\) is PRIMARY without a health check/ },
      'a primary alias that does not evaluate target health': { template: template({ P: record({ Failover: 'PRIMARY', AliasTarget: { DNSName: 'lb.example.com', HostedZoneId: 'Z2' } }) }), target: 'P', message: /neither a health check nor EvaluateTargetHealth/ },
      'a primary in a record set group': { template: template({ G: res('AWS::Route53::RecordSetGroup', { HostedZoneId: 'Z1', RecordSets: [{ Name: 'a.example.com', Type: 'A', Failover: 'SECONDARY', SetIdentifier: 's' }, { Name: 'a.example.com', Type: 'A', Failover: 'PRIMARY', SetIdentifier: 'p' }] }) }), target: 'G' },
    },
    unknown: {
      'the failover role from a parameter': { template: template({ P: record({ Failover: { Ref: 'P' } }) }, params), target: 'P' },
      'a health check behind a condition': {
        template: template({ P: record({ Failover: 'PRIMARY', HealthCheckId: { 'Fn::If': ['Checked', 'hc-1', { Ref: 'AWS::NoValue' }] } }) }, { ...params, Conditions: { Checked: { 'Fn::Equals': [{ Ref: 'P' }, 'yes'] } } }),
        target: 'P',
        message: /condition Checked/,
      },
    },
    notApplicable: {
      'a secondary record': { template: template({ P: record({ Failover: 'SECONDARY' }) }), target: 'P' },
      'a simple record': { template: template({ P: record({ SetIdentifier: undefined as any }) }), target: 'P' },
    },
  },
  {
    rule: DYNAMODB_PITR,
    compliant: {
      'point-in-time recovery on': { template: template({ T: table(pitr(true)) }), target: 'T' },
      'every replica of a global table': { template: template({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'eu-west-1', ...pitr(true) }, { Region: 'eu-central-1', ...pitr('true') }] }) }), target: 'T' },
    },
    nonCompliant: {
      'point-in-time recovery absent': { template: template({ T: table() }), target: 'T', message: /not enabled/ },
      'point-in-time recovery off': { template: template({ T: table(pitr(false)) }), target: 'T', message: /turned off/ },
      'one replica of a global table without it': { template: template({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: [{ Region: 'eu-west-1', ...pitr(true) }, { Region: 'eu-central-1' }] }) }), target: 'T', message: /replica in eu-central-1/ },
    },
    unknown: {
      'point-in-time recovery from a parameter': { template: template({ T: table(pitr({ Ref: 'P' })) }, params), target: 'T' },
      'replicas from a condition': { template: template({ T: res('AWS::DynamoDB::GlobalTable', { Replicas: { 'Fn::If': ['Multi', [{ Region: 'eu-west-1' }], []] } }) }, { Conditions: { Multi: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] } }, ...params }), target: 'T' },
    },
    notApplicable: {
      'no table': { template: template({ Q: res('AWS::SQS::Queue') }) },
    },
  },
];
