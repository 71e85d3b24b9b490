import { API_GATEWAY_RULES } from './api-gateway';
import { AUTOSCALING_RULES } from './autoscaling';
import { BACKUP_RULES } from './backup';
import { CLOUDFRONT_RULES } from './cloudfront';
import { CODEDEPLOY_RULES } from './codedeploy';
import { DATABASE_CLUSTER_RULES } from './database-clusters';
import { DMS_RULES } from './dms';
import { DRILL_RULES } from './drills';
import { DYNAMODB_RULES } from './dynamodb';
import { EC2_RULES } from './ec2';
import { ECS_RULES } from './ecs';
import { EFS_RULES } from './efs';
import { EKS_RULES } from './eks';
import { EB_RULES } from './elastic-beanstalk';
import { ELASTICACHE_RULES } from './elasticache';
import { FSX_RULES } from './fsx';
import { HYBRID_NETWORK_RULES } from './hybrid-network';
import { KINESIS_RULES } from './kinesis';
import { LAMBDA_RULES } from './lambda';
import { LOAD_BALANCING_RULES } from './load-balancing';
import { MEMORYDB_RULES } from './memorydb';
import { MESSAGING_RULES } from './messaging';
import { ALARM_RULES } from './monitoring';
import { MSK_RULES } from './msk';
import { OBJECTIVES_RULES } from './objectives';
import { OPENSEARCH_RULES } from './opensearch';
import { RDS_RULES } from './rds';
import { REDSHIFT_RULES } from './redshift';
import { REGION_RULES } from './regions';
import { ROUTE53_RULES } from './route53';
import type { Rule } from './rule';
import { S3_RULES } from './s3';
import { SAGEMAKER_RULES } from './sagemaker';
import { DATA_RULES } from './stateful-resources';
import { VPC_RULES } from './vpc';
import { WORKLOAD_RULES } from './workload';
import { ZONAL_SHIFT_RULES } from './zonal-shift';

/** Every rule, in the order reports and RULES.md list them: by layer, from the network to the data, and by number within an area. */
export const ALL_RULES: readonly Rule[] = byNumberWithinArea([
  // Networking and entry points
  ...VPC_RULES, ...HYBRID_NETWORK_RULES, ...ROUTE53_RULES, ...CLOUDFRONT_RULES, ...API_GATEWAY_RULES, ...LOAD_BALANCING_RULES, ...ZONAL_SHIFT_RULES,
  // Compute
  ...AUTOSCALING_RULES, ...EC2_RULES, ...ECS_RULES, ...EKS_RULES, ...LAMBDA_RULES, ...EB_RULES, ...SAGEMAKER_RULES, ...CODEDEPLOY_RULES,
  // Data
  ...RDS_RULES, ...DATABASE_CLUSTER_RULES, ...DMS_RULES, ...DYNAMODB_RULES, ...ELASTICACHE_RULES, ...MEMORYDB_RULES,
  ...OPENSEARCH_RULES, ...REDSHIFT_RULES, ...MSK_RULES, ...KINESIS_RULES, ...MESSAGING_RULES,
  // Storage, backup and recovery
  ...S3_RULES, ...EFS_RULES, ...FSX_RULES, ...BACKUP_RULES, ...DATA_RULES,
  // Monitoring, the workload as a whole, and declared objectives
  ...ALARM_RULES, ...REGION_RULES, ...WORKLOAD_RULES, ...OBJECTIVES_RULES, ...DRILL_RULES,
]);

function byNumberWithinArea(rules: Rule[]): Rule[] {
  const parts = (id: string) => /^HA-([A-Z0-9]+?)(\d+)$/.exec(id)!;
  const areaOrder = new Map<string, number>();
  for (const r of rules) if (!areaOrder.has(parts(r.id)[1])) areaOrder.set(parts(r.id)[1], areaOrder.size);
  return [...rules].sort((a, b) => {
    const [, areaA, numA] = parts(a.id);
    const [, areaB, numB] = parts(b.id);
    return areaOrder.get(areaA)! - areaOrder.get(areaB)! || Number(numA) - Number(numB);
  });
}

const BY_ID = new Map(ALL_RULES.map(r => [r.id, r]));

/** The rule with this ID, if there is one. */
export function findRule(id: string): Rule | undefined {
  return BY_ID.get(id);
}

/** The rule IDs closest to a mistyped one (same area first, then by edit distance), for error messages. */
export function closestRuleIds(id: string, count = 3): string[] {
  const wanted = id.toUpperCase();
  return [...BY_ID.keys()]
    .map(candidate => ({ candidate, distance: editDistance(wanted, candidate) }))
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate))
    .slice(0, count)
    .map(c => c.candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
