import { App, CfnParameter, Annotations as CoreAnnotations, Duration, Stack, Token } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecs from 'aws-cdk-lib/aws-ecs';
import * as elbv2 from 'aws-cdk-lib/aws-elasticloadbalancingv2';
import * as route53 from 'aws-cdk-lib/aws-route53';
import * as sns from 'aws-cdk-lib/aws-sns';
import {
  ActivePassivePair, ActivePassivePairProps, FailoverEndpoint, FailoverHealthCheckProtocol, StandbyMode,
} from '../../src/patterns/active-passive-pair';
import { MultiAzWebTier, WebTierCompute } from '../../src/patterns/multi-az-web-tier';

const ACCOUNT = '123456789012';
const REGIONS = ['us-east-1', 'eu-west-1', 'eu-central-1'];
const CONTEXT: Record<string, unknown> = {
  ...Object.fromEntries(REGIONS.map(r => [`availability-zones:account=${ACCOUNT}:region=${r}`, ['a', 'b', 'c'].map(z => `${r}${z}`)])),
  // Cross-Region references stay strong (the writer protects the producer); saying so silences CDK's advice.
  '@aws-cdk/core:defaultCrossStackReferences': 'strong',
};

function stackIn(app: App, id: string, region: string): Stack {
  return new Stack(app, id, { env: { account: ACCOUNT, region }, crossRegionReferences: true });
}

/** How a test web tier is built. */
interface TierOptions {
  readonly fargate?: boolean;
  readonly instanceType?: string;
  readonly cpu?: number;
  readonly memoryLimitMiB?: number;
  readonly arm?: boolean;
  readonly needed?: number;
  readonly maximum?: number;
  readonly https?: boolean;
}

function webTier(stack: Stack, id: string, o: TierOptions = {}): MultiAzWebTier {
  const compute = o.fargate
    ? WebTierCompute.fargate({
      image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable'),
      cpu: o.cpu,
      memoryLimitMiB: o.memoryLimitMiB,
      cpuArchitecture: o.arm ? ecs.CpuArchitecture.ARM64 : undefined,
    })
    : WebTierCompute.autoScaling({
      instanceType: new ec2.InstanceType(o.instanceType ?? 't3.small'),
      machineImage: ec2.MachineImage.latestAmazonLinux2023(),
      additionalInstanceTypes: [],
    });
  return new MultiAzWebTier(stack, id, {
    compute,
    capacity: { needed: o.needed ?? 4, maximum: o.maximum },
    certificate: o.https === false ? undefined
      : acm.Certificate.fromCertificateArn(stack, `${id}Certificate`, `arn:aws:acm:${stack.region}:${ACCOUNT}:certificate/abc`),
  });
}

function zoneIn(stack: Stack): route53.IHostedZone {
  return route53.HostedZone.fromHostedZoneAttributes(stack, 'Zone', { hostedZoneId: 'Z0123456789ABCDEFGHIJ', zoneName: 'example.com' });
}

function pairIn(stack: Stack, props: Omit<ActivePassivePairProps, 'hostedZone'> & { hostedZone?: route53.IHostedZone }): ActivePassivePair {
  return new ActivePassivePair(stack, 'Site', { hostedZone: props.hostedZone ?? zoneIn(stack), recordName: 'www', ...props });
}

function warningIds(stack: Stack): string[] {
  return Annotations.fromStack(stack).findWarning('*', Match.anyValue())
    .map(w => String(w.entry.data).match(/\[ack: ([^\]]+)\]/)?.[1] ?? String(w.entry.data)).sort();
}

function warningOf(stack: Stack, id: string): string {
  const found = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp(`\\[ack: ${id}\\]`));
  expect(found).toHaveLength(1);
  return String(found[0].entry.data).replace(/ \[ack: [^\]]+\]$/, '');
}

/** The resources of one type, keyed by logical ID. */
function resourcesOf(template: Template, type: string): Record<string, any> {
  return template.findResources(type);
}

function recordWith(template: Template, failover: 'PRIMARY' | 'SECONDARY'): any {
  const records = Object.values(template.findResources('AWS::Route53::RecordSet', { Properties: { Failover: failover } }));
  expect(records).toHaveLength(1);
  return records[0].Properties;
}

describe('a same-Region pair of web tiers', () => {
  const app = new App({ context: CONTEXT });
  const stack = stackIn(app, 'Site', 'us-east-1');
  const primary = webTier(stack, 'Blue');
  const standby = webTier(stack, 'Green');
  const pair = pairIn(stack, {
    primary: FailoverEndpoint.webTier(primary),
    standby: FailoverEndpoint.webTier(standby),
    healthCheck: { path: '/health' },
  });
  const template = Template.fromStack(stack);
  const ref = (construct: { node: { defaultChild?: unknown } }) => ({ Ref: stack.getLogicalId(construct.node.defaultChild as any) });
  const dnsName = (tier: MultiAzWebTier) => stack.resolve(tier.loadBalancer.loadBalancerDnsName);

  test('checks both load balancers over HTTPS on the given path, every 30 seconds, unhealthy after 3 failures', () => {
    const checks = resourcesOf(template, 'AWS::Route53::HealthCheck');
    expect(Object.keys(checks)).toHaveLength(2);
    for (const [tier, healthCheck, role] of [[primary, pair.primaryHealthCheck, 'primary'], [standby, pair.standbyHealthCheck, 'standby']] as const) {
      expect(checks[stack.getLogicalId(healthCheck.node.defaultChild as any)].Properties).toEqual({
        HealthCheckConfig: {
          Type: 'HTTPS',
          FullyQualifiedDomainName: dnsName(tier),
          Port: 443,
          ResourcePath: '/health',
          RequestInterval: 30,
          FailureThreshold: 3,
          EnableSNI: true,
          Inverted: false,
          MeasureLatency: false,
        },
        HealthCheckTags: [{ Key: 'Name', Value: `www.example.com ${role}` }],
      });
    }
  });

  test('answers www.example.com with a PRIMARY and a SECONDARY alias record that evaluate target health and carry the health checks', () => {
    template.resourceCountIs('AWS::Route53::RecordSet', 2);
    for (const [tier, healthCheck, failover] of [[primary, pair.primaryHealthCheck, 'PRIMARY'], [standby, pair.standbyHealthCheck, 'SECONDARY']] as const) {
      const record = recordWith(template, failover);
      expect(record).toEqual({
        Name: 'www.example.com.',
        Type: 'A',
        HostedZoneId: 'Z0123456789ABCDEFGHIJ',
        Failover: failover,
        SetIdentifier: failover.toLowerCase(),
        HealthCheckId: ref(healthCheck),
        AliasTarget: {
          DNSName: { 'Fn::Join': ['', ['dualstack.', dnsName(tier)]] },
          HostedZoneId: stack.resolve(tier.loadBalancer.loadBalancerCanonicalHostedZoneId),
          EvaluateTargetHealth: true,
        },
        Comment: `${failover === 'PRIMARY' ? 'Primary' : 'Secondary'} of Site/Site: web tier 'Site/${failover === 'PRIMARY' ? 'Blue' : 'Green'}'`,
      });
      // An alias takes the load balancer's TTL.
      expect(record.TTL).toBeUndefined();
    }
    expect(pair.domainName).toBe('www.example.com');
  });

  test('alarms when either health check fails, notifying a new encrypted topic on ALARM and OK', () => {
    expect(pair.alarms).toHaveLength(2);
    const topic = ref(pair.alarmTopic as sns.Topic);
    for (const [healthCheck, alarm, says] of [
      [pair.primaryHealthCheck, 'PrimaryUnhealthyAlarm', 'DNS now answers with the standby'],
      [pair.standbyHealthCheck, 'SecondaryUnhealthyAlarm', 'there is nothing to fail over to'],
    ] as const) {
      const props = template.findResources('AWS::CloudWatch::Alarm')[stack.getLogicalId(pair.node.findChild(alarm).node.defaultChild as any)].Properties;
      expect(props).toEqual(expect.objectContaining({
        Namespace: 'AWS/Route53',
        MetricName: 'HealthCheckStatus',
        Dimensions: [{ Name: 'HealthCheckId', Value: ref(healthCheck) }],
        Statistic: 'Minimum',
        Period: 60,
        Threshold: 1,
        ComparisonOperator: 'LessThanThreshold',
        EvaluationPeriods: 1,
        TreatMissingData: 'breaching',
        AlarmActions: [topic],
        OKActions: [topic],
      }));
      expect(props.AlarmDescription).toContain(says);
    }
    template.hasResourceProperties('AWS::SNS::Topic', { KmsMasterKeyId: Match.anyValue() });
    template.hasResourceProperties('AWS::KMS::Key', { EnableKeyRotation: true });
  });

  test('estimates the failover: 30 s × 3 to detect, plus the 60 s TTL of the load balancer\'s answers', () => {
    expect(pair.failoverDetectionTime.toSeconds()).toBe(90);
    expect(pair.estimatedFailoverTime.toSeconds()).toBe(150);
    expect(pair.standbyMode).toBe(StandbyMode.HOT);
  });

  test('two identical tiers in a hot standby raise no warning', () => {
    expect(warningIds(stack)).toEqual([]);
  });

  test('notifies a given topic and creates none', () => {
    const other = stackIn(new App({ context: CONTEXT }), 'Other', 'us-east-1');
    const topic = sns.Topic.fromTopicArn(other, 'Ops', `arn:aws:sns:us-east-1:${ACCOUNT}:ops`);
    const p = pairIn(other, { primary: FailoverEndpoint.domainName('a.example.net'), standby: FailoverEndpoint.domainName('b.example.net'), alarmTopic: topic });
    const t = Template.fromStack(other);
    t.resourceCountIs('AWS::SNS::Topic', 0);
    t.resourceCountIs('AWS::KMS::Key', 0);
    expect(p.alarmTopic).toBe(topic);
    t.resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { AlarmActions: [topic.topicArn], OKActions: [topic.topicArn] }, 2);
  });
});

describe('a cross-Region pair: tiers in eu-west-1 and eu-central-1, the DNS side in us-east-1', () => {
  const app = new App({ context: CONTEXT });
  const primaryStack = stackIn(app, 'Primary', 'eu-west-1');
  const standbyStack = stackIn(app, 'Standby', 'eu-central-1');
  const dns = stackIn(app, 'Dns', 'us-east-1');
  const zone = new route53.PublicHostedZone(dns, 'Zone', { zoneName: 'example.com' });
  const primary = webTier(primaryStack, 'Web');
  const standby = webTier(standbyStack, 'Web', { needed: 2, maximum: 12 });
  const pair = new ActivePassivePair(dns, 'Site', {
    primary: FailoverEndpoint.webTier(primary),
    standby: FailoverEndpoint.webTier(standby),
    hostedZone: zone,
    recordName: 'www.example.com',
    healthCheck: { path: '/health', interval: Duration.seconds(10), failureThreshold: 2 },
    standbyMode: StandbyMode.WARM,
  });
  const template = Template.fromStack(dns);
  /** The value the DNS stack reads from the export of another Region's stack. */
  const imported = (producer: string, attribute: string) => ({
    'Fn::GetAtt': ['ExportsReader8B249524', Match.stringLikeRegexp(`^/cdk/exports/Dns/${producer}.*FnGetAttWebLoadBalancer.*${attribute}`)],
  });

  test('the DNS stack checks each tier\'s load balancer through cross-Region references, every 10 seconds', () => {
    template.resourceCountIs('AWS::Route53::HealthCheck', 2);
    for (const producer of ['Primaryeuwest1', 'Standbyeucentral1']) {
      template.hasResourceProperties('AWS::Route53::HealthCheck', {
        HealthCheckConfig: {
          Type: 'HTTPS',
          Port: 443,
          ResourcePath: '/health',
          RequestInterval: 10,
          FailureThreshold: 2,
          FullyQualifiedDomainName: imported(producer, 'DNSName'),
        },
      });
    }
    template.hasResourceProperties('Custom::CrossRegionExportReader', { ReaderProps: { region: 'us-east-1', prefix: 'Dns' } });
  });

  test('the records alias the load balancers of both Regions, with target health evaluated', () => {
    for (const [failover, producer] of [['PRIMARY', 'Primaryeuwest1'], ['SECONDARY', 'Standbyeucentral1']] as const) {
      template.hasResourceProperties('AWS::Route53::RecordSet', {
        Name: 'www.example.com.',
        Type: 'A',
        Failover: failover,
        HostedZoneId: { Ref: Match.stringLikeRegexp('^Zone') },
        HealthCheckId: { Ref: Match.stringLikeRegexp(failover === 'PRIMARY' ? '^SitePrimaryHealthCheck' : '^SiteSecondaryHealthCheck') },
        AliasTarget: {
          DNSName: { 'Fn::Join': ['', ['dualstack.', imported(producer, 'DNSName')]] },
          HostedZoneId: imported(producer, 'CanonicalHostedZoneID'),
          EvaluateTargetHealth: true,
        },
      });
    }
  });

  test('each tier\'s stack writes its load balancer\'s attributes for the us-east-1 stack to read', () => {
    for (const producer of [primaryStack, standbyStack]) {
      Template.fromStack(producer).hasResourceProperties('Custom::CrossRegionExportWriter', {
        WriterProps: { region: 'us-east-1', exports: Match.objectLike({}) },
      });
    }
  });

  test('the alarms and their topic live in the us-east-1 stack, where Route 53 publishes the health checks\' metrics', () => {
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    template.resourceCountIs('AWS::SNS::Topic', 1);
    for (const producer of [primaryStack, standbyStack]) {
      Template.fromStack(producer).resourcePropertiesCountIs('AWS::CloudWatch::Alarm', { Namespace: 'AWS/Route53' }, 0);
    }
    expect(warningIds(dns)).toEqual([]);
  });

  test('estimates the failover with the fast interval: 10 s × 2 + 60 s', () => {
    expect(pair.failoverDetectionTime.toSeconds()).toBe(20);
    expect(pair.estimatedFailoverTime.toSeconds()).toBe(80);
  });

  test('a warm standby with less capacity but the same maximum and instance type raises no warning', () => {
    expect(standby.minimumCapacity).toBeLessThan(primary.minimumCapacity);
    expect(standby.maximumCapacity).toBe(primary.maximumCapacity);
    expect(warningIds(dns)).toEqual([]);
  });
});

describe('endpoints', () => {
  const newStack = (region = 'us-east-1') => stackIn(new App({ context: CONTEXT }), 'Dns', region);

  test('domain names: CNAME records with a 60 second TTL, health checks on the names', () => {
    const stack = newStack();
    const pair = pairIn(stack, { primary: FailoverEndpoint.domainName('eu.app.example.net'), standby: FailoverEndpoint.domainName('us.app.example.net') });
    const template = Template.fromStack(stack);
    for (const [failover, name] of [['PRIMARY', 'eu.app.example.net'], ['SECONDARY', 'us.app.example.net']] as const) {
      const record = recordWith(template, failover);
      expect(record).toEqual(expect.objectContaining({ Name: 'www.example.com.', Type: 'CNAME', TTL: '60', ResourceRecords: [name] }));
      expect(record.AliasTarget).toBeUndefined();
      template.hasResourceProperties('AWS::Route53::HealthCheck', {
        HealthCheckConfig: { Type: 'HTTPS', FullyQualifiedDomainName: name, Port: 443, ResourcePath: '/', IPAddress: Match.absent() },
      });
    }
    expect(pair.estimatedFailoverTime.toSeconds()).toBe(90 + 60);
  });

  test('IPv4 addresses: A records with the given TTL, health checks on the addresses with the record name as Host', () => {
    const stack = newStack();
    const pair = pairIn(stack, {
      primary: FailoverEndpoint.ipAddress('44.192.0.10'),
      standby: FailoverEndpoint.ipAddress('3.120.0.10'),
      ttl: Duration.seconds(20),
      healthCheck: { protocol: FailoverHealthCheckProtocol.HTTP, port: 8080, path: '/ping' },
    });
    const template = Template.fromStack(stack);
    expect(recordWith(template, 'PRIMARY')).toEqual(expect.objectContaining({ Type: 'A', TTL: '20', ResourceRecords: ['44.192.0.10'] }));
    expect(recordWith(template, 'SECONDARY')).toEqual(expect.objectContaining({ Type: 'A', TTL: '20', ResourceRecords: ['3.120.0.10'] }));
    template.hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckConfig: { Type: 'HTTP', IPAddress: '44.192.0.10', FullyQualifiedDomainName: 'www.example.com', Port: 8080, ResourcePath: '/ping', EnableSNI: Match.absent() },
    });
    expect(pair.estimatedFailoverTime.toSeconds()).toBe(90 + 20);
  });

  test('IPv6 addresses: AAAA records', () => {
    const stack = newStack();
    pairIn(stack, { primary: FailoverEndpoint.ipAddress('2600:1f18::10'), standby: FailoverEndpoint.ipAddress('2a05:d014::10') });
    const template = Template.fromStack(stack);
    expect(recordWith(template, 'PRIMARY')).toEqual(expect.objectContaining({ Type: 'AAAA', TTL: '60', ResourceRecords: ['2600:1f18::10'] }));
    expect(recordWith(template, 'SECONDARY')).toEqual(expect.objectContaining({ Type: 'AAAA', ResourceRecords: ['2a05:d014::10'] }));
  });

  test('a load balancer primary and an IPv4 standby: both A records, the alias without a TTL', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: true });
    const pair = pairIn(stack, { primary: FailoverEndpoint.loadBalancer(lb), standby: FailoverEndpoint.ipAddress('44.192.0.10'), ttl: Duration.seconds(30) });
    const template = Template.fromStack(stack);
    const primary = recordWith(template, 'PRIMARY');
    expect(primary.AliasTarget.EvaluateTargetHealth).toBe(true);
    expect(primary.TTL).toBeUndefined();
    expect(recordWith(template, 'SECONDARY')).toEqual(expect.objectContaining({ Type: 'A', TTL: '30' }));
    template.hasResourceProperties('AWS::Route53::HealthCheck', {
      HealthCheckConfig: { Type: 'HTTPS', Port: 443, FullyQualifiedDomainName: stack.resolve(lb.loadBalancerDnsName) },
    });
    // The primary's answers are cached for the load balancer's 60 seconds, whatever the standby's TTL.
    expect(pair.estimatedFailoverTime.toSeconds()).toBe(90 + 60);
  });

  test('a web tier without a certificate is checked over HTTP on port 80', () => {
    const stack = newStack();
    pairIn(stack, { primary: FailoverEndpoint.webTier(webTier(stack, 'Blue', { https: false })), standby: FailoverEndpoint.webTier(webTier(stack, 'Green')) });
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::Route53::HealthCheck', { HealthCheckConfig: { Type: 'HTTP', Port: 80, ResourcePath: '/' } });
    template.hasResourceProperties('AWS::Route53::HealthCheck', { HealthCheckConfig: { Type: 'HTTPS', Port: 443, ResourcePath: '/' } });
  });

  test('TCP health checks open a connection to the given port and request no path', () => {
    const stack = newStack();
    pairIn(stack, {
      primary: FailoverEndpoint.domainName('a.example.net'),
      standby: FailoverEndpoint.domainName('b.example.net'),
      healthCheck: { protocol: FailoverHealthCheckProtocol.TCP, port: 5432 },
    });
    Template.fromStack(stack).resourcePropertiesCountIs('AWS::Route53::HealthCheck', {
      HealthCheckConfig: { Type: 'TCP', Port: 5432, ResourcePath: Match.absent(), EnableSNI: Match.absent() },
    }, 2);
  });

  test('the zone apex, given or by default', () => {
    for (const recordName of [undefined, 'example.com', 'example.com.']) {
      const stack = newStack();
      const pair = new ActivePassivePair(stack, 'Site', {
        primary: FailoverEndpoint.ipAddress('44.192.0.10'), standby: FailoverEndpoint.ipAddress('3.120.0.10'), hostedZone: zoneIn(stack), recordName,
      });
      expect(pair.domainName).toBe('example.com');
      expect(recordWith(Template.fromStack(stack), 'PRIMARY').Name).toBe('example.com.');
    }
  });
});

describe('where the alarms live', () => {
  test('in a stack outside us-east-1 there are no alarms and no topic, with an acknowledgeable warning that says where they belong', () => {
    const stack = stackIn(new App({ context: CONTEXT }), 'Dns', 'eu-west-1');
    const pair = pairIn(stack, { primary: FailoverEndpoint.domainName('a.example.net'), standby: FailoverEndpoint.domainName('b.example.net') });
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::CloudWatch::Alarm', 0);
    template.resourceCountIs('AWS::SNS::Topic', 0);
    template.resourceCountIs('AWS::Route53::HealthCheck', 2);
    template.resourceCountIs('AWS::Route53::RecordSet', 2);
    expect(pair.alarms).toEqual([]);
    expect(pair.alarmTopic).toBeUndefined();
    expect(warningOf(stack, '@cdk-ha/patterns:healthCheckAlarmsRegion')).toBe(
      "ActivePassivePair at 'Dns/Site': stack Dns is in eu-west-1, but Route 53 publishes health check metrics only in us-east-1, so no alarms on "
      + 'the health checks were created and no one is told when DNS fails over. Put the pair in a stack in us-east-1 (records and health checks '
      + 'are global; reference endpoints in other Regions with crossRegionReferences: true), or alarm on the HealthCheckStatus of '
      + 'primaryHealthCheck and standbyHealthCheck from a stack in us-east-1.');

    CoreAnnotations.of(pair).acknowledgeWarning('@cdk-ha/patterns:healthCheckAlarmsRegion', 'Alarmed from the monitoring account');
    expect(warningIds(stack)).toEqual([]);
  });

  test('an environment-agnostic stack gets the alarms (deploy it to us-east-1)', () => {
    const stack = new Stack(new App(), 'Dns');
    const pair = pairIn(stack, { primary: FailoverEndpoint.domainName('a.example.net'), standby: FailoverEndpoint.domainName('b.example.net') });
    Template.fromStack(stack).resourceCountIs('AWS::CloudWatch::Alarm', 2);
    expect(pair.alarms).toHaveLength(2);
    expect(warningIds(stack)).toEqual([]);
  });
});

describe('standby modes: comparing two web tiers', () => {
  /** The drift warnings of a pair of tiers, by ID, with their messages. */
  function drift(mode: StandbyMode | undefined, primary: TierOptions, standby: TierOptions, acknowledge: string[] = []): Record<string, string> {
    const stack = stackIn(new App({ context: CONTEXT }), 'Site', 'us-east-1');
    const pair = pairIn(stack, {
      primary: FailoverEndpoint.webTier(webTier(stack, 'Blue', primary)),
      standby: FailoverEndpoint.webTier(webTier(stack, 'Green', standby)),
      standbyMode: mode,
    });
    for (const id of acknowledge) CoreAnnotations.of(pair).acknowledgeWarning(id, 'Accepted for this test');
    return Object.fromEntries(warningIds(stack).map(id => [id, warningOf(stack, id)]));
  }
  const prefix = (mode: string) => `ActivePassivePair at 'Site/Site' (StandbyMode.${mode}): `;

  test('HOT is the default and warns about a standby with less capacity', () => {
    expect(drift(undefined, { needed: 4 }, { needed: 2 })).toEqual({
      '@cdk-ha/patterns:standbyCapacityDrift': `${prefix('HOT')}the standby keeps 2 in service after losing an Availability Zone (a minimum of 3 over 3 zones) `
        + 'and the primary 4 (6 over 3 zones), but a hot standby must carry the primary\'s full load the moment DNS fails over. Give the standby '
        + 'the primary\'s capacity.needed, or choose StandbyMode.WARM. The standby scales to at most 6 and the primary to 12, so after a failover '
        + 'the standby cannot reach the primary\'s peak. Raise the standby\'s capacity.maximum to at least 12.',
    });
  });

  test('HOT warns about another instance type', () => {
    expect(drift(StandbyMode.HOT, { instanceType: 'm6i.large' }, { instanceType: 't3.small' })).toEqual({
      '@cdk-ha/patterns:standbyInstanceDrift': `${prefix('HOT')}the standby's EC2 instances are t3.small and the primary's m6i.large: both tiers count `
        + 'capacity in instances, so the same count on the standby does not carry the primary\'s load (a hot standby needs the same instance type). '
        + 'Use the same instance type in both tiers, or choose StandbyMode.PILOT_LIGHT.',
    });
  });

  test('HOT warns about another task size on Fargate', () => {
    expect(drift(StandbyMode.HOT, { fargate: true, cpu: 1024, memoryLimitMiB: 2048 }, { fargate: true })).toEqual({
      '@cdk-ha/patterns:standbyInstanceDrift': `${prefix('HOT')}the standby's Fargate tasks have 512 CPU units and 1024 MiB and the primary's `
        + '1024 CPU units and 2048 MiB: both tiers count capacity in tasks, so the same count on the standby does not carry the primary\'s load '
        + '(a hot standby needs the same task size). Use the same cpu and memoryLimitMiB in both tiers, or choose StandbyMode.PILOT_LIGHT.',
    });
  });

  test('every mode warns when one tier runs on EC2 and the other on Fargate', () => {
    for (const mode of [StandbyMode.HOT, StandbyMode.WARM, StandbyMode.PILOT_LIGHT]) {
      const found = drift(mode, {}, { fargate: true });
      expect(Object.keys(found)).toEqual(['@cdk-ha/patterns:standbyComputeDrift']);
      expect(found['@cdk-ha/patterns:standbyComputeDrift']).toBe(`${prefix(mode)}the primary runs on EC2 instances and the standby on Fargate tasks, `
        + 'so the standby is not a copy of the primary: after a failover, traffic goes to an application built and deployed another way that has '
        + `never served it (${mode === StandbyMode.PILOT_LIGHT ? 'a pilot light' : `a ${mode.toLowerCase()} standby`} needs the same compute). `
        + 'Build both web tiers with the same WebTierCompute choice.');
    }
  });

  test('WARM accepts less capacity but not a lower maximum or another instance type', () => {
    expect(drift(StandbyMode.WARM, { needed: 4 }, { needed: 2, maximum: 12 })).toEqual({});
    expect(drift(StandbyMode.WARM, { needed: 4 }, { needed: 2, instanceType: 't3.medium' })).toEqual({
      '@cdk-ha/patterns:standbyCapacityDrift': `${prefix('WARM')}the standby scales to at most 6 and the primary to 12, so after a failover `
        + 'the standby cannot reach the primary\'s peak. Raise the standby\'s capacity.maximum to at least 12.',
      '@cdk-ha/patterns:standbyInstanceDrift': `${prefix('WARM')}the standby's EC2 instances are t3.medium and the primary's t3.small: both tiers `
        + 'count capacity in instances, so the same count on the standby does not carry the primary\'s load (a warm standby needs the same '
        + 'instance type). Use the same instance type in both tiers.',
    });
  });

  test('PILOT_LIGHT accepts another size of the same architecture, but not another architecture or a maximum below the primary\'s load', () => {
    expect(drift(StandbyMode.PILOT_LIGHT, { instanceType: 'm6i.large', needed: 4 }, { instanceType: 't3.small', needed: 1, maximum: 4 })).toEqual({});
    expect(drift(StandbyMode.PILOT_LIGHT, { instanceType: 'm6i.large', needed: 6 }, { instanceType: 'm7g.large', needed: 1, maximum: 5 })).toEqual({
      '@cdk-ha/patterns:standbyCapacityDrift': `${prefix('PILOT_LIGHT')}the standby scales to at most 5, below the 6 the primary keeps in service `
        + 'after losing an Availability Zone, so lighting it up cannot reach the capacity the primary needs. Raise the standby\'s capacity.maximum '
        + 'to at least 6.',
      '@cdk-ha/patterns:standbyInstanceDrift': `${prefix('PILOT_LIGHT')}the standby's EC2 instances run on arm64 and the primary's on x86_64, `
        + 'so the primary\'s AMI does not run on the standby (a pilot light needs the same CPU architecture). Use instance types of the same '
        + 'architecture in both tiers.',
    });
    expect(Object.keys(drift(StandbyMode.PILOT_LIGHT, { fargate: true }, { fargate: true, arm: true }))).toEqual(['@cdk-ha/patterns:standbyInstanceDrift']);
  });

  test('acknowledging a drift warning removes it and leaves the others', () => {
    const found = drift(StandbyMode.HOT, { needed: 4 }, { needed: 2, instanceType: 't3.medium' }, ['@cdk-ha/patterns:standbyCapacityDrift']);
    expect(Object.keys(found)).toEqual(['@cdk-ha/patterns:standbyInstanceDrift']);
    expect(drift(StandbyMode.HOT, { needed: 4 }, { needed: 2, instanceType: 't3.medium' },
      ['@cdk-ha/patterns:standbyCapacityDrift', '@cdk-ha/patterns:standbyInstanceDrift'])).toEqual({});
  });

  test('only two web tiers are compared', () => {
    const stack = stackIn(new App({ context: CONTEXT }), 'Site', 'us-east-1');
    const tier = webTier(stack, 'Blue', { needed: 4 });
    pairIn(stack, { primary: FailoverEndpoint.webTier(tier), standby: FailoverEndpoint.ipAddress('44.192.0.10'), standbyMode: StandbyMode.HOT });
    expect(warningIds(stack)).toEqual([]);
  });
});

describe('bad input', () => {
  const header = "ActivePassivePair at 'Dns/Site' has invalid props:\n";
  const newStack = () => stackIn(new App({ context: CONTEXT }), 'Dns', 'us-east-1');
  const a = FailoverEndpoint.domainName('a.example.net');
  const b = FailoverEndpoint.domainName('b.example.net');

  function attempt(props: Partial<ActivePassivePairProps>, stack = newStack()): () => ActivePassivePair {
    return () => pairIn(stack, { primary: a, standby: b, ...props });
  }

  test.each<[string, Partial<ActivePassivePairProps>, string]>([
    ['the same domain name twice', { primary: FailoverEndpoint.domainName('A.example.net'), standby: FailoverEndpoint.domainName('a.example.net.') },
      '  - standby: is the same endpoint as primary (domain name A.example.net), so there is nothing to fail over to. Give another endpoint as standby: '
      + 'a load balancer or web tier (in another Region or stack), domain name or IP address.'],
    ['the same endpoint object twice', { primary: a, standby: a },
      '  - standby: is the same endpoint as primary (domain name a.example.net), so there is nothing to fail over to. Give another endpoint as standby: '
      + 'a load balancer or web tier (in another Region or stack), domain name or IP address.'],
    ['a path without a leading slash', { healthCheck: { path: 'health' } },
      "  - healthCheck.path: 'health' does not start with '/'. Start the path with '/', e.g. '/health'."],
    ['a path longer than Route 53 takes', { healthCheck: { path: `/${'a'.repeat(255)}` } },
      '  - healthCheck.path: has 256 characters, more than Route 53\'s 255. Use a path of at most 255 characters.'],
    ['an interval Route 53 does not accept', { healthCheck: { interval: Duration.seconds(20) } },
      '  - healthCheck.interval: 20 seconds is not an interval Route 53 accepts. Use Duration.seconds(30) (standard) or Duration.seconds(10) '
      + '(fast, at extra cost): Route 53 accepts no other.'],
    ['a failure threshold of 0', { healthCheck: { failureThreshold: 0 } },
      '  - healthCheck.failureThreshold: 0 is outside 1-10. Use 1 to 10 consecutive checks (3, the default, rides out a single lost request).'],
    ['a failure threshold of 11', { healthCheck: { failureThreshold: 11 } },
      '  - healthCheck.failureThreshold: 11 is outside 1-10. Use 1 to 10 consecutive checks (3, the default, rides out a single lost request).'],
    ['a failure threshold that is not whole', { healthCheck: { failureThreshold: 2.5 } },
      '  - healthCheck.failureThreshold: 2.5 is not a whole number. Use a whole number.'],
    ['a record name of another domain', { recordName: 'www.example.org' },
      "  - recordName: 'www.example.org' is not in hosted zone example.com. Give a name in the zone: a label relative to it ('www') or a fully "
      + "qualified name ending in example.com ('www.example.com')."],
    ['a fully qualified record name of another domain', { recordName: 'www.example.org.' },
      "  - recordName: 'www.example.org.' is not in hosted zone example.com. Give a name in the zone: a label relative to it ('www') or a fully "
      + "qualified name ending in example.com ('www.example.com')."],
    ['a record name that only ends like the zone', { recordName: 'www.notexample.com' },
      "  - recordName: 'www.notexample.com' is not in hosted zone example.com. Give a name in the zone: a label relative to it ('www') or a fully "
      + "qualified name ending in example.com ('www.example.com')."],
    ['a port out of range', { healthCheck: { port: 70000 } },
      '  - healthCheck.port: 70000 is outside 1-65535. Use the port the endpoints listen on, from 1 to 65535.'],
    ['a TCP check without a port', { healthCheck: { protocol: FailoverHealthCheckProtocol.TCP } },
      '  - healthCheck.port: is not set, and a TCP health check has no default port. Set healthCheck.port to the port the endpoints accept connections on.'],
    ['a TCP check with a path', { healthCheck: { protocol: FailoverHealthCheckProtocol.TCP, port: 443, path: '/health' } },
      '  - healthCheck.path: is set, but a TCP health check only opens a connection and requests no path. Remove healthCheck.path, '
      + 'or use FailoverHealthCheckProtocol.HTTPS or HTTP.'],
    ['a TTL that is not whole seconds', { ttl: Duration.millis(1500) },
      '  - ttl: 1.5 seconds is not a whole number of seconds from 0 to 2147483647. Use a short TTL such as Duration.seconds(60): clients keep using '
      + 'a failed primary for up to this long.'],
    ['a URL instead of a host name', { primary: FailoverEndpoint.domainName('https://a.example.net/') },
      "  - primary: 'https://a.example.net/' is not a host name. Give only the host name, without scheme, port or path, "
      + "e.g. FailoverEndpoint.domainName('standby.example.net')."],
    ['CNAME records at the zone apex', { recordName: 'example.com' },
      '  - recordName: the records would be CNAME records at the zone apex (example.com), which DNS does not allow. Give a name below the apex, '
      + "such as 'www', or endpoints with A records (load balancers, web tiers or IP addresses)."],
    ['a domain name and an IP address', { standby: FailoverEndpoint.ipAddress('44.192.0.10') },
      '  - standby: IP address 44.192.0.10 answers with an A record, but primary (domain name a.example.net) with a CNAME record, and Route 53 '
      + 'fails over only between records of the same name and type. Give two endpoints of the same kind: load balancers, web tiers and IPv4 '
      + 'addresses (A), IPv6 addresses (AAAA), or two domain names (CNAME).'],
    ['an IPv4 and an IPv6 address', { primary: FailoverEndpoint.ipAddress('44.192.0.10'), standby: FailoverEndpoint.ipAddress('2600:1f18::10') },
      '  - standby: IP address 2600:1f18::10 answers with an AAAA record, but primary (IP address 44.192.0.10) with an A record, and Route 53 '
      + 'fails over only between records of the same name and type. Give two endpoints of the same kind: load balancers, web tiers and IPv4 '
      + 'addresses (A), IPv6 addresses (AAAA), or two domain names (CNAME).'],
    ['something that is not an IP address', { primary: FailoverEndpoint.ipAddress('44.192.0.300'), standby: FailoverEndpoint.ipAddress('3.120.0.10') },
      "  - primary: '44.192.0.300' is not an IPv4 or IPv6 address. Give an address such as '44.192.0.10', or use FailoverEndpoint.domainName() for a host name."],
    ['a private IP address', { primary: FailoverEndpoint.ipAddress('44.192.0.10'), standby: FailoverEndpoint.ipAddress('10.0.1.20') },
      '  - standby: 10.0.1.20 is a private, loopback, link-local, documentation or otherwise non-routable address, which Route 53 health checkers '
      + 'on the internet cannot reach. Give the public address of the endpoint, such as an Elastic IP.'],
  ])('%s', (_name, props, message) => {
    expect(attempt(props)).toThrow(header + message);
  });

  test('the same load balancer given as a web tier and as a load balancer', () => {
    const stack = newStack();
    const tier = webTier(stack, 'Web');
    expect(attempt({ primary: FailoverEndpoint.webTier(tier), standby: FailoverEndpoint.loadBalancer(tier.loadBalancer) }, stack)).toThrow(
      `${header}  - standby: is the same endpoint as primary (web tier 'Dns/Web'), so there is nothing to fail over to. Give another endpoint as `
      + 'standby: a load balancer or web tier (in another Region or stack), domain name or IP address.');
  });

  test('an internal load balancer or web tier, which Route 53 health checkers cannot reach', () => {
    const stack = newStack();
    const vpc = new ec2.Vpc(stack, 'Vpc', { maxAzs: 2, natGateways: 0 });
    const lb = new elbv2.ApplicationLoadBalancer(stack, 'Lb', { vpc, internetFacing: false });
    const tier = new MultiAzWebTier(stack, 'Web', {
      compute: WebTierCompute.fargate({ image: ecs.ContainerImage.fromRegistry('public.ecr.aws/nginx/nginx:stable') }),
      capacity: { needed: 2 },
      internetFacing: false,
    });
    expect(attempt({ primary: FailoverEndpoint.webTier(tier), standby: FailoverEndpoint.loadBalancer(lb) }, stack)).toThrow(
      `${header}  - primary: web tier 'Dns/Web' is internal, and Route 53 health checkers, which are on the internet, cannot reach it, so its `
      + 'health check would never pass. Give a web tier with internetFacing: true (the default).\n'
      + "  - standby: load balancer 'Dns/Lb' is internal, and Route 53 health checkers, which are on the internet, cannot reach it, so its "
      + 'health check would never pass. Give an internet-facing load balancer (internetFacing: true).');
  });

  test('HTTPS checks of a web tier that serves HTTP only', () => {
    const stack = newStack();
    const http = webTier(stack, 'Blue', { https: false });
    const tls = webTier(stack, 'Green');
    const https = { protocol: FailoverHealthCheckProtocol.HTTPS };
    expect(attempt({ primary: FailoverEndpoint.webTier(tls), standby: FailoverEndpoint.webTier(http), healthCheck: https }, stack))
      .toThrow(`${header}  - healthCheck.protocol: is HTTPS, but web tier 'Dns/Blue' (standby) serves plain HTTP only (it has no certificate), `
        + 'so its health check would always fail. Give the tier a certificate, or leave healthCheck.protocol unset.');
  });

  test('a hosted zone imported by ID only', () => {
    const stack = newStack();
    expect(attempt({ hostedZone: route53.HostedZone.fromHostedZoneId(stack, 'ById', 'Z0123456789ABCDEFGHIJ') }, stack)).toThrow(
      `${header}  - hostedZone: has no known zone name (it was imported by ID only), so the records' name cannot be formed. Import the zone with `
      + 'route53.HostedZone.fromHostedZoneAttributes(this, id, { hostedZoneId, zoneName }).');
  });

  test('every problem is reported at once, and nothing is created', () => {
    const stack = newStack();
    expect(attempt({ recordName: 'www.example.org', healthCheck: { path: 'health', interval: Duration.minutes(1), failureThreshold: 20 } }, stack)).toThrow(
      `${header}  - healthCheck.path: 'health' does not start with '/'. Start the path with '/', e.g. '/health'.\n`
      + '  - healthCheck.interval: 1 minute is not an interval Route 53 accepts. Use Duration.seconds(30) (standard) or Duration.seconds(10) '
      + '(fast, at extra cost): Route 53 accepts no other.\n'
      + '  - healthCheck.failureThreshold: 20 is outside 1-10. Use 1 to 10 consecutive checks (3, the default, rides out a single lost request).\n'
      + "  - recordName: 'www.example.org' is not in hosted zone example.com. Give a name in the zone: a label relative to it ('www') or a fully "
      + "qualified name ending in example.com ('www.example.com').");
    expect(stack.node.tryFindChild('Site')?.node.children.length ?? 0).toBe(0);
  });

  test('tokens are not judged, and the estimate says what it could not count', () => {
    const stack = newStack();
    const param = (id: string, type = 'String') => new CfnParameter(stack, id, { type });
    const pair = pairIn(stack, {
      primary: FailoverEndpoint.ipAddress(param('PrimaryIp').valueAsString),
      standby: FailoverEndpoint.ipAddress(param('StandbyIp').valueAsString),
      recordName: param('Name').valueAsString,
      ttl: Duration.seconds(param('Ttl', 'Number').valueAsNumber),
      healthCheck: { path: param('Path').valueAsString, failureThreshold: param('Threshold', 'Number').valueAsNumber, port: param('Port', 'Number').valueAsNumber },
    });
    Template.fromStack(stack).resourceCountIs('AWS::Route53::RecordSet', 2);
    expect(pair.failoverDetectionTime.toSeconds()).toBe(30 * 10);
    expect(pair.estimatedFailoverTime.toSeconds()).toBe(300);
    expect(stack.resolve(pair.domainName)).toEqual({ 'Fn::Join': ['', [{ Ref: 'Name' }, '.example.com']] });
    Template.fromStack(stack).hasResourceProperties('AWS::Route53::RecordSet', {
      Name: { 'Fn::Join': ['', [{ Ref: 'Name' }, '.example.com.']] },
      Failover: 'PRIMARY',
    });
    expect(warningOf(stack, '@cdk-ha/patterns:failoverTimeUnresolved')).toBe(
      "ActivePassivePair at 'Dns/Site': healthCheck.failureThreshold (counted as 10), ttl (left out) are tokens, so estimatedFailoverTime "
      + '(300 seconds) is not exact. Use numbers and durations to get the estimate.');
    expect(() => pairIn(newStack(), { primary: FailoverEndpoint.domainName(Token.asString({ Ref: 'A' })), standby: FailoverEndpoint.domainName(Token.asString({ Ref: 'B' })) }))
      .not.toThrow();
  });
});
