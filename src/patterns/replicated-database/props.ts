import { Duration, Size } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sns from 'aws-cdk-lib/aws-sns';
import { DatabaseTopology } from './topology';

/**
 * Thresholds of the alarms a `ReplicatedDatabase` creates. Every alarm notifies the alarm topic when
 * it goes into ALARM and when it returns to OK.
 */
export interface DatabaseAlarmOptions {
  /**
   * CPU utilization, in percent, above which an instance is in alarm (average over 5 minutes, three
   * periods in a row). Above about 80%, query latency rises steeply.
   *
   * @default 80
   */
  readonly cpuUtilizationPercent?: number;

  /**
   * Freeable memory below which an instance is in alarm (minimum over 5 minutes, three periods in a
   * row). Suits the default instance types (8 to 16 GiB); set it to about 10% of the memory of the
   * instance type you choose.
   *
   * @default Size.gibibytes(1)
   */
  readonly freeableMemory?: Size;

  /**
   * Open database connections above which an instance is in alarm (maximum over 5 minutes, three
   * periods in a row). The default is about 60-80% of `max_connections` on the default instance types
   * (which RDS derives from the instance memory); raise it for larger instances.
   *
   * @default 500
   */
  readonly databaseConnections?: number;

  /**
   * Free storage below which the database is in alarm (minimum over 5 minutes). For Aurora this is
   * the instance's local storage for temporary tables and logs (Aurora's cluster volume grows by itself);
   * for RDS it is the allocated storage.
   *
   * @default - 10% of the allocated storage for RDS; 2 GiB of local storage for Aurora
   */
  readonly freeStorage?: Size;

  /**
   * Replica lag above which the database is in alarm (maximum over 1 minute, five periods in a row).
   * A lagging reader or standby means a longer failover and, for Aurora readers, stale reads.
   * A Multi-AZ DB instance's standby is synchronous and has no lag to watch.
   *
   * @default - 1 second for Aurora readers; 30 seconds for the standbys of a Multi-AZ DB cluster
   */
  readonly replicaLag?: Duration;
}

/** Properties of a `ReplicatedDatabase`. */
export interface ReplicatedDatabaseProps {
  /** The VPC to place the database in. Its subnets must span at least two Availability Zones (three for a Multi-AZ DB cluster). */
  readonly vpc: ec2.IVpc;

  /**
   * The topology: an Aurora cluster, a Multi-AZ DB instance or a Multi-AZ DB cluster.
   *
   * @default DatabaseTopology.auroraCluster()
   */
  readonly topology?: DatabaseTopology;

  /**
   * The subnets to place the database (and its proxy) in. They must be private, in at least two
   * Availability Zones (three for a Multi-AZ DB cluster).
   *
   * @default - the VPC's isolated subnets, or its private subnets with egress when it has no isolated ones
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The KMS key that encrypts the storage, the automated backups and snapshots, Performance Insights
   * data and the credentials secret.
   *
   * @default - a new customer-managed key with yearly rotation, retained when the stack is deleted
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * How long automated backups (and so point-in-time recovery) are kept: whole days from 1 to 35.
   *
   * @default Duration.days(7)
   */
  readonly backupRetention?: Duration;

  /**
   * The daily time range, in UTC, for automated backups (`hh24:mi-hh24:mi`, at least 30 minutes).
   *
   * @default - a 30-minute window chosen by RDS
   */
  readonly preferredBackupWindow?: string;

  /**
   * The weekly time range, in UTC, for maintenance (`ddd:hh24:mi-ddd:hh24:mi`). Patching fails over
   * to a standby or reader, so clients see a short interruption.
   *
   * @default - a 30-minute window chosen by RDS
   */
  readonly preferredMaintenanceWindow?: string;

  /**
   * The name of the database to create.
   *
   * @default - no database is created (PostgreSQL clients connect to `postgres`)
   */
  readonly databaseName?: string;

  /**
   * The master user's name. Its password is generated and kept in Secrets Manager.
   *
   * @default - the engine's default (`postgres` for PostgreSQL, `admin` for MySQL)
   */
  readonly username?: string;

  /**
   * The port the database listens on. RDS Proxy always listens on the engine's default port.
   *
   * @default - the engine's default port (5432 for PostgreSQL, 3306 for MySQL)
   */
  readonly port?: number;

  /**
   * Put an RDS Proxy in front of the writer (and a read-only proxy endpoint in front of the readers).
   * Clients keep their connections to the proxy while the database fails over, and the proxy pools them.
   *
   * @default true
   */
  readonly enableProxy?: boolean;

  /**
   * How often the master password is rotated.
   *
   * @default Duration.days(30)
   */
  readonly secretRotationInterval?: Duration;

  /**
   * A Secrets Manager interface endpoint for the rotation function to call. Needed only when the VPC
   * has no private subnets with egress and no Secrets Manager endpoint with private DNS.
   *
   * @default - the rotation function runs in the VPC's private subnets with egress; without those, in
   * the database subnets, calling Secrets Manager through an endpoint with private DNS
   */
  readonly secretsManagerEndpoint?: ec2.IInterfaceVpcEndpoint;

  /**
   * The SNS topic that the alarms and the RDS event subscription notify.
   *
   * @default - a new topic, encrypted with a customer-managed key and accepting only TLS
   */
  readonly alarmTopic?: sns.ITopic;

  /**
   * Alarm thresholds.
   *
   * @default - the defaults of each `DatabaseAlarmOptions` property
   */
  readonly alarmThresholds?: DatabaseAlarmOptions;

  /**
   * How often Enhanced Monitoring collects operating-system metrics: 1, 5, 10, 15, 30 or 60 seconds.
   *
   * @default Duration.seconds(60)
   */
  readonly monitoringInterval?: Duration;

  /**
   * How long Performance Insights keeps its data.
   *
   * @default rds.PerformanceInsightRetention.DEFAULT (7 days, free of charge)
   */
  readonly performanceInsightRetention?: rds.PerformanceInsightRetention;

  /**
   * The database logs to publish to CloudWatch Logs.
   *
   * @default - the engine's main logs: `postgresql` (and `upgrade` for RDS instances); `error`, `general`
   * and `slowquery` for MySQL (plus `audit` for Aurora MySQL); `agent` and `error` for SQL Server;
   * `alert`, `listener` and `trace` for Oracle
   */
  readonly cloudwatchLogsExports?: string[];

  /**
   * How long the exported logs are kept. Setting it adds CDK's log-retention function to the stack.
   *
   * @default - the logs never expire
   */
  readonly cloudwatchLogsRetention?: logs.RetentionDays;

  /**
   * The Regions that keep a copy of the database, each through a `ReplicatedDatabaseSecondary` in a stack
   * of that Region. An Aurora cluster becomes the primary of an Aurora global database (named
   * `globalClusterIdentifier`), without backtracking, which global databases do not support; a Multi-AZ DB
   * instance gets a cross-Region read replica and its automated backups replicated by each secondary.
   * The credentials secret is replicated to each Region, so that clients there can still connect after
   * a failover. A Multi-AZ DB cluster cannot be copied to another Region: choose another topology.
   *
   * @default - the database stays in its own Region
   */
  readonly secondaryRegions?: string[];

  /**
   * The identifier of the Aurora global database, when `secondaryRegions` are given: 1 to 63 letters,
   * digits and hyphens, starting with a letter, unique in the account.
   *
   * @default - derived from the construct path
   */
  readonly globalClusterIdentifier?: string;

  /**
   * Engine parameters to set, merged over the ones the construct sets (`rds.force_ssl` or
   * `require_secure_transport`, which make the server refuse unencrypted connections).
   *
   * @default - only the parameter that requires TLS
   */
  readonly parameters?: { [name: string]: string };
}
