import { Duration, RemovalPolicy, Token } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { defaultPort } from './engines';

/** Characters CDK leaves out of generated database passwords; rotation must leave out the same ones. */
export const PASSWORD_EXCLUDE_CHARS = " %+~`#$&*()|[]{}:;<>?!'/@\"\\";

/** The settings of an RDS Multi-AZ DB cluster (one writer and two readable standbys in three zones). */
export interface MultiAzDatabaseClusterProps {
  readonly engine: rds.IInstanceEngine;
  readonly instanceType: ec2.InstanceType;
  readonly allocatedStorage: number;
  readonly storageType: rds.StorageType;
  readonly iops?: number;
  readonly vpc: ec2.IVpc;
  readonly subnetGroup: rds.ISubnetGroup;
  readonly securityGroup: ec2.ISecurityGroup;
  readonly secret: secretsmanager.ISecret;
  readonly encryptionKey: kms.IKey;
  readonly backupRetention: Duration;
  readonly preferredBackupWindow?: string;
  readonly preferredMaintenanceWindow?: string;
  readonly databaseName?: string;
  readonly port?: number;
  readonly iamAuthentication: boolean;
  readonly cloudwatchLogsExports: string[];
  readonly cloudwatchLogsRetention?: logs.RetentionDays;
  readonly monitoringInterval: Duration;
  readonly monitoringRole: iam.IRole;
  readonly performanceInsightRetention: rds.PerformanceInsightRetention;
  readonly parameters: Record<string, string>;
}

/**
 * An RDS Multi-AZ DB cluster. aws-cdk-lib models only Aurora clusters, so this wraps the L1 in
 * `DatabaseClusterBase`: proxies, secret attachment, grants and metrics then work as for any cluster.
 */
export class MultiAzDatabaseCluster extends rds.DatabaseClusterBase {
  public readonly engine: rds.IClusterEngine;
  public readonly clusterIdentifier: string;
  public readonly clusterResourceIdentifier: string;
  /** RDS names the three instances itself; the template does not know them. */
  public readonly instanceIdentifiers: string[] = [];
  public readonly clusterEndpoint: rds.Endpoint;
  public readonly clusterReadEndpoint: rds.Endpoint;
  public readonly instanceEndpoints: rds.Endpoint[] = [];
  public readonly connections: ec2.Connections;
  public readonly secret: secretsmanager.ISecret;
  /** The L1 resource, for escape hatches. */
  public readonly resource: rds.CfnDBCluster;
  protected enableDataApi?: boolean = false;
  private readonly props: MultiAzDatabaseClusterProps;

  constructor(scope: Construct, id: string, props: MultiAzDatabaseClusterProps) {
    super(scope, id);
    this.props = props;
    this.engine = clusterEngineView(props.engine);
    const port = props.port ?? defaultPort(props.engine.engineType);

    const parameterGroup = Object.keys(props.parameters).length === 0 ? undefined
      : new rds.ParameterGroup(this, 'ParameterGroup', { engine: props.engine, parameters: props.parameters });

    this.resource = new rds.CfnDBCluster(this, 'Resource', {
      engine: props.engine.engineType,
      engineVersion: props.engine.engineVersion?.fullVersion,
      dbClusterInstanceClass: `db.${props.instanceType.toString()}`,
      allocatedStorage: props.allocatedStorage,
      storageType: props.storageType,
      iops: props.iops,
      dbSubnetGroupName: props.subnetGroup.subnetGroupName,
      vpcSecurityGroupIds: [props.securityGroup.securityGroupId],
      port,
      publiclyAccessible: false,
      masterUsername: props.secret.secretValueFromJson('username').unsafeUnwrap(),
      masterUserPassword: props.secret.secretValueFromJson('password').unsafeUnwrap(),
      databaseName: props.databaseName,
      storageEncrypted: true,
      kmsKeyId: props.encryptionKey.keyArn,
      backupRetentionPeriod: props.backupRetention.toDays(),
      preferredBackupWindow: props.preferredBackupWindow,
      preferredMaintenanceWindow: props.preferredMaintenanceWindow,
      copyTagsToSnapshot: true,
      deletionProtection: true,
      enableIamDatabaseAuthentication: props.iamAuthentication || undefined,
      enableCloudwatchLogsExports: props.cloudwatchLogsExports.length ? props.cloudwatchLogsExports : undefined,
      monitoringInterval: props.monitoringInterval.toSeconds(),
      monitoringRoleArn: props.monitoringRole.roleArn,
      performanceInsightsEnabled: true,
      performanceInsightsKmsKeyId: props.encryptionKey.keyArn,
      performanceInsightsRetentionPeriod: props.performanceInsightRetention,
      dbClusterParameterGroupName: parameterGroup?.bindToCluster({}).parameterGroupName,
      autoMinorVersionUpgrade: true,
    });
    this.resource.applyRemovalPolicy(RemovalPolicy.SNAPSHOT);

    this.clusterIdentifier = this.resource.ref;
    this.clusterResourceIdentifier = this.resource.attrDbClusterResourceId;
    const endpointPort = Token.asNumber(this.resource.attrEndpointPort);
    this.clusterEndpoint = new rds.Endpoint(this.resource.attrEndpointAddress, endpointPort);
    this.clusterReadEndpoint = new rds.Endpoint(this.resource.attrReadEndpointAddress, endpointPort);
    this.connections = new ec2.Connections({ securityGroups: [props.securityGroup], defaultPort: ec2.Port.tcp(port) });
    this.secret = props.secret.attach(this);

    if (props.cloudwatchLogsRetention !== undefined) {
      for (const log of props.cloudwatchLogsExports) {
        new logs.LogRetention(this, `LogRetention${log}`, {
          logGroupName: `/aws/rds/cluster/${this.clusterIdentifier}/${log}`,
          retention: props.cloudwatchLogsRetention,
        });
      }
    }
  }

  /** Rotates the master password on a schedule, as `DatabaseCluster.addRotationSingleUser` does. */
  public addRotationSingleUser(options: rds.RotationSingleUserOptions): secretsmanager.SecretRotation {
    return new secretsmanager.SecretRotation(this, 'RotationSingleUser', {
      ...options,
      excludeCharacters: options.excludeCharacters ?? PASSWORD_EXCLUDE_CHARS,
      application: this.props.engine.singleUserRotationApplication,
      secret: this.secret,
      target: this,
      vpc: this.props.vpc,
    });
  }
}

/**
 * A Multi-AZ DB cluster runs an instance engine (`postgres`, `mysql`); this presents it as a cluster
 * engine, which is what proxies and grants read (the engine family and the rotation applications).
 */
function clusterEngineView(engine: rds.IInstanceEngine): rds.IClusterEngine {
  return {
    engineType: engine.engineType,
    engineVersion: engine.engineVersion,
    parameterGroupFamily: engine.parameterGroupFamily,
    engineFamily: engine.engineFamily,
    defaultUsername: engine.defaultUsername,
    singleUserRotationApplication: engine.singleUserRotationApplication,
    multiUserRotationApplication: engine.multiUserRotationApplication,
    supportedLogTypes: [],
    bindToCluster: () => ({}),
  };
}
