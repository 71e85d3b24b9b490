import { RuleCases } from './cases';
import { MEMORYDB_REPLICAS } from '../../../src/checks/rules/memorydb';
import { res, template } from '../../helpers/templates';

const cluster = (props: object = {}) => res('AWS::MemoryDB::Cluster', { ClusterName: 'c', NodeType: 'db.t4g.small', ACLName: 'open-access', ...props });

export const MEMORYDB_CASES: RuleCases[] = [
  {
    rule: MEMORYDB_REPLICAS,
    compliant: {
      'replicas absent (defaults to 1)': { template: template({ C: cluster() }), target: 'C' },
      'two replicas per shard': { template: template({ C: cluster({ NumShards: 2, NumReplicasPerShard: 2 }) }), target: 'C' },
    },
    nonCompliant: {
      'no replicas': { template: template({ C: cluster({ NumReplicasPerShard: 0 }) }), target: 'C', message: /MemoryDB cluster C has no replicas \(NumReplicasPerShard is 0\)/ },
      'no replicas as a string': { template: template({ C: cluster({ NumReplicasPerShard: '0' }) }), target: 'C' },
    },
    unknown: {
      'replicas from a parameter': { template: template({ C: cluster({ NumReplicasPerShard: { Ref: 'N' } }) }, { Parameters: { N: { Type: 'Number' } } }), target: 'C', message: /parameter N/ },
    },
    notApplicable: {
      'an ElastiCache serverless cache': { template: template({ S: res('AWS::ElastiCache::ServerlessCache', { Engine: 'valkey', ServerlessCacheName: 's' }) }) },
    },
  },
];
