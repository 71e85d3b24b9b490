import { RuleCategory, Severity } from '../types';
import { fail, PASS, Rule, undecided, WA } from './rule';

export const MEMORYDB_REPLICAS: Rule = {
  id: 'HA-MEMDB1',
  title: 'MemoryDB cluster has no replicas',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::MemoryDB::Cluster'],
  explanation:
    'MemoryDB keeps data durably in a Multi-AZ transaction log, but serves it from nodes. When the primary of a shard without '
    + 'replicas fails, "MemoryDB stops accepting writes until the primary node is replaced and synced from the transaction log"; '
    + 'with a replica in another zone it fails over in seconds. The MemoryDB SLA is 99.99% only for Multi-AZ clusters.',
  flags: 'A MemoryDB cluster with `NumReplicasPerShard: 0`.',
  defaults: '`NumReplicasPerShard` defaults to 1, so an absent value passes.',
  remediation: 'Set `NumReplicasPerShard` to 1 or more (or leave it out): MemoryDB places the replicas in other Availability Zones.',
  references: [
    { label: 'Minimizing downtime in MemoryDB with Multi-AZ', url: 'https://docs.aws.amazon.com/memorydb/latest/devguide/autofailover.html' },
    WA.REL10_BP01,
  ],
  evaluate(r) {
    const replicas = r.num('NumReplicasPerShard', 1);
    if (!replicas.known) return undecided('NumReplicasPerShard', replicas);
    if (replicas.value >= 1) return PASS;
    return fail('NumReplicasPerShard', `MemoryDB cluster ${r.logicalId} has no replicas (NumReplicasPerShard is ${replicas.value}): `
      + 'when the primary node of a shard or its Availability Zone fails, that shard accepts no writes until the node is replaced and recovered.');
  },
};

/** Every rule of this file. */
export const MEMORYDB_RULES: readonly Rule[] = [MEMORYDB_REPLICAS];
