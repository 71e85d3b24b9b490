import { Duration } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import type { DatabaseTopologyKind } from './topology';
import type { PropsValidator } from '../common/validate-props';

// The contract between ReplicatedDatabase and its topologies. Not part of the public API:
// index.ts does not export this module.

/** What every topology is built with: the resources the construct shares between them. */
export interface DatabaseBuildContext {
  readonly vpc: ec2.IVpc;
  readonly subnets: ec2.SubnetSelection;
  /** The zones of the selected subnets, in order; readers are placed round-robin. */
  readonly zones: string[];
  readonly subnetGroup: rds.ISubnetGroup;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly encryptionKey: kms.IKey;
  readonly secret: secretsmanager.ISecret;
  readonly monitoringRole: iam.IRole;
  readonly monitoringInterval: Duration;
  readonly performanceInsightRetention: rds.PerformanceInsightRetention;
  readonly backupRetention: Duration;
  readonly preferredBackupWindow?: string;
  readonly preferredMaintenanceWindow?: string;
  readonly databaseName?: string;
  readonly port?: number;
  readonly cloudwatchLogsExports: string[];
  readonly cloudwatchLogsRetention?: logs.RetentionDays;
  readonly parameters: Record<string, string>;
  /** True when secondaries in other Regions will copy the database (`secondaryRegions`). */
  readonly crossRegion: boolean;
}

/** What a topology's validation needs to know besides its own options. */
export interface TopologyValidationContext {
  /** True when secondaries in other Regions will copy the database (`secondaryRegions`). */
  readonly crossRegion: boolean;
}

/** One database instance (or a whole cluster) that gets its own set of alarms. */
export interface MonitoredTarget {
  /** Names the alarms: `Writer`, `Reader1`, `Instance`, `Cluster`. */
  readonly label: string;
  /** What the label means, for alarm descriptions. */
  readonly description: string;
  readonly dimensions: Record<string, string>;
  /** `FreeStorageSpace` (EBS-backed) or `FreeLocalStorage` (Aurora's local temporary storage). */
  readonly storageMetric: 'FreeStorageSpace' | 'FreeLocalStorage';
  /** The allocated storage in GiB, when known, for the default free-storage threshold. */
  readonly allocatedStorage?: number;
  /** Statistic that surfaces the worst member when the dimensions aggregate several instances. */
  readonly aggregated: boolean;
}

/** The metric that shows how far readers or standbys are behind the writer. */
export interface ReplicaLagMetric {
  readonly metricName: string;
  readonly dimensions: Record<string, string>;
  /** The unit CloudWatch reports the metric in. */
  readonly unit: 'Milliseconds' | 'Seconds';
  readonly defaultThreshold: Duration;
}

/** What a topology built. */
export interface BuiltDatabase {
  readonly cluster?: rds.IDatabaseCluster;
  readonly instance?: rds.DatabaseInstance;
  readonly connections: ec2.Connections;
  readonly writerEndpoint: rds.Endpoint;
  readonly readerEndpoint?: rds.Endpoint;
  /** The secret attached to the database, with its host and port. */
  readonly secret: secretsmanager.ISecret;
  readonly proxyTarget: rds.ProxyTarget;
  readonly eventSourceType: 'db-cluster' | 'db-instance';
  readonly eventSourceId: string;
  readonly monitored: MonitoredTarget[];
  readonly replicaLag?: ReplicaLagMetric;
  /** The resource that holds the port setting, for acknowledgements about it. */
  readonly portResource: Construct;
  /** Turns on rotation of the master password. */
  readonly addRotation: (options: rds.RotationSingleUserOptions) => void;
  /** The instance type of the writer (and readers, or standby). */
  readonly instanceType: ec2.InstanceType;
  /** The storage of a Multi-AZ DB instance, which its cross-Region read replica copies. */
  readonly storage?: InstanceStorage;
}

/** The storage of an RDS DB instance. */
export interface InstanceStorage {
  readonly allocatedStorage: number;
  readonly maxAllocatedStorage: number;
  readonly storageType: rds.StorageType;
}

/** What a `ReplicatedDatabaseSecondary` in another Region copies from its primary. */
export interface SecondarySource {
  readonly engine: rds.IEngine;
  readonly instanceType: ec2.InstanceType;
  /** The primary's Aurora cluster, for a global database. */
  readonly clusterArn?: string;
  /** The primary's Multi-AZ DB instance, for a cross-Region read replica. */
  readonly instanceArn?: string;
  /** The master credentials, replicated to each secondary Region. */
  readonly secret: secretsmanager.ISecret;
  readonly port?: number;
  readonly backupRetention: Duration;
  readonly preferredBackupWindow?: string;
  readonly preferredMaintenanceWindow?: string;
  readonly monitoringInterval: Duration;
  readonly performanceInsightRetention: rds.PerformanceInsightRetention;
  readonly cloudwatchLogsExports: string[];
  readonly parameters: Record<string, string>;
  readonly storage?: InstanceStorage;
}

/** What a topology does for the construct. */
export interface TopologyImpl {
  readonly kind: DatabaseTopologyKind;
  readonly engine: rds.IEngine;
  /** The typical failover time, from the AWS documentation. */
  readonly estimatedFailoverTime: Duration;
  /** The number of Availability Zones the subnets must span. */
  readonly minZones: number;
  /** Records the problems with the topology's options. */
  validate(v: PropsValidator, context: TopologyValidationContext): void;
  /** Creates the database under `scope`. */
  build(scope: Construct, context: DatabaseBuildContext): BuiltDatabase;
}
