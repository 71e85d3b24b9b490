import { isObject, Json } from '../model/json';
import type { Resource } from '../model/template-model';
import { asNumber, asString, evaluate, linkedResources, valueAt } from '../model/values';

/**
 * What the workload shows of copies in other Regions: the members of an Aurora global database,
 * cross-Region read replicas, and load balancers that DNS fails over to (or balances with) in
 * another Region. Regions are those of the stacks (known for CDK stacks with an `env` and for cloud
 * assemblies); a copy whose Region is not known counts as in another Region only when it says so.
 */

/** True, false, or undefined when either Region is not known. */
export function inOtherRegion(a: Resource, b: Resource): boolean | undefined {
  const [ra, rb] = [a.model.region, b.model.region];
  return ra === undefined || rb === undefined ? undefined : ra !== rb;
}

/** The resources a property of a resource refers to, across the stacks of the workload. */
function referenced(r: Resource, raw: Json | undefined): Resource[] {
  return linkedResources(raw, r.model).map(l => l.model.resource(l.logicalId)).filter((x): x is Resource => x !== undefined);
}

/** An Aurora global database as the workload shows it. */
export interface GlobalDatabase {
  /** The identifier, lower case, or the global cluster resource's logical ID when it has no literal identifier. */
  readonly key: string;
  /** The `AWS::RDS::GlobalCluster` resource, when the workload has it. */
  readonly resource?: Resource;
  /** Its DB clusters: the source cluster and the clusters that join it. */
  readonly members: Resource[];
  /** Members whose `GlobalClusterIdentifier` is decided at deploy time. */
  readonly undecided: Resource[];
}

function identifierOf(globalCluster: Resource): string {
  const id = globalCluster.str('GlobalClusterIdentifier');
  return id.known ? id.value.toLowerCase() : `${globalCluster.model.stackName}/${globalCluster.logicalId}`;
}

/** The global database a DB cluster's `GlobalClusterIdentifier` names: its key, or undefined when absent, or 'unknown'. */
function joinedKey(cluster: Resource): string | undefined | 'unknown' {
  const value = cluster.value('GlobalClusterIdentifier');
  if (value.kind === 'absent') return undefined;
  if (value.kind === 'literal') return typeof value.value === 'string' && value.value !== '' ? value.value.toLowerCase() : undefined;
  if (value.kind === 'reference') {
    const target = value.model.resource(value.logicalId);
    return target?.type === 'AWS::RDS::GlobalCluster' ? identifierOf(target) : 'unknown';
  }
  return 'unknown';
}

/** The global database a DB cluster belongs to, with every member the workload shows; undefined when it belongs to none. */
export function globalDatabaseOf(cluster: Resource): GlobalDatabase | undefined {
  const workload = cluster.model.workload;
  const globals = workload.ofType('AWS::RDS::GlobalCluster');
  const sourceOf = (g: Resource) => referenced(g, g.properties.SourceDBClusterIdentifier).find(c => c.type === 'AWS::RDS::DBCluster');
  let key: string | undefined;
  let resource = globals.find(g => sourceOf(g) === cluster);
  if (resource) key = identifierOf(resource);
  const joined = joinedKey(cluster);
  if (!key && joined && joined !== 'unknown') {
    key = joined;
    resource = globals.find(g => identifierOf(g) === joined);
  }
  if (!key) return undefined;
  const members = new Set<Resource>();
  const undecided: Resource[] = [];
  const source = resource ? sourceOf(resource) : undefined;
  if (source) members.add(source);
  for (const c of workload.ofType('AWS::RDS::DBCluster')) {
    const k = joinedKey(c);
    if (k === key) members.add(c);
    else if (k === 'unknown') undecided.push(c);
  }
  members.add(cluster);
  return { key, resource, members: [...members], undecided };
}

/**
 * The copies of a DB cluster in other Regions through its global database: certain (the workload
 * shows a member in another Region), none, or undecided with the reason.
 */
export function globalCopies(cluster: Resource): { copies: Resource[]; global?: GlobalDatabase; undecided?: string } {
  const global = globalDatabaseOf(cluster);
  if (!global) return { copies: [] };
  const others = global.members.filter(m => m !== cluster);
  const copies = others.filter(m => inOtherRegion(m, cluster) !== false);
  const unknownRegion = copies.filter(m => inOtherRegion(m, cluster) === undefined);
  if (copies.length > unknownRegion.length) return { copies: copies.filter(m => inOtherRegion(m, cluster)), global };
  if (unknownRegion.length) return { copies: [], global, undecided: `the Regions of ${unknownRegion.map(m => m.logicalId).join(', ')} are not known` };
  if (global.undecided.length) return { copies: [], global, undecided: `the GlobalClusterIdentifier of ${global.undecided.map(m => m.logicalId).join(', ')} is decided at deploy time` };
  return { copies: [], global };
}

const ARN_REGION = /^arn:[^:]+:rds:([a-z0-9-]+):/;

/** The Region of the source of a read replica, when the replica says (`SourceRegion`, or the Region in a source ARN). */
function sourceRegionOf(replica: Resource): string | undefined {
  const explicit = replica.str('SourceRegion');
  if (explicit.known) return explicit.value;
  const source = evaluate(replica.properties.SourceDBInstanceIdentifier, replica.model);
  if (source.kind === 'literal' && typeof source.value === 'string') return ARN_REGION.exec(source.value)?.[1];
  const raw = replica.properties.SourceDBInstanceIdentifier;
  // CDK writes the ARN as Fn::Join of literal pieces and the identifier: the Region is a literal piece.
  if (isObject(raw) && Array.isArray(raw['Fn::Join']) && Array.isArray(raw['Fn::Join'][1])) {
    const text = raw['Fn::Join'][1].map(p => (typeof p === 'string' ? p : '*')).join(raw['Fn::Join'][0] as string);
    return ARN_REGION.exec(text.replace(/^\*/, 'arn:aws'))?.[1];
  }
  return undefined;
}

/** True when a DB instance is a read replica in another Region than its source. */
export function isCrossRegionReplica(replica: Resource): boolean {
  if (!replica.has('SourceDBInstanceIdentifier')) return false;
  const source = sourceRegionOf(replica);
  return source !== undefined && replica.model.region !== undefined && source !== replica.model.region;
}

/** The read replicas of a DB instance in other Regions, among the workload's stacks. */
export function crossRegionReplicas(instance: Resource): Resource[] {
  return instance.model.workload.ofType('AWS::RDS::DBInstance').filter(replica =>
    replica !== instance
    && referenced(replica, replica.properties.SourceDBInstanceIdentifier).includes(instance)
    && (inOtherRegion(replica, instance) === true || (isCrossRegionReplica(replica) && replica.model.region !== instance.model.region)));
}

/** A record of the workload that routes to a load balancer, with how it routes. */
interface RoutedRecord {
  readonly record: Resource;
  readonly key: string;
  readonly target: Resource;
  /** Seconds Route 53 takes to see the endpoint fail, from the record's health check. */
  readonly detectionSeconds: number;
}

const DEFAULT_DETECTION = 30 * 3;

function detectionOf(record: Resource): number {
  const checks = referenced(record, record.properties.HealthCheckId).filter(h => h.type === 'AWS::Route53::HealthCheck');
  if (!checks.length) return DEFAULT_DETECTION;
  const interval = asNumber(valueAt(checks[0].properties, 'HealthCheckConfig.RequestInterval', checks[0].model), 30);
  const threshold = asNumber(valueAt(checks[0].properties, 'HealthCheckConfig.FailureThreshold', checks[0].model), 3);
  return (interval.known ? interval.value : 30) * (threshold.known ? threshold.value : 10);
}

function routedRecords(r: Resource): RoutedRecord[] {
  const found: RoutedRecord[] = [];
  for (const record of r.model.workload.ofType('AWS::Route53::RecordSet')) {
    const routed = record.has('Failover') || record.has('Region') || record.has('Weight');
    if (!routed) continue;
    const name = asString(valueAt(record.properties, 'Name', record.model));
    const type = asString(valueAt(record.properties, 'Type', record.model));
    if (!name.known || !type.known) continue;
    const key = `${name.value.toLowerCase().replace(/\.$/, '')} ${type.value.toUpperCase()}`;
    for (const target of referenced(record, record.properties.AliasTarget)) {
      if (target.type === 'AWS::ElasticLoadBalancingV2::LoadBalancer' || target.type === 'AWS::ElasticLoadBalancing::LoadBalancer') {
        found.push({ record, key, target, detectionSeconds: detectionOf(record) });
      }
    }
  }
  return found;
}

/**
 * Where DNS sends the clients of a load balancer when its Region fails: the load balancers of other
 * Regions behind the same name (failover, latency or weighted records), with the time Route 53 takes
 * to notice (health check interval × failure threshold).
 */
export function regionalAlternatives(loadBalancer: Resource): { alternatives: Resource[]; detectionSeconds: number } {
  const records = routedRecords(loadBalancer);
  const mine = records.filter(x => x.target === loadBalancer);
  const alternatives = new Set<Resource>();
  let detection = 0;
  for (const m of mine) {
    for (const other of records) {
      if (other.key === m.key && other.target !== loadBalancer && inOtherRegion(other.target, loadBalancer)) {
        alternatives.add(other.target);
        detection = Math.max(detection, m.detectionSeconds);
      }
    }
  }
  return { alternatives: [...alternatives], detectionSeconds: detection };
}

/** The least running capacity of the compute in a stack (ECS services and Auto Scaling groups), when known. */
export function stackCapacity(r: Resource): number | undefined {
  let total = 0;
  let any = false;
  for (const s of r.model.ofType('AWS::ECS::Service')) {
    const targets = r.model.topology.referrers('AWS::ApplicationAutoScaling::ScalableTarget', 'ResourceId', s.logicalId);
    const min = targets.map(t => t.num('MinCapacity')).find(m => m.known);
    const desired = s.num('DesiredCount', 1);
    total += Math.max(min?.known ? min.value : 0, desired.known ? desired.value : 0);
    any = true;
  }
  for (const g of r.model.ofType('AWS::AutoScaling::AutoScalingGroup')) {
    const min = g.num('MinSize');
    if (!min.known) return undefined;
    total += min.value;
    any = true;
  }
  return any ? total : undefined;
}

/** The load balancers of a resource's stack. */
export function stackLoadBalancers(r: Resource): Resource[] {
  return [...r.model.ofType('AWS::ElasticLoadBalancingV2::LoadBalancer'), ...r.model.ofType('AWS::ElasticLoadBalancing::LoadBalancer')];
}
