import { Figure, FIGURE, FIGURES, NONE, NOT_RECOVERABLE, Sla, SLAS } from './figures';
import type { Disruption } from './objectives';
import { crossRegionReplicas, globalCopies, regionalAlternatives, stackCapacity, stackLoadBalancers } from './region-copies';
import { isSupportResource } from '../model/roles';
import type { Resource } from '../model/template-model';
import { TopologyIndex } from '../model/topology';
import { placementOf } from '../rules/placement';
import type { RuleContext } from '../rules/rule';

/** Why the template does not tell. */
export interface Undecided {
  readonly unknown: string;
}

/** An estimated figure, or why the template does not tell. */
export type Estimated = Figure | Undecided;

/** Estimated recovery time and data loss for one kind of disruption. */
export interface Recovery {
  readonly rto: Estimated;
  readonly rpo: Estimated;
}

/** What one resource contributes to the workload's resilience. */
export interface ResourceEstimate {
  readonly resource: Resource;
  /** The configuration the estimate is based on, in a few words. */
  readonly configuration: string;
  readonly recovery: Record<Disruption, Recovery>;
  /** The SLA of the resource's configuration, when it has one. */
  readonly sla?: Sla;
  /** Why the SLA that applies is undecided (the configuration that selects it is only known at deploy time). */
  readonly slaUndecided?: string;
  /** True for resources that hold the workload's data (databases, tables, caches, buckets, file systems, queues, instances). */
  readonly holdsData: boolean;
}

export function isUnknown(e: Estimated): e is Undecided {
  return 'unknown' in e;
}

const unknownRecovery = (reason: string): Recovery => ({ rto: { unknown: reason }, rpo: { unknown: reason } });
const noLoss = NONE('no data is lost');
const stateless = NONE('holds no data');
const sameRegionOnly = (what: string): Recovery => ({
  rto: NOT_RECOVERABLE(`${what.charAt(0).toLowerCase()}${what.slice(1)} has no standby outside the Region in this template`),
  rpo: NOT_RECOVERABLE(`${what.charAt(0).toLowerCase()}${what.slice(1)} has no copy outside the Region in this template`),
});
/** Stateless resources survive a Region failure by being redeployed elsewhere from the template. */
const REDEPLOY_ELSEWHERE: Recovery = { rto: FIGURES.redeployInOtherRegion, rpo: stateless };

type Estimate = Omit<ResourceEstimate, 'resource' | 'holdsData'>;
type Estimator = (r: Resource, ctx: RuleContext) => Estimate | undefined;

/** The resource types whose estimates are about data they hold, not only a service they give. */
const DATA_TYPES = new Set([
  'AWS::RDS::DBInstance', 'AWS::RDS::DBCluster', 'AWS::DynamoDB::Table', 'AWS::DynamoDB::GlobalTable',
  'AWS::ElastiCache::ReplicationGroup', 'AWS::ElastiCache::CacheCluster', 'AWS::EFS::FileSystem', 'AWS::S3::Bucket',
  'AWS::SQS::Queue', 'AWS::Kinesis::Stream', 'AWS::EC2::Instance',
]);

/** How many zones a resource spans: certain, none (one zone), or undecided with the reason. */
function zonesOf(r: Resource, ctx: RuleContext, options: Parameters<typeof placementOf>[2]): { multi: boolean } | { unknown: string } | undefined {
  const placement = placementOf(r, ctx, options);
  if (!placement) return undefined;
  if ('allZones' in placement) return { multi: true };
  if ('undecided' in placement) return { unknown: placement.undecided };
  if (placement.spread.min >= 2) return { multi: true };
  if (placement.spread.max < 2) return { multi: false };
  return { unknown: placement.spread.undecided ?? 'the zones of its subnets cannot be compared' };
}

/** Stateless compute spread over zones: what losing an instance or a zone costs. */
function compute(
  count: number, zones: { multi: boolean } | { unknown: string } | undefined, staticallyStable: boolean, what: string,
  region: Recovery = REDEPLOY_ELSEWHERE,
): Estimate {
  if (!zones || 'unknown' in zones) {
    const reason = zones ? zones.unknown : `the zones of the ${what} are not in the template`;
    return {
      configuration: `${what} with ${count} running, zones undecided`,
      slaUndecided: reason,
      recovery: {
        instance: { rto: count >= 2 ? FIGURES.loadBalancerDetection : FIGURES.instanceReplacement, rpo: stateless },
        az: unknownRecovery(reason),
        region,
      },
    };
  }
  const az: Recovery = !zones.multi
    ? { rto: NOT_RECOVERABLE(`the ${what} runs in one zone: it is down until the zone recovers`), rpo: stateless }
    : { rto: staticallyStable ? FIGURES.loadBalancerDetection : FIGURES.scaleOutAfterZoneLoss, rpo: stateless };
  return {
    configuration: `${what} with ${count} running in ${zones.multi ? 'two or more zones' : 'one zone'}`,
    recovery: {
      instance: { rto: count >= 2 ? FIGURES.loadBalancerDetection : FIGURES.instanceReplacement, rpo: stateless },
      az,
      region,
    },
    sla: zones.multi && count >= 2 ? SLAS.computeMultiAz : SLAS.computeSingle,
  };
}

const ESTIMATORS: Record<string, Estimator> = {
  'AWS::RDS::DBInstance': r => {
    if (r.has('DBClusterIdentifier') || r.has('SourceDBInstanceIdentifier')) return undefined;
    const engine = r.str('Engine');
    if (engine.known && engine.value.toLowerCase().startsWith('aurora')) return undefined;
    const multiAz = r.bool('MultiAZ', false);
    const retention = r.num('BackupRetentionPeriod', 1);
    if (!multiAz.known) {
      const reason = `MultiAZ is ${multiAz.reason}`;
      return { configuration: 'RDS instance, Multi-AZ undecided', recovery: { instance: unknownRecovery(reason), az: unknownRecovery(reason), region: instanceRegion(r) }, slaUndecided: reason };
    }
    const restoreRpo: Estimated = !retention.known ? { unknown: `BackupRetentionPeriod is ${retention.reason}` }
      : retention.value > 0 ? FIGURES.rdsPitrWindow : NOT_RECOVERABLE('automated backups are off: there is nothing to restore');
    if (multiAz.value) {
      const failover: Recovery = { rto: FIGURES.rdsMultiAzFailover, rpo: FIGURES.synchronousStandby };
      return { configuration: 'RDS Multi-AZ instance', recovery: { instance: failover, az: failover, region: instanceRegion(r) }, sla: SLAS.rdsMultiAz };
    }
    return {
      configuration: 'RDS Single-AZ instance',
      recovery: {
        instance: { rto: FIGURES.rdsHostReplacement, rpo: NONE('the storage volume survives a host failure') },
        az: { rto: FIGURES.rdsRestoreInOtherZone, rpo: restoreRpo },
        region: instanceRegion(r),
      },
      sla: SLAS.rdsSingleAz,
    };
  },

  'AWS::RDS::DBCluster': (r, ctx) => {
    const engine = r.str('Engine');
    if (!engine.known) {
      const reason = `Engine is ${engine.reason}`;
      return { configuration: 'RDS cluster, engine undecided', recovery: { instance: unknownRecovery(reason), az: unknownRecovery(reason), region: sameRegionOnly('The database') }, slaUndecided: reason };
    }
    const region = clusterRegion(r);
    if (!engine.value.toLowerCase().startsWith('aurora')) {
      const failover: Recovery = { rto: FIGURES.rdsMultiAzClusterFailover, rpo: FIGURES.synchronousStandby };
      return { configuration: 'RDS Multi-AZ DB cluster', recovery: { instance: failover, az: failover, region }, sla: SLAS.rdsMultiAz };
    }
    const { members, undecided } = ctx.topology.clusterMembers(r);
    if (members.length < 2 && members.length + undecided.length >= 2) {
      const reason = `the instances of cluster ${r.logicalId} are decided at deploy time`;
      return { configuration: 'Aurora cluster, instances undecided', recovery: { instance: unknownRecovery(reason), az: unknownRecovery(reason), region }, slaUndecided: reason };
    }
    if (members.length >= 2) {
      const promotion: Recovery = { rto: FIGURES.auroraReplicaPromotion, rpo: FIGURES.auroraSharedStorage };
      return { configuration: `Aurora cluster with ${members.length} instances`, recovery: { instance: promotion, az: promotion, region }, sla: SLAS.auroraMultiAz };
    }
    const recreate: Recovery = { rto: FIGURES.auroraRecreateWriter, rpo: FIGURES.auroraSharedStorage };
    return { configuration: `Aurora cluster with ${members.length} instance${members.length === 1 ? '' : 's'}`, recovery: { instance: recreate, az: recreate, region }, sla: SLAS.auroraSingleAz };
  },

  'AWS::DynamoDB::Table': r => {
    const pitr = r.bool('PointInTimeRecoverySpecification.PointInTimeRecoveryEnabled', false);
    const inRegion: Recovery = { rto: FIGURES.dynamoDbRegional, rpo: FIGURES.dynamoDbRegional };
    return {
      configuration: `DynamoDB table${pitr.known && pitr.value ? ' with point-in-time recovery' : ''}`,
      recovery: { instance: inRegion, az: inRegion, region: sameRegionOnly('The table') },
      sla: SLAS.dynamoDb,
    };
  },

  'AWS::DynamoDB::GlobalTable': r => {
    const replicas = r.list('Replicas');
    const inRegion: Recovery = { rto: FIGURES.dynamoDbRegional, rpo: FIGURES.dynamoDbRegional };
    if (!replicas.known) {
      const reason = `Replicas is ${replicas.reason}`;
      return { configuration: 'DynamoDB global table, replicas undecided', recovery: { instance: inRegion, az: inRegion, region: unknownRecovery(reason) }, slaUndecided: reason };
    }
    const multiRegion = replicas.value.length >= 2;
    const consistency = r.str('MultiRegionConsistency', 'EVENTUAL');
    const lag = consistency.known && consistency.value.toUpperCase() === 'STRONG' ? FIGURES.dynamoDbStrongGlobal : FIGURES.dynamoDbGlobalLag;
    return {
      configuration: `DynamoDB global table with ${replicas.value.length} replica${replicas.value.length === 1 ? '' : 's'}`,
      recovery: {
        instance: inRegion,
        az: inRegion,
        region: multiRegion ? { rto: NONE('replicas in other Regions keep serving; clients must switch Region', FIGURES.dynamoDbGlobalLag.source), rpo: lag } : sameRegionOnly('The table'),
      },
      sla: multiRegion ? SLAS.dynamoDbGlobal : SLAS.dynamoDb,
    };
  },

  'AWS::ElastiCache::ReplicationGroup': r => {
    const failover = r.bool('AutomaticFailoverEnabled', false);
    const multiAz = r.bool('MultiAZEnabled', false);
    const clusters = r.has('NumNodeGroups') || r.has('NodeGroupConfiguration') ? r.num('ReplicasPerNodeGroup') : r.num('NumCacheClusters', 1);
    const hasReplica = r.has('NumNodeGroups') || r.has('NodeGroupConfiguration')
      ? (clusters.known ? clusters.value >= 1 : undefined)
      : (clusters.known ? clusters.value >= 2 : undefined);
    const snapshots = r.num('SnapshotRetentionLimit', 0);
    const lossWithoutReplica: Estimated = snapshots.known && snapshots.value > 0 ? FIGURES.cacheSnapshotWindow : NOT_RECOVERABLE('no replica and no snapshots: the cached data is lost');
    if (!failover.known || !multiAz.known || hasReplica === undefined) {
      const reason = 'its failover settings are decided at deploy time';
      return { configuration: 'ElastiCache replication group, settings undecided', recovery: { instance: unknownRecovery(reason), az: unknownRecovery(reason), region: sameRegionOnly('The cache') }, slaUndecided: reason };
    }
    const promote: Recovery = { rto: FIGURES.cacheFailover, rpo: FIGURES.cacheReplicationLag };
    const replace: Recovery = { rto: FIGURES.cacheNodeReplacement, rpo: lossWithoutReplica };
    const canFailOver = failover.value && hasReplica;
    return {
      configuration: `ElastiCache replication group ${canFailOver ? 'with automatic failover' : 'that cannot fail over'}${multiAz.value ? ', Multi-AZ' : ''}`,
      recovery: { instance: canFailOver ? promote : replace, az: canFailOver && multiAz.value ? promote : replace, region: sameRegionOnly('The cache') },
      sla: canFailOver && multiAz.value ? SLAS.cacheMultiAz : SLAS.cacheSingleAz,
    };
  },

  'AWS::ElastiCache::CacheCluster': r => {
    const engine = r.str('Engine');
    const snapshots = r.num('SnapshotRetentionLimit', 0);
    const persistent = engine.known && engine.value.toLowerCase() !== 'memcached';
    const loss: Estimated = persistent && snapshots.known && snapshots.value > 0 ? FIGURES.cacheSnapshotWindow : NOT_RECOVERABLE('a single node without snapshots: the cached data is lost');
    const replace: Recovery = { rto: FIGURES.cacheNodeReplacement, rpo: loss };
    return { configuration: `ElastiCache ${engine.known ? engine.value : ''} cache cluster`.replace('  ', ' '), recovery: { instance: replace, az: replace, region: sameRegionOnly('The cache') }, sla: SLAS.cacheSingleAz };
  },

  'AWS::AutoScaling::AutoScalingGroup': (r, ctx) => {
    const min = r.num('MinSize');
    const zones = zonesOf(r, ctx, [{ subnets: 'VPCZoneIdentifier' }, { zones: 'AvailabilityZones' }]);
    if (!min.known) {
      const reason = `MinSize is ${min.reason}`;
      return { configuration: 'Auto Scaling group, size undecided', recovery: { instance: unknownRecovery(reason), az: unknownRecovery(reason), region: REDEPLOY_ELSEWHERE }, slaUndecided: reason };
    }
    const placement = placementOf(r, ctx, [{ subnets: 'VPCZoneIdentifier' }, { zones: 'AvailabilityZones' }]);
    const zoneCount = placement && 'spread' in placement ? placement.spread.min : 2;
    // Statically stable: with one zone lost, the others still run at least one instance per remaining zone.
    const stable = zoneCount >= 2 && min.value >= zoneCount;
    return compute(min.value, zones, stable, 'Auto Scaling group', webRegion(r));
  },

  'AWS::ECS::Service': (r, ctx) => {
    const daemon = r.str('SchedulingStrategy', 'REPLICA');
    if (daemon.known && daemon.value.toUpperCase() === 'DAEMON') return undefined;
    const desired = r.num('DesiredCount', 1);
    const scaled = ctx.topology.referrers('AWS::ApplicationAutoScaling::ScalableTarget', 'ResourceId', r.logicalId)
      .map(t => t.num('MinCapacity')).find(m => m.known);
    const count = Math.max(desired.known ? desired.value : 0, scaled?.known ? scaled.value : 0);
    const zones = zonesOf(r, ctx, [{ subnets: 'NetworkConfiguration.AwsvpcConfiguration.Subnets' }]);
    return compute(count, zones, count >= 2, 'ECS service', webRegion(r));
  },

  'AWS::ElasticLoadBalancingV2::LoadBalancer': (r, ctx) => loadBalancer(zonesOf(r, ctx, [{ subnets: 'Subnets' }, { subnetMappings: 'SubnetMappings' }]), webRegion(r)),
  'AWS::ElasticLoadBalancing::LoadBalancer': (r, ctx) => loadBalancer(zonesOf(r, ctx, [{ subnets: 'Subnets' }, { zones: 'AvailabilityZones' }]), webRegion(r)),

  'AWS::Lambda::Function': (r, ctx) => {
    // Functions that run only during deployments, or only for lifecycle hooks, are not the running workload.
    if (isSupportResource(r)) return undefined;
    const zones = r.has('VpcConfig') ? zonesOf(r, ctx, [{ subnets: 'VpcConfig.SubnetIds' }]) : { multi: true };
    const inRegion: Recovery = { rto: NONE('Lambda runs the function in another zone'), rpo: stateless };
    const az: Recovery = !zones || 'unknown' in zones ? unknownRecovery(zones ? zones.unknown : 'its subnets are not in the template')
      : zones.multi ? inRegion : { rto: NOT_RECOVERABLE('the function runs in subnets of one zone'), rpo: stateless };
    return { configuration: 'Lambda function', recovery: { instance: inRegion, az, region: REDEPLOY_ELSEWHERE }, sla: SLAS.lambda };
  },

  'AWS::EC2::Instance': () => ({
    configuration: 'standalone EC2 instance',
    recovery: {
      instance: { rto: FIGURES.manualRebuild, rpo: FIGURES.dailyBackup },
      az: { rto: FIGURES.manualRebuild, rpo: FIGURES.dailyBackup },
      region: sameRegionOnly('The instance'),
    },
    sla: SLAS.computeSingle,
  }),

  'AWS::EFS::FileSystem': r => {
    const oneZone = r.has('AvailabilityZoneName');
    const backups = r.str('BackupPolicy.Status', 'DISABLED');
    return {
      configuration: oneZone ? 'EFS One Zone file system' : 'EFS Regional file system',
      recovery: {
        instance: { rto: NONE('EFS serves from other hardware'), rpo: noLoss },
        az: oneZone
          ? { rto: FIGURES.manualRebuild, rpo: backups.known && backups.value === 'ENABLED' ? FIGURES.dailyBackup : NOT_RECOVERABLE('One Zone storage without backups') }
          : { rto: NONE('EFS Regional storage spans zones'), rpo: noLoss },
        region: sameRegionOnly('The file system'),
      },
      sla: oneZone ? SLAS.efsOneZone : SLAS.efsRegional,
    };
  },

  'AWS::S3::Bucket': r => {
    const rules = r.list('ReplicationConfiguration.Rules');
    const replicated = rules.known && rules.value.length > 0;
    const rtc = replicated && rules.value.some((_, i) => {
      const s = r.str(`ReplicationConfiguration.Rules.${i}.Destination.ReplicationTime.Status`);
      return s.known && s.value === 'Enabled';
    });
    const inRegion: Recovery = { rto: NONE('S3 stores objects across zones'), rpo: noLoss };
    return {
      configuration: `S3 bucket${replicated ? ' with replication' : ''}`,
      recovery: {
        instance: inRegion,
        az: inRegion,
        region: replicated ? { rto: NONE('the replica bucket serves; clients must switch to it'), rpo: rtc ? FIGURES.s3ReplicationTimeControl : FIGURES.s3Replication } : sameRegionOnly('The bucket'),
      },
      sla: SLAS.s3,
    };
  },

  'AWS::SQS::Queue': () => regional('SQS queue', SLAS.messaging, 'the messages waiting in the queue'),
  'AWS::SNS::Topic': () => regional('SNS topic', SLAS.messaging),
  'AWS::Kinesis::Stream': () => regional('Kinesis data stream', SLAS.messaging, 'the records in the stream'),
  'AWS::ApiGateway::RestApi': () => regional('API Gateway REST API', SLAS.apiGateway),
  'AWS::ApiGatewayV2::Api': () => regional('API Gateway HTTP or WebSocket API', SLAS.apiGateway),
  'AWS::CloudFront::Distribution': () => {
    const global: Recovery = { rto: NONE('CloudFront is a global service'), rpo: stateless };
    return { configuration: 'CloudFront distribution', recovery: { instance: global, az: global, region: global }, sla: SLAS.cloudFront };
  },

  'AWS::EC2::NatGateway': (r, ctx) => {
    const mode = r.str('AvailabilityMode', 'zonal');
    const fine: Recovery = { rto: NONE('each zone keeps its own route to the internet'), rpo: stateless };
    if (mode.known && mode.value.toLowerCase() === 'regional') return { configuration: 'regional NAT gateway', recovery: { instance: fine, az: fine, region: REDEPLOY_ELSEWHERE } };
    const natAz = ctx.topology.azOfSubnet(r.properties.SubnetId);
    const served = ctx.topology.subnetsRoutedTo(r.logicalId);
    const crossZone = natAz ? served.some(s => {
      const az = ctx.topology.azOfSubnet({ Ref: s });
      return az ? TopologyIndex.differ(natAz, az) === true : false;
    }) : false;
    if (served.length === 0) return undefined;
    return {
      configuration: crossZone ? 'NAT gateway shared by several zones' : 'NAT gateway for its own zone',
      recovery: {
        instance: fine,
        az: crossZone ? { rto: NOT_RECOVERABLE('private subnets in other zones lose outbound access until the NAT gateway\'s zone recovers'), rpo: stateless } : fine,
        region: REDEPLOY_ELSEWHERE,
      },
    };
  },
};

function loadBalancer(zones: ReturnType<typeof zonesOf>, region: Recovery): Estimate {
  if (!zones || 'unknown' in zones) {
    const reason = zones ? zones.unknown : 'its subnets are not in the template';
    return { configuration: 'load balancer, zones undecided', recovery: { instance: { rto: NONE('load balancer nodes are replaced by the service'), rpo: stateless }, az: unknownRecovery(reason), region }, slaUndecided: reason };
  }
  return {
    configuration: `load balancer in ${zones.multi ? 'two or more zones' : 'one zone'}`,
    recovery: {
      instance: { rto: NONE('load balancer nodes are replaced by the service'), rpo: stateless },
      az: zones.multi ? { rto: FIGURES.loadBalancerDetection, rpo: stateless } : { rto: NOT_RECOVERABLE('the load balancer is in one zone'), rpo: stateless },
      region,
    },
    sla: zones.multi ? SLAS.elbMultiAz : SLAS.elbSingleAz,
  };
}

/**
 * A DB cluster in a Region failure: a member of a global database with a cluster in another Region
 * fails over to it; a global database whose other clusters the workload does not show (a secondary
 * whose primary is elsewhere) is given the benefit of the doubt; any other cluster has no copy.
 */
function clusterRegion(r: Resource): Recovery {
  const { copies, global, undecided } = globalCopies(r);
  const failover: Recovery = { rto: FIGURES.auroraGlobalFailover, rpo: FIGURES.auroraGlobalLag };
  if (!global) return sameRegionOnly('The database');
  if (copies.length) return failover;
  if (undecided) return unknownRecovery(`whether its global database has a cluster in another Region is undecided: ${undecided}`);
  if (!global.resource && global.members.length === 1) return failover;
  return {
    rto: NOT_RECOVERABLE(`its global database ${global.key} has no secondary cluster in another Region in this workload`),
    rpo: NOT_RECOVERABLE(`its global database ${global.key} has no copy in another Region in this workload`),
  };
}

/** An RDS instance in a Region failure: promote a read replica of another Region, or restore its replicated backups. */
function instanceRegion(r: Resource): Recovery {
  if (crossRegionReplicas(r).length) return { rto: FIGURES.rdsReplicaPromotion, rpo: FIGURES.rdsCrossRegionReplicaLag };
  const backups = r.str('AutomaticBackupReplicationRegion', '');
  if (backups.known && backups.value !== '') return { rto: FIGURES.rdsReplicatedBackupRestore, rpo: FIGURES.rdsReplicatedBackupWindow };
  return sameRegionOnly('The database');
}

/**
 * A load balancer, or the compute of its stack, in a Region failure: when DNS sends its clients to a
 * load balancer of another Region (failover, latency or weighted records with health checks), the
 * recovery is Route 53's detection plus the answer's TTL, plus a scale-up when the other Region runs
 * less capacity; otherwise the stack is redeployed elsewhere.
 */
function webRegion(r: Resource, scaleUp = true): Recovery {
  const isCompute = !r.type.includes('LoadBalancing');
  for (const lb of isCompute ? stackLoadBalancers(r) : [r]) {
    const { alternatives, detectionSeconds } = regionalAlternatives(lb);
    if (!alternatives.length) continue;
    const where = `${alternatives[0].logicalId} (${alternatives[0].model.region})`;
    let seconds = detectionSeconds + FIGURES.dnsAnswerTtl.seconds;
    let basis = `Route 53 sends clients to ${where} once its health checks find this Region failed (${detectionSeconds} s) and resolvers `
      + `drop the cached answer (${FIGURES.dnsAnswerTtl.seconds} s)`;
    if (isCompute && scaleUp) {
      const mine = stackCapacity(r);
      const theirs = alternatives.map(stackCapacity).filter((c): c is number => c !== undefined);
      if (mine !== undefined && theirs.length && Math.min(...theirs) < mine) {
        seconds += FIGURES.standbyScaleUp.seconds;
        basis += `, then the other Region scales out from ${Math.min(...theirs)} to ${mine} (about ${FIGURES.standbyScaleUp.seconds / 60} min)`;
      }
    }
    return { rto: FIGURE(seconds, basis, FIGURES.route53Failover.source), rpo: stateless };
  }
  return REDEPLOY_ELSEWHERE;
}

/**
 * A Regional service: it survives a host or zone failure; in a Region failure it is redeployed
 * elsewhere from its template, and what it holds (`held`), if anything, is lost.
 */
function regional(what: string, sla: Sla, held?: string): Estimate {
  const inRegion: Recovery = { rto: NONE(`${what}s are served from every zone of the Region`), rpo: noLoss };
  const region: Recovery = held
    ? { rto: FIGURES.redeployInOtherRegion, rpo: NOT_RECOVERABLE(`${held} are lost with the Region`) }
    : REDEPLOY_ELSEWHERE;
  return { configuration: what, recovery: { instance: inRegion, az: inRegion, region }, sla };
}

/** The resource types that have an estimate. */
export const ESTIMATED_TYPES: readonly string[] = Object.keys(ESTIMATORS);

/** The estimate for one resource, if its type has one and it is a workload component. */
export function estimate(r: Resource, ctx: RuleContext): ResourceEstimate | undefined {
  const estimator = ESTIMATORS[r.type];
  let result = estimator?.(r, ctx);
  // Stateless plumbing of a Region whose traffic DNS moves to another Region is not redeployed: that Region serves.
  if (result && result.recovery.region === REDEPLOY_ELSEWHERE) result = { ...result, recovery: { ...result.recovery, region: webRegion(r, false) } };
  return result ? { resource: r, holdsData: DATA_TYPES.has(r.type), ...result } : undefined;
}
