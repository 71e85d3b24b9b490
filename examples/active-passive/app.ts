/**
 * Automated failover between Regions, data included: a primary `MultiAzWebTier` and its Aurora
 * `ReplicatedDatabase` in eu-west-1, a warm standby `MultiAzWebTier` and the database's
 * `ReplicatedDatabaseSecondary` (an Aurora global database secondary) in eu-central-1, and in
 * us-east-1 an `ActivePassivePair` whose Route 53 health checks, failover records and alarms send
 * www.<zone> to the standby when the primary fails, with a `RegionSwitchPlan` that then scales the
 * standby up and, once a person approves, switches the database over. The cdk-ha checks apply to
 * every stack and find nothing to report.
 *
 * - The DNS side lives in us-east-1, the only Region where Route 53 publishes health check metrics,
 *   so its alarms can watch the health checks. It reads each tier's load balancer through
 *   cross-Region references (`crossRegionReferences: true` on all three stacks).
 * - The standby is warm: it needs 2 tasks at peak where the primary needs 4, so it runs 3 tasks
 *   instead of 6, but it may scale to the primary's maximum of 12 after a failover. The pair checks
 *   that (`StandbyMode.WARM`) and would warn if the tiers drifted apart.
 * - Each tier serves HTTPS with its own ACM certificate for www.<zone>, validated in the hosted zone.
 * - Each Region's tier reads the database of its own Region: the writer in eu-west-1, the secondary
 *   cluster in eu-central-1, whose writer endpoint accepts writes once it is promoted.
 * - The three stacks are one workload, judged against the business-critical objectives: they are met.
 *   Without the secondary database (`secondaryDatabase: false`), the Region failure objectives are breached.
 * - Two drills in the primary Region prove it (AWS FIS experiment templates, started by hand): the
 *   loss of a zone (its tasks stop, its subnets are cut off, the Aurora writer fails over) and the loss
 *   of the primary (its load balancer's subnets are cut off for 10 minutes, and DNS fails over).
 *
 * The hosted zone must exist: `cdk synth -c hostedZoneId=Z... -c zoneName=example.com -c account=111111111111`.
 * Without them the app uses placeholders, and cdk.json holds the Availability Zones of the placeholder
 * account so that it synthesizes without credentials.
 */
import { Annotations, App, CfnOutput, Duration, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { HaChecks, ResilienceObjectives, ResiliencePreset } from '../../src';
import { ActivePassivePair, FailoverEndpoint, StandbyMode } from '../../src/patterns/active-passive-pair';
import { DrillScenario, FailoverDrill } from '../../src/patterns/drills';
import { MultiAzWebTier, WebTierCompute } from '../../src/patterns/multi-az-web-tier';
import { RegionSwitchPlan } from '../../src/patterns/region-switch';
import { ReplicatedDatabase, ReplicatedDatabaseSecondary } from '../../src/patterns/replicated-database';

/** The existing public hosted zone of the site's domain. */
export interface SiteZone {
  readonly hostedZoneId: string;
  readonly zoneName: string;
}

export interface WebTierStackProps extends StackProps {
  readonly zone: SiteZone;
  /** The tasks the application needs at peak in this Region. */
  readonly needed: number;
  /** The most tasks scaling may run; a warm standby may reach the primary's maximum. */
  readonly maximum?: number;
  /** The Regions that keep a copy of this Region's database (the primary Region's stack). */
  readonly secondaryRegions?: string[];
  /** The database this Region copies (the standby Region's stack). */
  readonly primaryDatabase?: ReplicatedDatabase;
}

/** One Region's web tier, serving https://www.<zone> with its own certificate, and its database or the copy of it. */
export class WebTierStack extends Stack {
  public readonly tier: MultiAzWebTier;
  /** The primary Region's database. */
  public readonly database?: ReplicatedDatabase;
  /** The standby Region's copy of it. */
  public readonly secondaryDatabase?: ReplicatedDatabaseSecondary;

  constructor(scope: Construct, id: string, props: WebTierStackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', props.zone);
    // Public subnets for the load balancer, private ones with a NAT gateway per zone for the tasks,
    // isolated ones for the database.
    const vpc = new ec2.Vpc(this, 'Vpc', {
      maxAzs: 3,
      subnetConfiguration: [
        { name: 'public', subnetType: ec2.SubnetType.PUBLIC, cidrMask: 24 },
        { name: 'app', subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS, cidrMask: 22 },
        { name: 'data', subnetType: ec2.SubnetType.PRIVATE_ISOLATED, cidrMask: 24 },
      ],
    });
    vpc.addFlowLog('FlowLog');
    let host: string | undefined;
    if (props.primaryDatabase) {
      this.secondaryDatabase = new ReplicatedDatabaseSecondary(this, 'Database', { primary: props.primaryDatabase, vpc });
      host = this.secondaryDatabase.writerEndpoint!.hostname;
    } else if (props.secondaryRegions) {
      this.database = new ReplicatedDatabase(this, 'Database', { vpc, databaseName: 'app', secondaryRegions: props.secondaryRegions });
      host = this.database.endpoint.hostname;
    }
    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: `www.${props.zone.zoneName}`,
      validation: acm.CertificateValidation.fromDns(zone),
    });
    this.tier = new MultiAzWebTier(this, 'Web', {
      vpc,
      computeSubnets: { subnetGroupName: 'app' },
      compute: WebTierCompute.fargate({
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
        environment: host ? { DB_HOST: host } : undefined,
      }),
      capacity: { needed: props.needed, maximum: props.maximum },
      certificate,
    });
    const db = this.database ?? this.secondaryDatabase;
    db?.connections.allowDefaultPortFrom(this.tier);
    db?.secret.grantRead(this.tier);
    Validations.of(this.tier.taskDefinition!).acknowledge({
      id: 'AwsSolutions-ECS2',
      reason: 'DB_HOST is the database endpoint, not a secret; the credentials come from Secrets Manager.',
    });
  }
}

export interface DnsStackProps extends StackProps {
  readonly zone: SiteZone;
  readonly primary: MultiAzWebTier;
  readonly standby: MultiAzWebTier;
  /** The standby Region's copy of the database, which the Region switch plan makes writable. */
  readonly standbyDatabase?: ReplicatedDatabaseSecondary;
}

/** The DNS side, in us-east-1: health checks, failover records and their alarms. */
export class DnsStack extends Stack {
  public readonly pair: ActivePassivePair;
  public readonly plan: RegionSwitchPlan;

  constructor(scope: Construct, id: string, props: DnsStackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    this.pair = new ActivePassivePair(this, 'Site', {
      primary: FailoverEndpoint.webTier(props.primary),
      standby: FailoverEndpoint.webTier(props.standby),
      hostedZone: route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', props.zone),
      recordName: 'www',
      // Fast checks: the primary is found unhealthy after 3 × 10 seconds.
      healthCheck: { path: '/', interval: Duration.seconds(10), failureThreshold: 3 },
      standbyMode: StandbyMode.WARM,
    });

    // Route 53 moves the traffic by itself; the plan brings the standby Region up behind it.
    this.plan = new RegionSwitchPlan(this, 'RegionSwitch', { pair: this.pair, database: props.standbyDatabase });

    new CfnOutput(this, 'Url', { value: `https://${this.pair.domainName}` });
    new CfnOutput(this, 'EstimatedFailoverSeconds', {
      value: String(this.pair.estimatedFailoverTime.toSeconds()),
      description: 'Detection (interval × failure threshold) plus the 60 second TTL of the load balancers\' answers; the warm standby then scales up',
    });
    new CfnOutput(this, 'AlarmTopic', { value: this.pair.alarmTopic!.topicArn, description: 'Subscribe to be told when either Region fails its health check' });
    new CfnOutput(this, 'RegionSwitchPlan', { value: this.plan.planArn, description: 'Started by the primary\'s health check alarm; approve its database step' });
  }
}

export interface ActivePassiveAppProps {
  /** The account of all three stacks. */
  readonly account: string;
  readonly zone: SiteZone;
  /** Build the standby Region's copy of the database. */
  readonly secondaryDatabase?: boolean;
}

/** Builds the example app: the primary, the warm standby and the DNS side; the checks apply to every stack. */
export function buildActivePassiveApp(app: App, props: ActivePassiveAppProps) {
  const { account, zone } = props;
  const primary = new WebTierStack(app, 'Primary', { env: { account, region: 'eu-west-1' }, zone, needed: 4, secondaryRegions: ['eu-central-1'] });
  // Half the primary's peak while it waits, but room to scale to the primary's maximum after a failover.
  const standby = new WebTierStack(app, 'Standby', {
    env: { account, region: 'eu-central-1' },
    zone,
    needed: 2,
    maximum: primary.tier.maximumCapacity,
    primaryDatabase: (props.secondaryDatabase ?? true) ? primary.database : undefined,
  });
  const dns = new DnsStack(app, 'Dns', {
    env: { account, region: 'us-east-1' },
    zone,
    primary: primary.tier,
    standby: standby.tier,
    standbyDatabase: standby.secondaryDatabase,
  });
  // Drills in the primary's Region, where FIS acts: a zone lost, and the whole primary lost.
  new FailoverDrill(primary, 'ZoneDrill', {
    scenario: DrillScenario.zonePowerInterruption({ webTiers: [primary.tier], databases: [primary.database!] }),
  });
  const regionDrill = new FailoverDrill(primary, 'RegionDrill', { scenario: DrillScenario.primaryEndpointLoss(dns.pair) });
  Annotations.of(regionDrill).acknowledgeWarning('@cdk-ha/patterns:drillWithoutStopCondition',
    'The alarm on the standby is in us-east-1, where Route 53 publishes health check metrics, and FIS reads alarms of its own Region only; '
    + 'the primary is cut off for 10 minutes and comes back by itself.');
  // The three stacks are one workload: a Region failure of the primary is survived through the standby.
  ResilienceObjectives.declare(app, { preset: ResiliencePreset.BUSINESS_CRITICAL });
  const checks = HaChecks.applyTo(app);
  return { primary, standby, dns, checks };
}

if (require.main === module) {
  const app = new App();
  buildActivePassiveApp(app, {
    account: app.node.tryGetContext('account') ?? '123456789012',
    zone: {
      hostedZoneId: app.node.tryGetContext('hostedZoneId') ?? 'Z0123456789EXAMPLE',
      zoneName: app.node.tryGetContext('zoneName') ?? 'example.com',
    },
  });
  app.synth();
}
