import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from '../helpers/apps';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

function file(name: string, content: unknown): string {
  const p = path.join(dir, name);
  fs.mkdirSync(path.dirname(p), { recursive: true });
  fs.writeFileSync(p, typeof content === 'string' ? content : JSON.stringify(content, undefined, 2));
  return p;
}

/** A database that is right in every way but one: it is Single-AZ. */
const singleAzDb = file('db.json', {
  Resources: {
    Db: {
      Type: 'AWS::RDS::DBInstance',
      DeletionPolicy: 'Snapshot',
      UpdateReplacePolicy: 'Snapshot',
      Properties: { Engine: 'mysql', DeletionProtection: true, BackupRetentionPeriod: 7 },
    },
    Topic: { Type: 'AWS::SNS::Topic' },
    Cpu: {
      Type: 'AWS::CloudWatch::Alarm',
      Properties: {
        Namespace: 'AWS/RDS',
        MetricName: 'CPUUtilization',
        Statistic: 'Average',
        Period: 60,
        EvaluationPeriods: 3,
        Threshold: 80,
        ComparisonOperator: 'GreaterThanThreshold',
        Dimensions: [{ Name: 'DBInstanceIdentifier', Value: { Ref: 'Db' } }],
        AlarmActions: [{ Ref: 'Topic' }],
      },
    },
  },
});
const onlyWarnings = file('table.yaml', 'Resources:\n  Table:\n    Type: AWS::DynamoDB::Table\n');
const clean = file('clean.yaml', 'Resources:\n  Topic:\n    Type: AWS::SNS::Topic\n');

describe('usage', () => {
  test('--help and --version', () => {
    expect(runCli(['--help'])).toMatchObject({ code: 0, stdout: expect.stringContaining('Usage: cdk-ha check <template | cdk.out | folder>...') });
    // The limits and the exit statuses are documented where the command is used.
    expect(runCli(['--help']).stdout).toMatch(/at most\n1048576 bytes \(1 MiB\) and 500 resources once Fn::ForEach loops are\nexpanded[\s\S]*Exit status:\n {2}0 [^\n]*\n {2}1 [^\n]*\n {2}2 /);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(runCli(['-v'])).toEqual({ code: 0, stdout: `${require('../../package.json').version}\n`, stderr: '' });
  });

  test.each([
    [[], /no command given/],
    [['scan', 'x'], /unknown command 'scan'/],
    [['check'], /check needs at least one template/],
    [['check', 'x', '--format', 'html'], /--format must be one of text, json, sarif, markdown, codequality, not 'html'/],
    [['check', 'x', '--fail-on', 'always'], /--fail-on must be one of error, warning, never, not 'always'/],
    [['check', 'x', '--colour'], /Unknown option '--colour'/],
  ])('%j is a usage error (exit 2)', (args, message) => {
    const run = runCli(args as string[]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(message);
    expect(run.stderr).toMatch(/Run 'cdk-ha --help' for usage\.\n$/);
    expect(run.stdout).toBe('');
  });
});

describe('exit status', () => {
  test('1 when an unacknowledged finding reaches --fail-on (error by default)', () => {
    expect(runCli(['check', singleAzDb]).code).toBe(1);
    expect(runCli(['check', singleAzDb, '--fail-on', 'never']).code).toBe(0);
  });
  test('warnings fail only with --fail-on warning', () => {
    expect(runCli(['check', onlyWarnings]).code).toBe(0);
    expect(runCli(['check', onlyWarnings, '--fail-on', 'warning']).code).toBe(1);
  });
  test('0 when nothing is found', () => {
    const run = runCli(['check', clean]);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/clean \(.*clean\.yaml\): 1 resources\n  no findings/);
  });
});

describe('inputs that cannot be read', () => {
  const bad: [string, string, RegExp][] = [
    ['a missing file', path.join(dir, 'missing.json'), /missing\.json: no such file or folder/],
    ['neither JSON nor YAML', file('notes.txt', 'Resources: [unclosed'), /notes\.txt: not valid YAML at line 1/],
    ['YAML with an unknown tag', file('tagged.yaml', 'Resources:\n  A:\n    Type: !Magic X\n'), /tagged\.yaml: unknown YAML tag !Magic at line 3/],
    ['a template without Resources', file('empty.json', { Description: 'nothing' }), /empty\.json: not a CloudFormation template: it has no Resources section/],
    ['a truncated file', file('cut.json', '{"Resources": {"Db": {"Type": "AWS::RDS::DB'), /cut\.json: not valid JSON \(.*\); is the file truncated\?/],
  ];

  test.each(bad)('%s: one line naming the file, exit 2, and the other inputs are still checked', (_, input, message) => {
    const run = runCli(['check', input, singleAzDb, '--format', 'json']);
    expect(run.code).toBe(2);
    const lines = run.stderr.trimEnd().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^cdk-ha: /);
    expect(lines[0]).toMatch(message);
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(JSON.parse(run.stdout).findings.map((f: any) => f.ruleId)).toEqual(['HA-RDS1']);
  });
});

describe('folders and cloud assemblies', () => {
  test('a folder is walked; files that are not templates are skipped and named', () => {
    const folder = path.join(dir, 'walk');
    file('walk/a/db.json', { Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { Engine: 'mysql', MultiAZ: true } } } });
    file('walk/b/params.json', { Parameters: { Env: 'prod' } });
    file('walk/node_modules/ignored.json', 'not even json');
    const run = runCli(['check', folder]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^db \(.*walk\/a\/db\.json\): 1 resources/);
    expect(run.stderr).toMatch(/skipped 1 file\(s\) that are not CloudFormation templates: .*walk\/b\/params\.json/);
  });
});

describe('output', () => {
  test('--output writes the report and prints a summary', () => {
    const out = path.join(dir, 'report.sarif');
    const run = runCli(['check', singleAzDb, '--format', 'sarif', '--output', out]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(`cdk-ha: wrote sarif report to ${out}: 1 error, 0 warnings, 0 info, 0 unknown, 0 acknowledged in 3 resources of 1 stack\n`);
    expect(JSON.parse(fs.readFileSync(out, 'utf-8')).version).toBe('2.1.0');
  });

  test('an unwritable --output is exit 2 with a clear line', () => {
    const run = runCli(['check', singleAzDb, '--output', path.join(dir, 'no', 'such', 'dir', 'r.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/r\.json: cannot write the report \(ENOENT\)/);
  });

  test('text shows each finding with its fix, and a summary', () => {
    const run = runCli(['check', singleAzDb]);
    expect(run.stdout).toMatch(/ERROR +HA-RDS1 +AWS::RDS::DBInstance Db property MultiAZ line 3\n +DB instance Db is Single-AZ.*\n +Fix: Set `MultiAZ: true`/);
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(run.stdout.endsWith(`cdk-ha ${require('../../package.json').version}: 1 error, 0 warnings, 0 info, 0 unknown, 0 acknowledged in 3 resources of 1 stack\n`)).toBe(true);
  });

  test('--format codequality is GitLab\'s code quality report, with the line of the resource', () => {
    const run = runCli(['check', singleAzDb, '--format', 'codequality', '--fail-on', 'never']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual([expect.objectContaining({
      check_name: 'HA-RDS1',
      severity: 'critical',
      location: { path: expect.stringMatching(/db\.json$/), lines: { begin: 3 } },
    })]);
  });
});

test('the installed bin script runs the command', () => {
  const run = spawnSync(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'cdk-ha'), 'check', singleAzDb, '--format', 'json'], { encoding: 'utf-8' });
  expect(run.status).toBe(1);
  expect(JSON.parse(run.stdout).summary.error).toBe(1);
});
