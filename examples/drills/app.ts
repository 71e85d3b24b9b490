/**
 * Failover drills as code: a `MultiAzWebTier` on EC2 with zonal autoshift and a `ReplicatedDatabase`,
 * with two AWS FIS experiment templates that prove what the building blocks promise: the loss of an
 * Availability Zone (AWS's power interruption scenario over the tier and the database) and a failover
 * of the database. The workload declares its objectives; the assessment shows which drill exercises
 * each of them, and `cdk synth` reports no findings. Nothing runs at synth or deploy: start an
 * experiment with `aws fis start-experiment --experiment-template-id <id>`.
 *
 * `cdk synth -c monthly=true` adds a schedule that starts the zone drill on the first Tuesday of every
 * month at 10:00 UTC.
 */
import { App, Duration, Stack, StackProps } from 'aws-cdk-lib';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import { Construct } from 'constructs';
import { HaChecks, ResilienceObjectives } from '../../src';
import { DrillScenario, FailoverDrill } from '../../src/patterns/drills';
import { MultiAzWebTier, WebTierCompute } from '../../src/patterns/multi-az-web-tier';
import { ReplicatedDatabase } from '../../src/patterns/replicated-database';

export interface DrillsStackProps extends StackProps {
  /** Start the zone drill every month (a schedule); off by default. */
  readonly monthly?: boolean;
}

export class DrillsStack extends Stack {
  public readonly webTier: MultiAzWebTier;
  public readonly database: ReplicatedDatabase;
  public readonly zoneDrill: FailoverDrill;
  public readonly databaseDrill: FailoverDrill;

  constructor(scope: Construct, id: string, props: DrillsStackProps = {}) {
    super(scope, id, props);
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 3,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    vpc.addFlowLog('FlowLog');

    this.database = new ReplicatedDatabase(this, 'Database', { vpc, databaseName: 'app' });
    this.webTier = new MultiAzWebTier(this, 'Web', {
      vpc,
      compute: WebTierCompute.autoScaling({
        instanceType: new ec2.InstanceType('m7g.large'),
        machineImage: ec2.MachineImage.latestAmazonLinux2023({ cpuType: ec2.AmazonLinuxCpuType.ARM_64 }),
      }),
      capacity: { needed: 4 },
      computeSubnets: { subnetGroupName: 'app' },
      alarmTopic: this.database.alarmTopic,
      // AWS may shift traffic away from an impaired zone, and practises it every week.
      zonalAutoshift: true,
    });
    this.database.connections.allowDefaultPortFrom(this.webTier);

    // The first zone loses power for 30 minutes: the tier's instances there stop and cannot be
    // replaced there, the zone's subnets are cut off for 2 minutes, and the Aurora writer (placed
    // in the first zone) fails over to its reader.
    this.zoneDrill = new FailoverDrill(this, 'ZoneDrill', {
      scenario: DrillScenario.zonePowerInterruption({ webTiers: [this.webTier], databases: [this.database] }),
      schedule: props.monthly ? scheduler.ScheduleExpression.cron({ weekDay: 'TUE#1', hour: '10', minute: '0' }) : undefined,
    });
    // The writer's host fails: Aurora promotes the reader.
    this.databaseDrill = new FailoverDrill(this, 'DatabaseDrill', { scenario: DrillScenario.databaseFailover(this.database) });
  }
}

/** Builds the example app: the workload and its drills, its objectives, and the checks. */
export function buildDrillsApp(app: App, props: DrillsStackProps = {}): { stack: DrillsStack; checks: HaChecks } {
  const stack = new DrillsStack(app, 'Drills', { env: { account: '123456789012', region: 'eu-west-1' }, ...props });
  ResilienceObjectives.declare(app, {
    availabilityTarget: 99.9,
    instanceFailure: { rto: Duration.minutes(5), rpo: Duration.seconds(0) },
    zoneFailure: { rto: Duration.minutes(15), rpo: Duration.minutes(1) },
  });
  const checks = HaChecks.applyTo(app);
  return { stack, checks };
}

if (require.main === module) {
  const app = new App({ context: { 'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] } });
  buildDrillsApp(app, { monthly: app.node.tryGetContext('monthly') === 'true' });
  app.synth();
}
