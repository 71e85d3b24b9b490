import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { runCli, tempApp } from './helpers/apps';
import { buildShopApp } from '../examples/shop/app';

function shopFindings(acknowledgeSessions: boolean): string[] {
  const app = new App();
  const { checks } = buildShopApp(app, { acknowledgeSessions });
  app.synth();
  return checks.findings.map(f => `${f.ruleId} ${f.constructPath} ${f.status}${f.suppressed ? ` acknowledged: ${f.suppressionReason}` : ''}`).sort();
}

describe('examples/shop', () => {
  test('has the two single points of failure it shows, the objectives they breach and that no drill exercises, and the acknowledged sessions table', () => {
    expect(shopFindings(true)).toEqual([
      'HA-DDB1 Shop/Sessions/Resource fail acknowledged: Sessions are disposable: losing them only signs users out.',
      'HA-DRILL1 Shop/Db/Resource fail',
      'HA-DRILL1 Shop/Vpc/PublicSubnet1/NATGateway fail',
      'HA-OBJ1 Shop/Db/Resource fail',
      'HA-OBJ1 Shop/Db/Resource fail',
      'HA-OBJ1 Shop/Vpc/PublicSubnet1/NATGateway fail',
      'HA-OBJ3 Shop/Db/Resource fail',
      'HA-RDS1 Shop/Db/Resource fail',
      'HA-VPC1 Shop/Vpc/PublicSubnet1/NATGateway fail',
    ]);
  });

  test('the acknowledgement changes exactly that one finding', () => {
    const withAck = shopFindings(true);
    const without = shopFindings(false);
    expect(without.filter(f => !withAck.includes(f))).toEqual(['HA-DDB1 Shop/Sessions/Resource fail']);
    expect(withAck.filter(f => !without.includes(f))).toEqual([expect.stringMatching(/^HA-DDB1 .* acknowledged: /)]);
  });

  test('`cdk synth` prints the warnings with their rule IDs, and the acknowledgement hides exactly one', () => {
    const cwd = path.join(__dirname, '..', 'examples', 'shop');
    const synth = (...args: string[]) => {
      const output = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-shop-'));
      try {
        const run = spawnSync('npx', ['cdk', 'synth', '--quiet', '--no-notices', '--output', output, ...args], { cwd, encoding: 'utf-8', env: { ...process.env, CDK_VALIDATION: 'false' } });
        expect(run.status).toBe(0);
        const printed = `${run.stdout}${run.stderr}`;
        expect(printed).toMatch(/^WARNING \[cdk-ha\] Resilience objectives of stack Shop, declared in code: BREACHED\n {2}objective +target +estimate +verdict +weakest link +drilled by\n {2}availability +99\.9% +99\.4\d\d% +breached +Db5D02A0A9\n/m);
        return [...new Set([...printed.matchAll(/^WARNING \[(HA-[A-Z0-9]+)\]/gm)].map(m => m[1]))].sort();
      } finally {
        fs.rmSync(output, { recursive: true, force: true });
      }
    };
    expect(synth()).toEqual(['HA-DRILL1', 'HA-OBJ1', 'HA-OBJ3', 'HA-RDS1', 'HA-VPC1']);
    expect(synth('-c', 'acknowledgeSessions=false')).toEqual(['HA-DDB1', 'HA-DRILL1', 'HA-OBJ1', 'HA-OBJ3', 'HA-RDS1', 'HA-VPC1']);
  }, 120_000);

  test('`cdk-ha check` of the synthesized cdk.out shows the same findings and the assessment', () => {
    const { app, outdir, cleanup } = tempApp();
    try {
      buildShopApp(app);
      app.synth();
      const run = runCli(['check', outdir, '--fail-on', 'never']);
      expect(run.code).toBe(0);
      expect(run.stdout).toMatch(/\nResilience objectives of stack Shop, declared in code: BREACHED\n {2}objective +target +estimate +verdict +weakest link +drilled by\n {2}availability +99\.9% +99\.4\d\d% +breached +Db5D02A0A9\n/);
      expect([...new Set([...run.stdout.matchAll(/^ {2}\S+ +(HA-[A-Z0-9]+) /gm)].map(m => m[1]))].sort()).toEqual(['HA-DDB1', 'HA-DRILL1', 'HA-OBJ1', 'HA-OBJ3', 'HA-RDS1', 'HA-VPC1']);
    } finally {
      cleanup();
    }
  });
});
