/**
 * Checks that a reviewer would want but that a CloudFormation template cannot decide, with the
 * reason. RULES.md lists them so that nobody mistakes silence for a pass.
 */
export interface NotCovered {
  /** What the check would look for. */
  readonly check: string;
  /** Why a template cannot decide it. */
  readonly reason: string;
}

export const NOT_COVERED: readonly NotCovered[] = [
  {
    check: 'Direct Connect redundancy (two connections at two locations, or a VPN as backup)',
    reason: 'Direct Connect connections have no CloudFormation resource type; a template shows at most an imported gateway ID.',
  },
  {
    check: 'Replica shard count of OpenSearch indexes',
    reason: 'Replicas are set per index through the OpenSearch API at run time, not in the template.',
  },
  {
    check: 'VPN tunnels up, recovery points created, restores tested, alarms that actually fire',
    reason: 'These are run-time states, visible only in the deployed account (AWS Config, AWS Backup, Resilience Hub, fault injection).',
  },
  {
    check: 'Whether the drills run, how often, and whether they passed; whether zonal autoshift practice runs succeed',
    reason: 'A template shows an experiment template, its schedule and a practice run configuration (HA-DRILL1 reads them); runs and their '
      + 'results are in the account (FIS experiments, ARC practice run outcomes).',
  },
  {
    check: 'Targets registered with a load balancer at run time, and how many targets each zone has',
    reason: 'Only static targets are in a template; an Auto Scaling group or ECS service registers its own at run time.',
  },
  {
    check: 'Topic-level replication factors of Kafka (MSK) topics',
    reason: 'Topics are created through the Kafka API; the template shows only the cluster-wide defaults (judged by HA-MSK2).',
  },
  {
    check: 'Which buckets hold backups or audit records that need S3 Object Lock',
    reason: 'A template does not say what a bucket holds; immutability is a compliance decision.',
  },
  {
    check: 'Multi-Region KMS keys for client-side encryption of replicated data',
    reason: 'Services that replicate across Regions (S3 replication, DynamoDB global tables, Aurora global databases, AWS Backup copies) '
      + 're-encrypt with a key in the destination Region; only client-side encryption needs a multi-Region key, and a template does not show it.',
  },
  {
    check: 'Whether an EFS file system has mount targets in every zone of its clients',
    reason: 'The clients reach the file system through access points, task definitions and services; only "mount targets in fewer than two zones" (HA-EFS2) can be decided.',
  },
  {
    check: 'A Route 53 failover partner, a backup plan or an alarm defined in another stack',
    reason: 'The template shows only its own resources; acknowledge the finding with the reason where the partner lives elsewhere.',
  },
  {
    check: 'Region-level disaster recovery of each data store (cross-Region copies, replicas, global tables) and backup frequency against a recovery point',
    reason: 'These depend on the workload\'s objectives: declare them (ResilienceObjectives, context, or `cdk-ha check --objectives`) and HA-OBJ1/HA-OBJ2 judge them.',
  },
  {
    check: 'Copies and standbys that live in other stacks or accounts (a cross-Region read replica, a backup copy job, a standby stack)',
    reason: 'A template only shows its own resources; judge the whole application by checking every stack of it together, and declare Region-level objectives so that a missing copy is reported.',
  },
];

/** A check that was considered for the catalogue and left out, with the reason. */
export interface NotAdded {
  /** What the check would look for. */
  readonly check: string;
  /** Why it is not a rule. */
  readonly reason: string;
}

export const NOT_ADDED: readonly NotAdded[] = [
  {
    check: 'An Auto Scaling group with `AvailabilityZoneDistribution.CapacityDistributionStrategy: balanced-only`',
    reason: 'The default, `balanced-best-effort`, launches the capacity a failing zone cannot take in the other zones, which is what a '
      + 'statically stable group behind a load balancer needs; `balanced-only` is a deliberate choice for zone-independent (cell) '
      + 'architectures that a template cannot tell from a mistake, and HA-ASG2 already judges whether the group survives losing a zone.',
  },
  {
    check: 'An RDS DB instance without cross-Region automated backup replication (`AutomaticBackupReplicationRegion`)',
    reason: 'When the objectives ask to survive a Region failure, HA-OBJ1 and HA-OBJ2 already count replicated backups as the database\'s '
      + 'copy in another Region (a restore of about 2 h, a loss of about 15 min) and report the database that has none; a rule of its '
      + 'own would report the same gap twice, and without such objectives a copy in another Region is not a weakness.',
  },
];
