import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { buildActiveActiveApp } from '../../examples/active-active/app';
import { withoutCredentials } from '../helpers/apps';

const EXAMPLE = path.join(__dirname, '..', '..', 'examples', 'active-active');
/** The context of the example's cdk.json: Availability Zones of the placeholder account, strong cross-Region references. */
const CONTEXT = JSON.parse(fs.readFileSync(path.join(EXAMPLE, 'cdk.json'), 'utf-8')).context;
const ZONE = { hostedZoneId: 'Z0123456789EXAMPLE', zoneName: 'example.com' };

describe('examples/active-active', () => {
  test('two serving Regions and the DNS side, in which the checks find nothing and no warning shows', () => {
    const app = new App({ context: CONTEXT });
    const { ireland, frankfurt, dns, checks } = buildActiveActiveApp(app, { account: '123456789012', zone: ZONE });
    app.synth();
    expect(checks.findings.map(f => `${f.ruleId} ${f.constructPath} ${f.status}`)).toEqual([]);
    expect([ireland, frankfurt, dns].map(s => s.region)).toEqual(['eu-west-1', 'eu-central-1', 'us-east-1']);
    const t = Template.fromStack(dns);
    t.resourceCountIs('AWS::Route53::HealthCheck', 2);
    t.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'www.example.com.', Region: 'eu-west-1', SetIdentifier: 'eu-west-1' });
    t.hasResourceProperties('AWS::Route53::RecordSet', { Name: 'www.example.com.', Region: 'eu-central-1', SetIdentifier: 'eu-central-1' });
    t.resourceCountIs('AWS::CloudWatch::Alarm', 2);
    // The table lives in Ireland, with a replica in Frankfurt; each Region's tasks write to their own replica.
    Template.fromStack(ireland).hasResourceProperties('AWS::DynamoDB::GlobalTable', {
      Replicas: Match.arrayWith([Match.objectLike({ Region: 'eu-central-1' }), Match.objectLike({ Region: 'eu-west-1' })]),
    });
    expect([ireland.tier.minimumCapacity, ireland.tier.maximumCapacity]).toEqual([3, 6]);
    expect(dns.site.estimatedFailoverTime.toSeconds()).toBe(150);
    for (const stack of [ireland, frankfurt, dns]) expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('the three stacks are one workload that meets the business-critical objectives, a Region failure included', () => {
    const app = new App({ context: CONTEXT });
    const { ireland } = buildActiveActiveApp(app, { account: '123456789012', zone: ZONE });
    const verdict = Annotations.fromStack(ireland).findInfo('/Ireland', Match.stringLikeRegexp('^\\[cdk-ha\\] Resilience objectives'));
    expect(verdict).toHaveLength(1);
    const lines = String(verdict[0].entry.data).replace(/ \[ack: .*\]$/, '').split('\n');
    expect(lines[0]).toMatch(/^\[cdk-ha\] Resilience objectives of workload \S+ \(3 stacks\), preset business-critical: MET$/);
    const rows = Object.fromEntries(lines.slice(2).map(l => l.trim().split(/ {2,}/)).map(([objective, , estimate, judged]) => [objective, `${estimate} ${judged}`]));
    // The other Region serves after the health checks and the TTL; the table loses at most the last second.
    expect(rows['Region failure RTO']).toBe('2.5 min met');
    expect(rows['Region failure RPO']).toBe('1 s met');
  });

  test('`cdk synth` without credentials writes the three stacks and prints no warning and no finding', () => {
    const output = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-active-active-'));
    try {
      const run = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', output], {
        cwd: EXAMPLE,
        encoding: 'utf-8',
        env: { ...withoutCredentials(process.env, output), CDK_VALIDATION: 'false' },
      });
      const printed = `${run.stdout}${run.stderr}`;
      const messages = printed.match(/^(WARNING|ERROR|INFO) .*$|\[HA-[A-Z0-9]+\]|Error.*$/gm) ?? [];
      expect({ status: run.status, messages }).toEqual({
        status: 0,
        messages: [expect.stringMatching(/^INFO \[cdk-ha\] Resilience objectives of workload \S+ \(3 stacks\), preset business-critical: MET$/)],
      });
      for (const stack of ['Ireland', 'Frankfurt', 'Dns']) expect(fs.existsSync(path.join(output, `${stack}.template.json`))).toBe(true);
    } finally {
      fs.rmSync(output, { recursive: true, force: true });
    }
  }, 180_000);
});
