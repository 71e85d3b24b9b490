import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { buildWebTierApp } from '../../examples/web-tier/app';
import { withoutCredentials } from '../helpers/apps';

const ACCOUNT = '123456789012';
const REGION = 'eu-west-1';
const ZONES = ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'];

const findingsOf = (checks: ReturnType<typeof buildWebTierApp>['checks']) => checks.findings.map(f => `${f.ruleId} ${f.constructPath} ${f.status}`);

describe('examples/web-tier', () => {
  test('with an account and Region: a three-zone Fargate tier with HTTPS, in which the checks find nothing', () => {
    const app = new App({ context: { [`availability-zones:account=${ACCOUNT}:region=${REGION}`]: ZONES } });
    const { stack, checks } = buildWebTierApp(app, {
      env: { account: ACCOUNT, region: REGION },
      certificateArn: `arn:aws:acm:${REGION}:${ACCOUNT}:certificate/abc`,
    });
    app.synth();
    expect(findingsOf(checks)).toEqual([]);
    expect(stack.tier.availabilityZones).toEqual(ZONES);
    expect(stack.tier.minimumCapacity).toBe(6);
    const template = Template.fromStack(stack);
    template.hasResourceProperties('AWS::ElasticLoadBalancingV2::Listener', { Protocol: 'HTTPS', Port: 443 });
    expect(Object.keys(template.findOutputs('*')).sort()).toEqual(['AlarmTopic', 'Url']);
  });

  test('without an environment: two zones and 8 tasks, still nothing to report', () => {
    const app = new App();
    const { stack, checks } = buildWebTierApp(app);
    app.synth();
    expect(findingsOf(checks)).toEqual([]);
    expect(stack.tier.minimumCapacity).toBe(8);
  });

  test('`cdk synth` shows the two acknowledgeable warnings of an environment-agnostic, HTTP-only tier and no finding', () => {
    const output = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-web-tier-'));
    try {
      const run = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', output], {
        cwd: path.join(__dirname, '..', '..', 'examples', 'web-tier'),
        encoding: 'utf-8',
        env: { ...withoutCredentials(process.env, output), CDK_VALIDATION: 'false' },
      });
      const printed = `${run.stdout}${run.stderr}`;
      expect(run.status).toBe(0);
      expect([...printed.matchAll(/Acknowledge with '([^']+)'/g)].map(m => m[1]).sort()).toEqual([
        'Annotation::@cdk-ha/patterns:envAgnosticAzs',
        'Annotation::@cdk-ha/patterns:httpOnly',
      ]);
      expect(printed).not.toMatch(/\[HA-[A-Z0-9]+\]/);
      expect(fs.existsSync(path.join(output, 'WebTier.template.json'))).toBe(true);
    } finally {
      fs.rmSync(output, { recursive: true, force: true });
    }
  }, 120_000);
});
