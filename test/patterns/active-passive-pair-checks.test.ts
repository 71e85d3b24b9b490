import * as fs from 'fs';
import * as path from 'path';
import { App, Duration, Stack, Validations } from 'aws-cdk-lib';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as route53 from 'aws-cdk-lib/aws-route53';
import { AwsSolutionsChecks } from 'cdk-nag';
import { IConstruct } from 'constructs';
import { ActivePassivePair, FailoverEndpoint, StandbyMode } from '../../src/patterns/active-passive-pair';
import { MultiAzWebTier, WebTierCompute } from '../../src/patterns/multi-az-web-tier';
import { tempApp } from '../helpers/apps';
import { describeFromCdk, withCdkValidation } from '../helpers/cdk-version';
import { checkStack, summaryOf } from '../helpers/templates';

const ACCOUNT = '123456789012';
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1'];
const CONTEXT: Record<string, unknown> = {
  ...Object.fromEntries(REGIONS.map(r => [`availability-zones:account=${ACCOUNT}:region=${r}`, ['a', 'b', 'c'].map(z => `${r}${z}`)])),
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
};

function stackIn(app: App, id: string, region: string): Stack {
  return new Stack(app, id, { env: { account: ACCOUNT, region }, crossRegionReferences: true });
}

function webTier(stack: Stack, id: string, needed: number): MultiAzWebTier {
  return new MultiAzWebTier(stack, id, {
    compute: WebTierCompute.fargate({ image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable') }),
    capacity: { needed, maximum: 12 },
    certificate: acm.Certificate.fromCertificateArn(stack, `${id}Certificate`, `arn:aws:acm:${stack.region}:${ACCOUNT}:certificate/abc`),
  });
}

/** Two web tiers and their pair in one stack in us-east-1. */
function sameRegion(app: App): Stack[] {
  const stack = stackIn(app, 'Site', 'us-east-1');
  const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
  new ActivePassivePair(stack, 'Failover', {
    primary: FailoverEndpoint.webTier(webTier(stack, 'Blue', 4)),
    standby: FailoverEndpoint.webTier(webTier(stack, 'Green', 4)),
    hostedZone: zone,
    recordName: 'www',
    healthCheck: { path: '/health' },
  });
  return [stack];
}

/** A primary in eu-west-1, a warm standby in eu-central-1, the DNS side in us-east-1. */
function crossRegion(app: App): Stack[] {
  const primary = stackIn(app, 'Primary', 'eu-west-1');
  const standby = stackIn(app, 'Standby', 'eu-central-1');
  const dns = stackIn(app, 'Dns', 'us-east-1');
  new ActivePassivePair(dns, 'Failover', {
    primary: FailoverEndpoint.webTier(webTier(primary, 'Web', 4)),
    standby: FailoverEndpoint.webTier(webTier(standby, 'Web', 2)),
    hostedZone: new route53.PublicHostedZone(dns, 'Zone', { zoneName: 'example.com' }),
    recordName: 'www',
    healthCheck: { path: '/health', interval: Duration.seconds(10) },
    standbyMode: StandbyMode.WARM,
  });
  return [primary, standby, dns];
}

/** A pair of IP addresses and one of domain names, with their own zone, in one us-east-1 stack. */
function records(app: App): Stack[] {
  const stack = stackIn(app, 'Records', 'us-east-1');
  const zone = new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' });
  new ActivePassivePair(stack, 'Addresses', {
    primary: FailoverEndpoint.ipAddress('44.192.0.10'), standby: FailoverEndpoint.ipAddress('3.120.0.10'), hostedZone: zone, recordName: 'api',
  });
  new ActivePassivePair(stack, 'Names', {
    primary: FailoverEndpoint.domainName('eu.app.example.net'), standby: FailoverEndpoint.domainName('us.app.example.net'), hostedZone: zone, recordName: 'app',
  });
  return [stack];
}

const SETUPS: Array<[string, (app: App) => Stack[]]> = [
  ['a same-Region pair of web tiers', sameRegion],
  ['a cross-Region pair (primary, standby and DNS stacks)', crossRegion],
  ['pairs of IP addresses and of domain names', records],
];

describe('the pair passes the cdk-ha checks with zero findings', () => {
  test.each(SETUPS)('%s: every stack', (_name, build) => {
    const stacks = build(new App({ context: CONTEXT }));
    const findings = stacks.map(stack => ({ stack: stack.stackName, findings: summaryOf(checkStack(stack)) }));
    expect(findings).toEqual(stacks.map(stack => ({ stack: stack.stackName, findings: [] })));
  });

  test('an environment-agnostic DNS stack passes too (its alarms are created; deploy it to us-east-1)', () => {
    const stack = new Stack(new App(), 'Dns');
    new ActivePassivePair(stack, 'Failover', {
      primary: FailoverEndpoint.domainName('a.example.net'),
      standby: FailoverEndpoint.domainName('b.example.net'),
      hostedZone: new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' }),
      recordName: 'www',
    });
    expect(summaryOf(checkStack(stack))).toEqual([]);
  });

  test('outside us-east-1 the reviewer finds what the pair warns about: health checks without alarms', () => {
    const stack = stackIn(new App({ context: CONTEXT }), 'Dns', 'eu-west-1');
    const pair = new ActivePassivePair(stack, 'Failover', {
      primary: FailoverEndpoint.domainName('a.example.net'),
      standby: FailoverEndpoint.domainName('b.example.net'),
      hostedZone: new route53.PublicHostedZone(stack, 'Zone', { zoneName: 'example.com' }),
      recordName: 'www',
    });
    const id = (c: IConstruct) => stack.getLogicalId(c.node.defaultChild as any);
    expect(summaryOf(checkStack(stack))).toEqual([
      `HA-ALARM3 ${id(pair.primaryHealthCheck)} fail`,
      `HA-ALARM3 ${id(pair.standbyHealthCheck)} fail`,
    ].sort());
  });
});

/** Every acknowledgement recorded on a construct and below it. */
function acknowledgementsUnder(scope: IConstruct): string[] {
  return scope.node.findAll().flatMap(c => c.node.metadata
    .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY)
    .flatMap(m => Object.keys(m.data as Record<string, string>).map(id => `${c.node.path} ${id}`)));
}

describeFromCdk('2.258.0', 'the construct tree on the validation context', 'cdk-nag AwsSolutions', () => {
  test.each(SETUPS)('%s: no unacknowledged finding', (_name, build) => {
    const app = new App({ context: CONTEXT });
    build(app);
    const nag = new AwsSolutionsChecks(app);
    Validations.of(app).addPlugins(nag);
    expect(nag.validateScope(app).violations.map(v => `${v.ruleName} ${v.violatingResources.map(r => r.constructPath).join(', ')}`)).toEqual([]);
    expect(() => app.synth()).not.toThrow();
  });

  test('the pair itself acknowledges nothing (the web tiers acknowledge their own findings, with reasons)', () => {
    const app = new App({ context: CONTEXT });
    const stacks = [...crossRegion(app), ...sameRegion(app), ...records(app)];
    const pairs = stacks.flatMap(s => s.node.children.filter((c): c is ActivePassivePair => c instanceof ActivePassivePair));
    expect(pairs).toHaveLength(4);
    for (const pair of pairs) expect(acknowledgementsUnder(pair)).toEqual([]);
  });
});

describeFromCdk('2.262.0', 'the built-in CloudFormation validator', 'CloudFormation validation with the default rules', () => {
  withCdkValidation();

  test('the same-Region pair, the cross-Region pair and the record pairs synthesize without a finding, not even a warning', () => {
    const { app, outdir, cleanup } = tempApp({ context: { ...CONTEXT, '@aws-cdk/core:validateAgainstDefaultRules': true } });
    try {
      sameRegion(app);
      crossRegion(app);
      records(app);
      expect(() => app.synth()).not.toThrow();
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'validation-report.json'), 'utf-8'));
      expect(report.pluginReports.flatMap((r: any) => r.violations ?? [])).toEqual([]);
    } finally {
      cleanup();
    }
  }, 180_000);
});
