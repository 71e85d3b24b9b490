/**
 * A highly available web application and its database: a `MultiAzWebTier` on Fargate in the private
 * subnets, let into a `ReplicatedDatabase` (an Aurora PostgreSQL cluster with a reader in a second
 * Availability Zone, behind an RDS Proxy) in the isolated subnets of a VPC that has a NAT gateway in
 * every zone, with the cdk-ha checks applied. `cdk synth` reports no findings.
 *
 * `cdk synth -c topology=multiAzInstance` (or `multiAzCluster`, with `-c account=... -c region=...`
 * for the three zones it needs) shows the other topologies.
 */
import { App, CfnOutput, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import { Construct } from 'constructs';
import { HaChecks } from '../../src';
import { MultiAzWebTier, WebTierCompute } from '../../src/patterns/multi-az-web-tier';
import { DatabaseTopology, ReplicatedDatabase } from '../../src/patterns/replicated-database';

export interface DatabaseStackProps extends StackProps {
  /** The database topology; an Aurora cluster by default. */
  readonly topology?: DatabaseTopology;
}

export class DatabaseStack extends Stack {
  public readonly vpc: ec2.Vpc;
  public readonly database: ReplicatedDatabase;
  public readonly webTier: MultiAzWebTier;

  constructor(scope: Construct, id: string, props: DatabaseStackProps = {}) {
    super(scope, id, props);

    // Public subnets for load balancers, private ones with a NAT gateway per zone for the application
    // (and the password rotation function), isolated ones for the database.
    this.vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 3,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    this.vpc.addFlowLog('FlowLog');

    this.database = new ReplicatedDatabase(this, 'Database', {
      vpc: this.vpc,
      topology: props.topology,
      databaseName: 'app',
    });

    // The web tier runs in the private subnets and reaches the database through its proxy; the
    // database lets the tier's tasks in through its connections, and nothing else.
    this.webTier = new MultiAzWebTier(this, 'Web', {
      vpc: this.vpc,
      compute: WebTierCompute.fargate({
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
        environment: { DB_HOST: this.database.endpoint.hostname, DB_PORT: String(this.database.endpoint.port) },
      }),
      capacity: { needed: 2 },
      computeSubnets: { subnetGroupName: 'app' },
      alarmTopic: this.database.alarmTopic,
    });
    this.database.connections.allowDefaultPortFrom(this.webTier);
    this.database.secret.grantRead(this.webTier);

    new CfnOutput(this, 'Endpoint', { value: this.database.endpoint.hostname, description: 'Read/write endpoint (the RDS Proxy)' });
    if (this.database.readerEndpoint) {
      new CfnOutput(this, 'ReaderEndpoint', { value: this.database.readerEndpoint.hostname, description: 'Read-only endpoint' });
    }
    new CfnOutput(this, 'SecretArn', { value: this.database.secret.secretArn, description: 'Credentials, rotated every 30 days' });
    new CfnOutput(this, 'EstimatedFailoverSeconds', { value: String(this.database.estimatedFailoverTime.toSeconds()) });
  }
}

/** The topology named on the command line (`-c topology=...`). */
export function topologyNamed(name: string | undefined): DatabaseTopology {
  switch (name) {
    case undefined:
    case 'auroraCluster': return DatabaseTopology.auroraCluster();
    case 'multiAzInstance': return DatabaseTopology.multiAzInstance();
    case 'multiAzCluster': return DatabaseTopology.multiAzCluster();
    default: throw new Error(`Unknown topology '${name}': use auroraCluster, multiAzInstance or multiAzCluster.`);
  }
}

/** Builds the example app: the web tier and its database in one stack; the checks apply to every stack in it. */
export function buildDatabaseApp(app: App, props: DatabaseStackProps = {}): { stack: DatabaseStack; checks: HaChecks } {
  const stack = new DatabaseStack(app, 'Database', props);
  const checks = HaChecks.applyTo(app);
  return { stack, checks };
}

if (require.main === module) {
  const app = new App();
  const account = app.node.tryGetContext('account');
  const region = app.node.tryGetContext('region');
  buildDatabaseApp(app, {
    topology: topologyNamed(app.node.tryGetContext('topology')),
    env: account && region ? { account, region } : undefined,
  });
  app.synth();
}
