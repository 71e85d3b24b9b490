import { Duration, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import type { ReplicatedDatabase } from './replicated-database';

/** Thresholds of the alarms a `ReplicatedDatabaseSecondary` creates. */
export interface SecondaryDatabaseAlarmOptions {
  /**
   * How far the secondary may fall behind the primary before it is in alarm (maximum over 1 minute, five
   * periods in a row): `AuroraGlobalDBReplicationLag` for an Aurora secondary, `ReplicaLag` for a
   * cross-Region read replica. The lag is the data a failover to this Region loses.
   *
   * @default - 1 second for an Aurora secondary (Aurora replicates typically in under a second);
   * 5 minutes for a cross-Region read replica
   */
  readonly replicationLag?: Duration;

  /**
   * CPU utilization, in percent, above which an instance is in alarm (average over 5 minutes, three periods in a row).
   *
   * @default 80
   */
  readonly cpuUtilizationPercent?: number;

  /**
   * Freeable memory below which an instance is in alarm (minimum over 5 minutes, three periods in a row).
   *
   * @default Size.gibibytes(1)
   */
  readonly freeableMemory?: Size;
}

/** Properties of a `ReplicatedDatabaseSecondary`. */
export interface ReplicatedDatabaseSecondaryProps {
  /**
   * The database to copy, in a stack of another Region. Its `secondaryRegions` must name this stack's
   * Region, and both stacks need an `env` and `crossRegionReferences: true`.
   */
  readonly primary: ReplicatedDatabase;

  /** The VPC of this Region to place the copy in. Its subnets must span at least two Availability Zones. */
  readonly vpc: ec2.IVpc;

  /**
   * The subnets to place the copy in: private, in at least two Availability Zones.
   *
   * @default - the VPC's isolated subnets, or its private subnets with egress when it has no isolated ones
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The KMS key of this Region that encrypts the copy's storage, its backups and Performance Insights
   * data. A key of another Region cannot encrypt it.
   *
   * @default - a new customer-managed key with yearly rotation, retained when the stack is deleted
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How many DB instances an Aurora secondary runs, from 1 to 16, each in the next Availability Zone.
   * They serve reads in this Region, and the one promoted by a failover becomes the writer at once;
   * two keep the promoted cluster Multi-AZ. Aurora cannot switch over or fail over to a secondary
   * without instances (headless), so at least one is required. Ignored for a cross-Region read replica,
   * which is one Multi-AZ DB instance.
   *
   * @default 2
   */
  readonly instances?: number;

  /**
   * The instance type of the copy. A smaller one saves money while it waits, but must carry the
   * primary's load after a failover.
   *
   * @default - the primary's instance type
   */
  readonly instanceType?: ec2.InstanceType;

  /**
   * Replicate the automated backups of a Multi-AZ DB instance to this Region too, so that point-in-time
   * recovery still works when the primary's Region is lost (for example after a bad write reached
   * the replica). Not applicable to Aurora, whose secondary keeps its own backups once promoted.
   *
   * @default true for a Multi-AZ DB instance
   */
  readonly replicateBackups?: boolean;

  /**
   * How long this Region keeps automated backups: the replicated backups of a Multi-AZ DB instance, or
   * the backups of the copy once it is promoted. Whole days from 1 to 35.
   *
   * @default - the primary's backup retention
   */
  readonly backupRetention?: Duration;

  /**
   * The SNS topic of this Region that the alarms and the RDS event subscription notify.
   *
   * @default - a new topic, encrypted with a customer-managed key and accepting only TLS
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Alarm thresholds.
   *
   * @default - the defaults of each `SecondaryDatabaseAlarmOptions` property
   */
  readonly alarmThresholds?: SecondaryDatabaseAlarmOptions;
}
