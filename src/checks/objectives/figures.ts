/**
 * The figures behind every estimate: typical recovery times and data-loss windows per service and
 * configuration, and monthly SLA commitments. Each carries its source; figures that AWS does not
 * document precisely are marked as estimates of this library. All are estimates, to be confirmed
 * by testing (for example with AWS Fault Injection Service).
 */

/** A recovery figure in seconds; Infinity means "not recoverable within the disruption". */
export interface Figure {
  readonly seconds: number;
  /** Why, in a few words. */
  readonly basis: string;
  readonly source: string;
}

const RDS_MULTI_AZ = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.MultiAZ.Failover.html';
const RDS_MULTI_AZ_CLUSTER = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/multi-az-db-clusters-concepts-failover.html';
const RDS_PITR = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_PIT.html';
const AURORA_HA = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.AuroraHighAvailability.html';
const AURORA_GLOBAL = 'https://aws.amazon.com/rds/aurora/global-database/';
const AURORA_GLOBAL_DR = 'https://docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/aurora-global-database-disaster-recovery.html';
const RDS_PROMOTE = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.Promote.html';
const RDS_CROSS_REGION = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReadRepl.XRgn.html';
const RDS_BACKUP_REPLICATION = 'https://docs.aws.amazon.com/AmazonRDS/latest/UserGuide/USER_ReplicateBackups.html';
const DDB_MRSC = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/multi-region-strong-consistency-gt.html';
const DDB_PITR = 'https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_PointInTimeRecoveryDescription.html';
const DDB_GLOBAL = 'https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GlobalTables.html';
const ELASTICACHE_FAILOVER = 'https://docs.aws.amazon.com/AmazonElastiCache/latest/dg/AutoFailover.html';
const ELB_HEALTH = 'https://docs.aws.amazon.com/elasticloadbalancing/latest/application/target-group-health-checks.html';
const S3_RTC = 'https://docs.aws.amazon.com/AmazonS3/latest/userguide/replication-time-control.html';
const DR_WHITEPAPER = 'https://docs.aws.amazon.com/whitepapers/latest/disaster-recovery-workloads-on-aws/disaster-recovery-options-in-the-cloud.html';
const ROUTE53_HEALTH = 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/health-checks-creating-values.html';
const OWN = 'estimate of this library (no documented AWS figure)';

const f = (seconds: number, basis: string, source: string): Figure => ({ seconds, basis, source });

export const NONE = (basis: string, source = OWN): Figure => f(0, basis, source);
export const NOT_RECOVERABLE = (basis: string): Figure => f(Infinity, basis, OWN);
/** A figure of so many seconds, with its basis and source. */
export const FIGURE = f;

export const FIGURES = {
  rdsMultiAzFailover: f(120, 'Multi-AZ failover to the synchronous standby, typically 60-120 s', RDS_MULTI_AZ),
  rdsMultiAzClusterFailover: f(35, 'Multi-AZ DB cluster failover to a readable standby, typically under 35 s', RDS_MULTI_AZ_CLUSTER),
  synchronousStandby: f(0, 'the standby is written synchronously', RDS_MULTI_AZ),
  rdsHostReplacement: f(30 * 60, 'RDS replaces the failed host and reattaches the storage (about 30 min)', OWN),
  rdsRestoreInOtherZone: f(60 * 60, 'restore from backup into another zone: tens of minutes to hours, by size (at least 1 h)', RDS_PITR),
  rdsPitrWindow: f(5 * 60, 'point-in-time restore reaches about 5 minutes before the failure', RDS_PITR),
  auroraReplicaPromotion: f(60, 'Aurora promotes a replica in another zone, typically in under 60 s', AURORA_HA),
  auroraRecreateWriter: f(10 * 60, 'Aurora recreates the only instance, typically in under 10 min', AURORA_HA),
  auroraSharedStorage: f(0, 'Aurora storage keeps six copies across three zones', AURORA_HA),
  auroraGlobalFailover: f(5 * 60, 'Aurora Global Database switches over or fails over to a secondary Region in the order of minutes (about 5 min)', AURORA_GLOBAL_DR),
  auroraGlobalLag: f(1, 'Aurora Global Database replicates storage with under 1 s of lag', AURORA_GLOBAL),
  rdsReplicaPromotion: f(15 * 60, 'a cross-Region read replica is promoted to a standalone instance in minutes, longer when busy (about 15 min)', RDS_PROMOTE),
  rdsCrossRegionReplicaLag: f(5 * 60, 'asynchronous cross-Region replication: the replica lags seconds to minutes behind (up to 5 min, as its lag alarm watches)', RDS_CROSS_REGION),
  rdsReplicatedBackupRestore: f(2 * 60 * 60, 'point-in-time restore from the backups replicated to the other Region: an hour or more, by size (about 2 h)', RDS_BACKUP_REPLICATION),
  rdsReplicatedBackupWindow: f(15 * 60, 'replicated transaction logs reach the other Region minutes after the source (about 15 min)', RDS_BACKUP_REPLICATION),
  dynamoDbStrongGlobal: f(0, 'multi-Region strong consistency acknowledges a write once another Region has it', DDB_MRSC),
  standbyScaleUp: f(10 * 60, 'the standby Region scales out to the primary\'s capacity after DNS fails over (about 10 min)', OWN),
  dynamoDbRegional: f(0, 'DynamoDB replicates every table across three zones', DDB_GLOBAL),
  dynamoDbPitrWindow: f(5 * 60, 'point-in-time recovery restores to about 5 minutes before now', DDB_PITR),
  dynamoDbGlobalLag: f(1, 'global table replicas lag by about a second', DDB_GLOBAL),
  cacheFailover: f(60, 'ElastiCache promotes a replica in seconds to about a minute', ELASTICACHE_FAILOVER),
  cacheReplicationLag: f(1, 'asynchronous replication may lose the last writes', ELASTICACHE_FAILOVER),
  cacheNodeReplacement: f(15 * 60, 'ElastiCache replaces a failed node in minutes (about 15 min)', OWN),
  cacheSnapshotWindow: f(24 * 60 * 60, 'data since the last daily snapshot is lost', ELASTICACHE_FAILOVER),
  loadBalancerDetection: f(60, 'load balancer health checks take a failed target out in about 30 s x 2 checks', ELB_HEALTH),
  instanceReplacement: f(5 * 60, 'a replacement instance or task is launched and passes health checks (about 5 min)', OWN),
  scaleOutAfterZoneLoss: f(10 * 60, 'the remaining zones scale out to replace the lost capacity (about 10 min)', OWN),
  manualRebuild: f(4 * 60 * 60, 'an instance is rebuilt from its image or a backup by hand (about 4 h)', OWN),
  dailyBackup: f(24 * 60 * 60, 'data since the last daily backup is lost', OWN),
  s3ReplicationTimeControl: f(15 * 60, 'S3 Replication Time Control replicates 99.99% of objects within 15 minutes', S3_RTC),
  s3Replication: f(15 * 60, 'S3 replication copies most objects within minutes, without a guarantee', S3_RTC),
  route53Failover: f(90, 'Route 53 health checks detect a failure in 30 s x 3 checks by default', ROUTE53_HEALTH),
  dnsAnswerTtl: f(60, 'resolvers keep the answer of an alias to a load balancer for its fixed 60 s TTL', 'https://aws.amazon.com/route53/faqs/'),
  backupAndRestoreRegion: f(24 * 60 * 60, 'backup and restore into another Region takes hours (about 24 h)', DR_WHITEPAPER),
  redeployInOtherRegion: f(2 * 60 * 60, 'holds no data: the stack is redeployed from its template in another Region (about 2 h)', DR_WHITEPAPER),
} as const;

/** A monthly SLA commitment, in percent. */
export interface Sla {
  readonly percent: number;
  readonly basis: string;
  readonly source: string;
}

const sla = (percent: number, basis: string, source: string): Sla => ({ percent, basis, source });

export const SLAS = {
  elbMultiAz: sla(99.99, 'Elastic Load Balancing, load balancer in two or more zones', 'https://aws.amazon.com/elasticloadbalancing/sla/'),
  elbSingleAz: sla(99.9, 'Elastic Load Balancing, load balancer in one zone', 'https://aws.amazon.com/elasticloadbalancing/sla/'),
  computeMultiAz: sla(99.99, 'EC2/ECS/Fargate, Region-level (two or more zones)', 'https://aws.amazon.com/compute/sla/'),
  computeSingle: sla(99.5, 'EC2/ECS/Fargate, instance-level (one instance or one zone)', 'https://aws.amazon.com/compute/sla/'),
  rdsMultiAz: sla(99.95, 'Amazon RDS Multi-AZ instance or cluster', 'https://aws.amazon.com/rds/sla/'),
  rdsSingleAz: sla(99.5, 'Amazon RDS Single-AZ instance', 'https://aws.amazon.com/rds/sla/'),
  auroraMultiAz: sla(99.99, 'Amazon Aurora Multi-AZ cluster', 'https://aws.amazon.com/rds/aurora/sla/'),
  auroraSingleAz: sla(99.9, 'Amazon Aurora single-AZ cluster', 'https://aws.amazon.com/rds/aurora/sla/'),
  dynamoDb: sla(99.99, 'Amazon DynamoDB standard table', 'https://aws.amazon.com/dynamodb/sla/'),
  dynamoDbGlobal: sla(99.999, 'Amazon DynamoDB global table', 'https://aws.amazon.com/dynamodb/sla/'),
  cacheMultiAz: sla(99.99, 'Amazon ElastiCache Multi-AZ', 'https://aws.amazon.com/elasticache/sla/'),
  cacheSingleAz: sla(99.5, 'Amazon ElastiCache single-AZ', 'https://aws.amazon.com/elasticache/sla/'),
  efsRegional: sla(99.99, 'Amazon EFS Standard storage classes', 'https://aws.amazon.com/efs/sla/'),
  efsOneZone: sla(99.9, 'Amazon EFS One Zone storage classes', 'https://aws.amazon.com/efs/sla/'),
  lambda: sla(99.95, 'AWS Lambda', 'https://aws.amazon.com/lambda/sla/'),
  apiGateway: sla(99.95, 'Amazon API Gateway', 'https://aws.amazon.com/api-gateway/sla/'),
  s3: sla(99.9, 'Amazon S3 Standard', 'https://aws.amazon.com/s3/sla/'),
  messaging: sla(99.9, 'Amazon SQS, SNS and Kinesis Data Streams', 'https://aws.amazon.com/sqs/sla/'),
  cloudFront: sla(99.9, 'Amazon CloudFront', 'https://aws.amazon.com/cloudfront/sla/'),
} as const;
