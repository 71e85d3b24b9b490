import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { buildActivePassiveApp } from '../../examples/active-passive/app';
import { StandbyMode } from '../../src/patterns/active-passive-pair';
import { withoutCredentials } from '../helpers/apps';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'active-passive');
/** The context of the example's cdk.json: Availability Zones of the placeholder account, strong cross-Region references. */
const CONTEXT = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'cdk.json'), 'utf-8')).context;
const ZONE = { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'example.com' };

describe('examples/active-passive', () => {
  test('a primary in eu-west-1, a warm standby in eu-central-1 and the DNS side in us-east-1, in which the checks find nothing', () => {
    const app = new App({ context: CONTEXT });
    const { primary, standby, dns, checks } = buildActivePassiveApp(app, { account: '123456789012', zone: ZONE });
    app.synth();
    expect(checks.findings.map(f => `${f.ruleId} ${f.constructPath} ${f.status}`)).toEqual([]);
    expect([primary, standby, dns].map(s => s.region)).toEqual(['eu-west-1', 'eu-central-1', 'us-east-1']);

    // The standby waits with half the primary's capacity and may scale to the primary's maximum.
    expect([primary.tier.minimumCapacity, primary.tier.maximumCapacity]).toEqual([6, 12]);
    expect([standby.tier.minimumCapacity, standby.tier.maximumCapacity]).toEqual([3, 12]);
    expect(dns.pair.standbyMode).toBe(StandbyMode.WARM);
    // 10 s × 3 to detect, plus the 60 s TTL of the load balancers' answers.
    expect(dns.pair.estimatedFailoverTime.toSeconds()).toBe(90);

    const template = Template.fromStack(dns);
    template.resourceCountIs('AWS::Route53::HealthCheck', 2);
    template.resourcePropertiesCountIs('AWS::Route53::HealthCheck', { HealthCheckConfig: { Type: 'HTTPS', RequestInterval: 10, FailureThreshold: 3 } }, 2);
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'www.example.com.', Failover: 'PRIMARY', AliasTarget: { EvaluateTargetHealth: true } });
    template.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'www.example.com.', Failover: 'SECONDARY', AliasTarget: { EvaluateTargetHealth: true } });
    template.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(['AlarmTopic', 'EstimatedFailoverSeconds', 'RegionSwitchPlan', 'Url']);
    template.hasOutput('EstimatedFailoverSeconds', { Value: '90' });
    for (const stack of [primary, standby]) {
      Template.fromStack(stack).hasResourceProperties('AWS::CertificateManager::Certificate', { DomainName: 'www.example.com', ValidationMethod: 'DNS' });
    }
    for (const stack of [primary, standby, dns]) expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('the three stacks are one workload, and it meets the business-critical objectives', () => {
    const app = new App({ context: CONTEXT });
    const { primary } = buildActivePassiveApp(app, { account: '123456789012', zone: ZONE });
    const verdict = Annotations.fromStack(primary).findInfo('/Primary', Match.stringLikeRegexp('^\\[cdk-ha\\] Resilience objectives'));
    expect(verdict).toHaveLength(1);
    const lines = String(verdict[0].entry.data).replace(/ \[ack: .*\]$/, '').split('\n');
    expect(lines[0]).toMatch(/^\[cdk-ha\] Resilience objectives of workload \S+ \(3 stacks\), preset business-critical: MET$/);
    // Every judged figure is met; a Region failure of the web tiers is survived by redeploying elsewhere.
    const rows = lines.slice(2).map(l => l.trim().split(/ {2,}/));
    expect(rows.map(([objective, , , judged]) => `${objective}: ${judged}`)).toEqual([
      'availability: met',
      'host or instance failure RTO: met', 'host or instance failure RPO: met',
      'Availability Zone failure RTO: met', 'Availability Zone failure RPO: met',
      'Region failure RTO: met', 'Region failure RPO: met',
    ]);
  });

  test('the primary database is an Aurora global database with its secondary cluster in the standby Region, which the plan switches to', () => {
    const app = new App({ context: CONTEXT });
    const { primary, standby, dns } = buildActivePassiveApp(app, { account: '123456789012', zone: ZONE });
    Template.fromStack(primary).hasResourceProperties('AWS::RDS::GlobalCluster', { GlobalClusterIdentifier: primary.database!.globalClusterIdentifier });
    Template.fromStack(standby).hasResourceProperties('AWS::RDS::DBCluster', { GlobalClusterIdentifier: primary.database!.globalClusterIdentifier });
    expect(standby.secondaryDatabase!.primary).toBe(primary.database);
    expect(dns.plan.steps.map(s => s.executionBlockType)).toEqual(['ECSServiceScaling', 'ManualApproval', 'AuroraGlobalDatabase']);
  });

  test('without the secondary database, the Region failure objectives are breached, naming the primary database', () => {
    const app = new App({ context: CONTEXT });
    const { primary, checks } = buildActivePassiveApp(app, { account: '123456789012', zone: ZONE, secondaryDatabase: false });
    app.synth();
    const verdict = Annotations.fromStack(primary).findWarning('/Primary', Match.stringLikeRegexp('^\\[cdk-ha\\] Resilience objectives'));
    expect(verdict).toHaveLength(1);
    const lines = String(verdict[0].entry.data).replace(/ \[ack: .*\]$/, '').split('\n');
    expect(lines[0]).toMatch(/preset business-critical: BREACHED$/);
    const clusterId = Object.keys(Template.fromStack(primary).findResources('AWS::RDS::DBCluster'))[0];
    const rows = lines.slice(2).map(l => l.trim().split(/ {2,}/));
    const region = rows.filter(([objective]) => objective.startsWith('Region failure'));
    expect(region.map(([objective, , estimate, judged, weakest]) => `${objective}: ${estimate} ${judged} ${weakest}`)).toEqual([
      `Region failure RTO: not recoverable breached ${clusterId} (Primary)`,
      `Region failure RPO: not recoverable breached ${clusterId} (Primary)`,
    ]);
    const onDatabase = checks.findings.filter(f => f.logicalId === clusterId).map(f => `${f.ruleId} ${f.status}`).sort();
    expect(onDatabase).toEqual(['HA-OBJ1 fail', 'HA-OBJ2 fail', 'HA-REGION2 fail']);
    // The standby's web tier would serve without the primary's data.
    expect(checks.findings.filter(f => f.ruleId === 'HA-REGION1').map(f => f.constructPath)).toEqual(['Standby/Web/LoadBalancer/Resource']);
  });

  test('`cdk synth` without credentials writes the three stacks and prints no warning and no finding', () => {
    const output = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-active-passive-'));
    try {
      const run = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', output], {
        cwd: EXAMPLE,
        encoding: 'utf-8',
        env: { ...withoutCredentials(process.env, output), CDK_VALIDATION: 'false' },
      });
      const printed = `${run.stdout}${run.stderr}`;
      // The only message is the objectives verdict, met (info); no warning, no finding.
      const messages = printed.match(/^(WARNING|ERROR|INFO) .*$|\[HA-[A-Z0-9]+\]|Error.*$/gm) ?? [];
      expect({ status: run.status, messages }).toEqual({
        status: 0,
        messages: [expect.stringMatching(/^INFO \[cdk-ha\] Resilience objectives of workload \S+ \(3 stacks\), preset business-critical: MET$/)],
      });
      for (const stack of ['Primary', 'Standby', 'Dns']) expect(fs.existsSync(path.join(output, `${stack}.template.json`))).toBe(true);
    } finally {
      fs.rmSync(output, { recursive: true, force: true });
    }
  }, 180_000);
});
