import { ASG_MIN_SIZE, ASG_MULTI_AZ } from './autoscaling';
import { AURORA_INSTANCES, DOCDB_INSTANCES, NEPTUNE_INSTANCES } from './database-clusters';
import { DYNAMODB_PITR } from './dynamodb';
import { ECS_TASK_COUNT } from './ecs';
import { CACHE_FAILOVER, CACHE_MULTI_AZ, CACHE_SINGLE_NODE } from './elasticache';
import { LAMBDA_MULTI_AZ } from './lambda';
import { LB_MULTI_AZ } from './load-balancing';
import { RDS_BACKUPS, RDS_MULTI_AZ } from './rds';
import { FAILOVER_HEALTH_CHECK } from './route53';
import type { Rule } from './rule';
import { NAT_PER_AZ } from './vpc';
import { OBJECTIVES_RULES } from './objectives';
import { WORKLOAD_RULES } from './workload';

/** Every rule, in the order reports list them. */
export const ALL_RULES: readonly Rule[] = [
  RDS_MULTI_AZ, AURORA_INSTANCES, RDS_BACKUPS,
  DOCDB_INSTANCES, NEPTUNE_INSTANCES,
  NAT_PER_AZ,
  ASG_MULTI_AZ, ASG_MIN_SIZE,
  LB_MULTI_AZ,
  ECS_TASK_COUNT,
  LAMBDA_MULTI_AZ,
  CACHE_FAILOVER, CACHE_MULTI_AZ, CACHE_SINGLE_NODE,
  FAILOVER_HEALTH_CHECK,
  DYNAMODB_PITR,
  ...WORKLOAD_RULES,
  ...OBJECTIVES_RULES,
];

const BY_ID = new Map(ALL_RULES.map(r => [r.id, r]));

/** The rule with this ID, if there is one. */
export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}
