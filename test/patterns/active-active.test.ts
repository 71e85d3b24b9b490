import { App, Duration, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { ActiveActive, ActiveActiveProps, ActiveActiveRouting, ServingRegion } from '../../src/patterns/active-active';
import { MultiAzWebTier, WebTierCompute } from '../../src/patterns/multi-az-web-tier';
import { errorOf } from '../helpers/apps';

const ACCOUNT = '123456789012';
const REGIONS = ['eu-west-1', 'eu-central-1', 'us-east-1'];
const CONTEXT = Object.fromEntries(REGIONS.map(r => [`availability-zones:account=${ACCOUNT}:region=${r}`, ['a', 'b', 'c'].map(z => `${r}${z}`)]));
const ZONE = { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'example.com' };
/** Strong cross-Region references, as the examples' cdk.json sets them, so that CDK's advice does not show among the warnings. */
const STRONG = { '@aws-cdk/core:defaultCrossStackReferences': 'strong' };

interface Setup {
  app: App;
  dns: Stack;
  tiers: MultiAzWebTier[];
  zone: route53.IHostedZone;
  table: dynamodb.TableV2;
}

/** Web tiers in the given Regions (each needing `needed[i]` tasks), a table in the first with replicas in `replicas`, a DNS stack in us-east-1. */
function setup(regions: string[], options: { needed?: number[]; maximum?: number[]; replicas?: string[] } = {}): Setup {
  const app = new App({ context: { ...CONTEXT, ...STRONG } });
  const tiers = regions.map((region, i) => {
    const stack = new Stack(app, `R${i + 1}`, { env: { account: ACCOUNT, region }, crossRegionReferences: true });
    return new MultiAzWebTier(stack, 'Web', {
      compute: WebTierCompute.fargate({ image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable') }),
      capacity: { needed: options.needed?.[i] ?? 2, maximum: options.maximum?.[i] },
    });
  });
  const table = new dynamodb.TableV2(Stack.of(tiers[0]), 'Table', {
    partitionKey: { name: 'pk', type: dynamodb.AttributeType.STRING },
    replicas: (options.replicas ?? regions.slice(1)).map(region => ({ region })),
  });
  const dns = new Stack(app, 'Dns', { env: { account: ACCOUNT, region: 'us-east-1' }, crossRegionReferences: true });
  const zone = route53.HostedZone.fromHostedZoneAttributes(dns, 'Zone', ZONE);
  return { app, dns, tiers, zone, table };
}

function site(s: Setup, props: Partial<ActiveActiveProps> = {}): ActiveActive {
  return new ActiveActive(s.dns, 'Site', { regions: s.tiers.map(t => ServingRegion.webTier(t)), hostedZone: s.zone, recordName: 'www', table: s.table, ...props });
}

describe('ActiveActive', () => {
  test('a latency record per Region, with its own health check, alias to the Region\'s load balancer', () => {
    const s = setup(['eu-west-1', 'eu-central-1']);
    const aa = site(s);
    const t = Template.fromStack(s.dns);
    t.resourceCountIs('AWS::Route53::RecordSet', 2);
    t.resourceCountIs('AWS::Route53::HealthCheck', 2);
    for (const [i, region] of ['eu-west-1', 'eu-central-1'].entries()) {
      t.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'www.example.com.',
        Type: 'A',
        Region: region,
        SetIdentifier: region,
        HealthCheckId: { Ref: Match.stringLikeRegexp(`^SiteHealthCheck${i + 1}`) },
        AliasTarget: Match.objectLike({ EvaluateTargetHealth: true }),
        Weight: Match.absent(),
      });
    }
    t.resourcePropertiesCountIs('AWS::Route53::HealthCheck', { HealthCheckConfig: { Type: 'HTTP', RequestInterval: 30, FailureThreshold: 3, ResourcePath: '/', Port: 80 } }, 2);
    expect(aa.regionNames).toEqual(['eu-west-1', 'eu-central-1']);
    expect(aa.estimatedFailoverTime.toSeconds()).toBe(150);
  });

  test('an alarm per Region on its health check, in us-east-1, notifying an encrypted topic', () => {
    const s = setup(['eu-west-1', 'eu-central-1']);
    const aa = site(s);
    const t = Template.fromStack(s.dns);
    t.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', {
      Namespace: 'AWS/Route53', MetricName: 'HealthCheckStatus', Threshold: 1, ComparisonOperator: 'LessThanThreshold', TreatMissingData: 'breaching',
    }, 2);
    t.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    expect(aa.alarms).toHaveLength(2);
  });

  test('weighted routing gives each Region its weight', () => {
    const s = setup(['eu-west-1', 'eu-central-1']);
    const [west, central] = s.tiers;
    site(s, { routing: ActiveActiveRouting.WEIGHTED, regions: [ServingRegion.webTier(west, { weight: 3 }), ServingRegion.webTier(central)] });
    const t = Template.fromStack(s.dns);
    t.hasResourceProperties('AWS::Route53::RecordSet', { SetIdentifier: 'eu-west-1', Weight: 3, Region: Match.absent() });
    t.hasResourceProperties('AWS::Route53::RecordSet', { SetIdentifier: 'eu-central-1', Weight: 1 });
  });

  test('Regions whose tiers cannot absorb a failed Region, or run other compute, are warned about', () => {
    const s = setup(['eu-west-1', 'eu-central-1'], { needed: [4, 2], maximum: [12, 3] });
    site(s);
    const warnings = Annotations.fromStack(s.dns).findWarning('*', Match.anyValue()).map(w => String(w.entry.data));
    expect(warnings).toEqual([expect.stringMatching(/^ActiveActive at 'Dns\/Site': when eu-west-1 fails, the other Regions can scale to 3 in all, below the 9 the Regions keep in service together.*regionCapacityDrift/)]);
  });

  test('matching tiers raise no warning', () => {
    const s = setup(['eu-west-1', 'eu-central-1']);
    site(s);
    expect(Annotations.fromStack(s.dns).findWarning('*', Match.anyValue())).toEqual([]);
  });
});

describe('ActiveActive: bad input', () => {
  test('one Region, a Region repeated and a table without a replica in a serving Region fail with one message naming the path', () => {
    const s = setup(['eu-west-1', 'eu-central-1'], { replicas: [] });
    const [west, central] = s.tiers.map(t => ServingRegion.webTier(t));
    const message = errorOf(() => site(s, { regions: [west, ServingRegion.webTier(s.tiers[0]), central] }));
    expect(message.split('\n')).toEqual([
      "ActiveActive at 'Dns/Site' has invalid props:",
      expect.stringMatching(/^ {2}- regions\[1\]: eu-west-1 is already served by regions\[0\]: two endpoints of one Region fail together/),
      "  - table: has no replica in eu-central-1, which serves clients: writes there would cross to another Region, and fail with it. Add { region: 'eu-central-1' } to the table's replicas.",
    ]);
    const single = setup(['eu-west-1']);
    expect(errorOf(() => site(single))).toContain('regions: one Region serves, so the loss of a Region is an outage. Give two or more Regions');
  });

  test('weights: only with weighted routing, from 0 to 255, not all 0; and the health check and TTL are checked', () => {
    let s = setup(['eu-west-1', 'eu-central-1']);
    expect(errorOf(() => site(s, { regions: [ServingRegion.webTier(s.tiers[0], { weight: 2 }), ServingRegion.webTier(s.tiers[1])] })))
      .toContain('regions[0].weight: is set, but latency routing sends each client to its nearest Region and ignores weights');
    s = setup(['eu-west-1', 'eu-central-1']);
    const message = errorOf(() => site(s, {
      routing: ActiveActiveRouting.WEIGHTED,
      regions: [ServingRegion.webTier(s.tiers[0], { weight: 300 }), ServingRegion.webTier(s.tiers[1], { weight: 1.5 })],
      healthCheck: { path: 'health', interval: Duration.seconds(20) },
      ttl: Duration.millis(1500),
      recordName: 'www.example.org',
    }));
    expect(message).toContain('regions[0].weight: 300 is outside 0-255');
    expect(message).toContain('regions[1].weight: 1.5 is not a whole number');
    expect(message).toContain("healthCheck.path: 'health' does not start with '/'");
    expect(message).toContain('healthCheck.interval: 20 seconds is not an interval Route 53 accepts');
    expect(message).toContain('ttl: 1.5 seconds is not a whole number of seconds');
    expect(message).toContain("recordName: 'www.example.org' is not in hosted zone example.com");
    s = setup(['eu-west-1', 'eu-central-1']);
    const zeros = s.tiers.map(t => ServingRegion.webTier(t, { weight: 0 }));
    const zero = errorOf(() => site(s, { routing: ActiveActiveRouting.WEIGHTED, regions: zeros }));
    expect(zero).toContain('regions: every Region has weight 0');
  });

  test('a hosted zone imported by ID only is refused: the records\' name needs its name', () => {
    const s = setup(['eu-west-1', 'eu-central-1']);
    const zone = route53.HostedZone.fromHostedZoneId(s.dns, 'ById', 'Z123');
    expect(errorOf(() => site(s, { hostedZone: zone })))
      .toContain("hostedZone: has no known zone name (it was imported by ID only), so the records' name cannot be formed");
  });

  test('a load balancer in a stack without a Region is refused', () => {
    const s = setup(['eu-west-1', 'eu-central-1']);
    const agnostic = new Stack(s.app, 'Agnostic');
    const tier = new MultiAzWebTier(agnostic, 'Web', { compute: WebTierCompute.fargate({ image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable') }), capacity: { needed: 2 } });
    Annotations.fromStack(agnostic);
    expect(errorOf(() => site(s, { regions: [ServingRegion.webTier(s.tiers[0]), ServingRegion.webTier(tier)], table: undefined })))
      .toContain("regions[1]: web tier 'Agnostic/Web' is in a stack without a Region, so latency records cannot name its Region");
  });
});
