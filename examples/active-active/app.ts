/**
 * Two Regions serving at once: a `MultiAzWebTier` in eu-west-1 and another in eu-central-1, both
 * reading and writing one DynamoDB global table (a `TableV2` with a replica in each Region), and in
 * us-east-1 an `ActiveActive` whose latency records send each client to its nearest healthy Region,
 * with a Route 53 health check and an alarm per Region. The cdk-ha checks apply to every stack and
 * find nothing to report; the three stacks are one workload that meets the business-critical objectives.
 * Two drills in Ireland prove it: the loss of a zone, and the loss of the Region's tier (DNS moves its clients).
 *
 * - Each Region needs 2 tasks at peak and runs 3 over three zones; either may scale to 6, what both
 *   keep in service together, so one Region carries every client when the other fails.
 * - The table replicates every write to the other Region within about a second (eventual consistency);
 *   with three Regions of one Region set, `multiRegionConsistency: STRONG` makes every read see every
 *   acknowledged write.
 *
 * The hosted zone must exist: `cdk synth -c hostedZoneId=Z... -c zoneName=example.com -c account=111111111111`.
 */
import { Annotations, App, CfnOutput, Stack, StackProps, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { Construct } from 'constructs';
import { HaChecks, ResilienceObjectives, ResiliencePreset } from '../../src';
import { ActiveActive, ServingRegion } from '../../src/patterns/active-active';
import { DrillScenario, FailoverDrill } from '../../src/patterns/drills';
import { MultiAzWebTier, WebTierCompute } from '../../src/patterns/multi-az-web-tier';

/** The existing public hosted zone of the site's domain. */
export interface SiteZone {
  readonly hostedZoneId: string;
  readonly zoneName: string;
}

export interface RegionStackProps extends StackProps {
  readonly zone: SiteZone;
  /** The Regions the table replicates to (the stack that creates it). */
  readonly tableReplicas?: string[];
  /** The table this Region reads its replica of (the other stacks). */
  readonly table?: dynamodb.TableV2;
}

/** One serving Region: its web tier, and the global table (created in the first Region, read through its replica elsewhere). */
export class RegionStack extends Stack {
  public readonly tier: MultiAzWebTier;
  public readonly table: dynamodb.TableV2;

  constructor(scope: Construct, id: string, props: RegionStackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    const zone = route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', props.zone);
    this.table = props.table ?? new dynamodb.TableV2(this, 'Sessions', {
      partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
      billing: dynamodb.Billing.onDemand(),
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      replicas: (props.tableReplicas ?? []).map(region => ({ region })),
    });
    const certificate = new acm.Certificate(this, 'Certificate', {
      domainName: `www.${props.zone.zoneName}`,
      validation: acm.CertificateValidation.fromDns(zone),
    });
    this.tier = new MultiAzWebTier(this, 'Web', {
      compute: WebTierCompute.fargate({
        image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
        environment: { TABLE_NAME: this.table.tableName },
      }),
      capacity: { needed: 2 },
      certificate,
    });
    // Each Region writes to its own replica.
    const local = props.table ? props.table.replica(this.region) : this.table;
    local.grantReadWriteData(this.tier);
    Validations.of(this.tier.taskDefinition!).acknowledge({ id: 'AwsSolutions-ECS2', reason: 'TABLE_NAME names the table; it is not a secret.' });
  }
}

export interface DnsStackProps extends StackProps {
  readonly zone: SiteZone;
  readonly regions: RegionStack[];
}

/** The DNS side, in us-east-1: a latency record, a health check and an alarm per Region. */
export class DnsStack extends Stack {
  public readonly site: ActiveActive;

  constructor(scope: Construct, id: string, props: DnsStackProps) {
    super(scope, id, { ...props, crossRegionReferences: true });
    this.site = new ActiveActive(this, 'Site', {
      regions: props.regions.map(r => ServingRegion.webTier(r.tier)),
      hostedZone: route53.HostedZone.fromHostedZoneAttributes(this, 'Zone', props.zone),
      recordName: 'www',
      healthCheck: { path: '/' },
      table: props.regions[0].table,
    });
    new CfnOutput(this, 'Url', { value: `https://${this.site.domainName}` });
    new CfnOutput(this, 'EstimatedFailoverSeconds', {
      value: String(this.site.estimatedFailoverTime.toSeconds()),
      description: 'Detection (interval × failure threshold) plus the 60 second TTL of the load balancers\' answers',
    });
  }
}

export interface ActiveActiveAppProps {
  readonly account: string;
  readonly zone: SiteZone;
}

/** Builds the example app: two serving Regions and the DNS side; the checks apply to every stack. */
export function buildActiveActiveApp(app: App, props: ActiveActiveAppProps) {
  const { account, zone } = props;
  const ireland = new RegionStack(app, 'Ireland', { env: { account, region: 'eu-west-1' }, zone, tableReplicas: ['eu-central-1'] });
  const frankfurt = new RegionStack(app, 'Frankfurt', { env: { account, region: 'eu-central-1' }, zone, table: ireland.table });
  const dns = new DnsStack(app, 'Dns', { env: { account, region: 'us-east-1' }, zone, regions: [ireland, frankfurt] });
  // Drills in Ireland (FIS acts in its own Region): a zone lost, and the whole Region's tier cut off, so
  // that the latency records send every client to Frankfurt.
  new FailoverDrill(ireland, 'ZoneDrill', { scenario: DrillScenario.webTierZoneLoss(ireland.tier) });
  const regionDrill = new FailoverDrill(ireland, 'RegionDrill', { scenario: DrillScenario.webTierLoss(ireland.tier) });
  Annotations.of(regionDrill).acknowledgeWarning('@cdk-ha/patterns:drillWithoutStopCondition',
    'The Region that takes over is Frankfurt, whose alarms FIS cannot read from Ireland; the tier is cut off for 10 minutes and comes back by itself.');
  ResilienceObjectives.declare(app, { preset: ResiliencePreset.BUSINESS_CRITICAL });
  const checks = HaChecks.applyTo(app);
  return { ireland, frankfurt, dns, checks };
}

if (require.main === module) {
  const app = new App();
  buildActiveActiveApp(app, {
    account: app.node.tryGetContext('account') ?? '123456789012',
    zone: {
      hostedZoneId: app.node.tryGetContext('hostedZoneId') ?? 'Z0123456789EXAMPLE',
      zoneName: app.node.tryGetContext('zoneName') ?? 'example.com',
    },
  });
  app.synth();
}
