import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/apps';

/** The app of test/fixtures/stage-app: its only stacks are inside the Stage `Prod`. */
const APP = path.join(__dirname, '..', 'fixtures', 'stage-app');
const CDK = path.join(__dirname, '..', '..', 'node_modules', '.bin', 'cdk');

interface Synth {
  readonly status: number | null;
  readonly printed: string;
  readonly outdir: string;
}

const outdirs: string[] = [];
afterAll(() => outdirs.forEach(d => fs.rmSync(d, { recursive: true, force: true })));

/** Runs the real `cdk synth` on the app, with context and a stack selection. */
function synth(context: Record<string, string>, ...selection: string[]): Synth {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-stage-'));
  outdirs.push(outdir);
  const args = ['synth', '--quiet', '--no-notices', '--output', outdir, ...Object.entries(context).flatMap(([k, v]) => ['-c', `${k}=${v}`]), ...selection];
  const run = spawnSync(CDK, args, { cwd: APP, encoding: 'utf-8', env: { ...process.env, CDK_VALIDATION: 'false' } });
  return { status: run.status, printed: `${run.stdout}${run.stderr}`, outdir };
}

describe('`cdk synth` of an app whose stacks are all in a Stage', () => {
  test('the aspect with failOn stops synthesis, naming the stack, the rule and the resource', () => {
    const run = synth({ host: 'aspect', failOn: 'error' });
    expect(run.status).not.toBe(0);
    expect(run.printed).toMatch(/\[Prod\/Data\] \[HA-RDS1\] Prod\/Data\/Db: DB instance Db is Single-AZ/);
  }, 60_000);

  test('the plugin with failOn stops synthesis too, whichever stacks `cdk synth` selects', () => {
    const run = synth({ host: 'plugin', failOn: 'error' });
    expect(run.status).not.toBe(0);
    expect(run.printed).toMatch(/unacknowledged cdk-ha finding\(s\) at or above failOn error stop synthesis: \[HA-RDS1\] Prod\/Data\/Db/);
  }, 60_000);

  test("without failOn, `cdk synth '**'` (the README's command for Stages) shows the findings and the undecided checks", () => {
    const quiet = synth({ host: 'aspect' });
    expect(quiet.status).toBe(0);
    const all = synth({ host: 'aspect' }, '**');
    expect(all.status).toBe(0);
    expect(all.printed).toMatch(/^WARNING \[HA-RDS1\] DB instance Db is Single-AZ/m);
    // A Multi-AZ setting from a parameter is undecided: one warning says so, naming the rule and the property.
    expect(all.printed).toMatch(/^WARNING \[cdk-ha\] 1 check is undecided at synth time[^\n]*: HA-RDS1 on Prod\/Data\/Replica \(MultiAZ\)/m);
  }, 60_000);

  test.each(['aspect', 'plugin'])("CDK's own acknowledgements reach the report of `cdk-ha check cdk.out`, with their reasons (%s)", host => {
    const run = synth({ host, acknowledge: 'true' });
    expect(run.status).toBe(0);
    const report = JSON.parse(runCli(['check', run.outdir, '--format', 'json', '--fail-on', 'never']).stdout);
    const onDb = (rule: string) => report.findings.find((f: any) => f.ruleId === rule && f.logicalId === 'Db');
    expect(onDb('HA-RDS4')).toMatchObject({ suppressed: true, suppressionReason: 'Deletion protection is set by the release pipeline.' });
    expect(onDb('HA-ALARM1')).toMatchObject({ suppressed: true, suppressionReason: 'Alarms live in the monitoring account.' });
    expect(onDb('HA-DATA1')).toMatchObject({ suppressed: true, suppressionReason: 'Snapshots are taken by AWS Backup.' });
    expect(onDb('HA-RDS1')).toMatchObject({ suppressed: false });
  }, 60_000);
});
