/**
 * Misuse of the construct API (as plain JavaScript, or another jsii language, may call it): each
 * gets one clear line naming the API, the argument or property, and what to do, never a raw
 * TypeError or EEXIST.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Validations } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { HaChecks } from '../../../src/checks/hosts/aspect';
import { HaValidationPlugin } from '../../../src/checks/hosts/plugin';
import { ReportFormat } from '../../../src/checks/types';
import { cdkAtLeast } from '../../helpers/cdk-version';

/** The message of what `fn` throws, which must be an Error of one line. */
function thrown(fn: () => unknown): string {
  let error: unknown;
  try {
    fn();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(Error);
  const message = (error as Error).message;
  expect(message).not.toContain('\n');
  expect(message).not.toMatch(/Cannot read propert|is not a function|EEXIST/);
  return message;
}

describe('HaChecks.acknowledge', () => {
  const stack = new Stack(new App(), 'Shop');
  test.each([
    ['null', null],
    ['an empty object', {}],
  ])('a scope that is %s', (_, scope) => {
    expect(thrown(() => HaChecks.acknowledge(scope as any, 'HA-RDS1', 'Accepted for the pilot'))).toMatch(
      /^HaChecks\.acknowledge: scope must be a construct \(a stack or a construct inside one\), not (null|an object that is not a construct); pass the construct/);
  });
  test('a rule ID that is not a string', () => {
    expect(thrown(() => HaChecks.acknowledge(stack, null as any, 'Accepted for the pilot'))).toMatch(
      /^HaChecks\.acknowledge\(Shop\): ruleId must be a cdk-ha rule ID such as 'HA-RDS1', not null/);
  });
  test.each([
    ['ten zero-width spaces', '\u200b'.repeat(10)],
    ['spaces and joiners', ' \u200d\u2060 \ufeff   \u00a0  \u200c'],
    ['nothing', undefined],
  ])('a reason of %s', (_, reason) => {
    expect(thrown(() => HaChecks.acknowledge(stack, 'HA-RDS1', reason as any))).toBe(
      'HaChecks.acknowledge(Shop): the reason for acknowledging HA-RDS1 must be at least 10 characters that show (zero-width characters and repeated spaces do not count); say why the risk is accepted.');
  });
  test('a reason of ten visible characters is accepted; one of nine and invisible ones is not', () => {
    expect(() => HaChecks.acknowledge(stack, 'HA-RDS1', '\u200bPilot only')).not.toThrow();
    expect(() => HaChecks.acknowledge(stack, 'HA-RDS1', '\u200bPilot  onl\u200b')).toThrow(/at least 10 characters that show/);
  });
});

describe('HaChecks.applyTo', () => {
  test.each([
    ['null', null],
    ['an empty object', {}],
  ])('a scope that is %s', (_, scope) => {
    expect(thrown(() => HaChecks.applyTo(scope as any))).toMatch(/^HaChecks\.applyTo: scope must be a construct \(an App, Stage, Stack or construct\), not (null|an object that is not a construct); pass the scope to check\.$/);
  });
  test('props that are null', () => {
    expect(thrown(() => HaChecks.applyTo(new App(), null as any))).toMatch(/^HaChecks\.applyTo\(<app>\): options must be an object of HaChecksOptions .* or left out, not null\.$/);
  });
});

describe('reportDirectory', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-reportdir-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const aFile = path.join(dir, 'a-file');
  fs.writeFileSync(aFile, 'not a folder');

  function app(): App {
    const a = new App({ outdir: fs.mkdtempSync(path.join(dir, 'out-')) });
    new sqs.Queue(new Stack(a, 'Shop'), 'Orders');
    return a;
  }

  test('a file, for the aspect: one line naming the folder and the property', () => {
    const a = app();
    HaChecks.applyTo(a, { reportFormats: [ReportFormat.JSON], reportDirectory: aFile });
    expect(thrown(() => a.synth())).toContain(`cdk-ha: cannot write reports to ${aFile}: ${aFile} is a file, not a folder; set reportDirectory to a folder that can be written`);
  });

  test('a file below a file, for the validation plugin', () => {
    const a = app();
    const plugin = new HaValidationPlugin({ reportFormats: [ReportFormat.JSON], reportDirectory: path.join(aFile, 'reports') });
    const expected = `cdk-ha: cannot write reports to ${path.join(aFile, 'reports')}: ${aFile} is a file, not a folder; set reportDirectory to a folder that can be written`;
    if (cdkAtLeast('2.258.0')) {
      Validations.of(a).addPlugins(plugin);
      expect(() => a.synth()).toThrow(expected);
    } else {
      // aws-cdk-lib 2.257 reports a plugin that throws in its validation report, without throwing itself.
      const template = path.join(path.dirname(aFile), 'Db.template.json');
      fs.writeFileSync(template, JSON.stringify({ Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { MultiAZ: false } } } }));
      expect(() => plugin.validate({ templatePaths: [template] } as any)).toThrow(expected);
    }
  });

  test('a new folder is created, with the folders above it', () => {
    const a = app();
    const reports = path.join(dir, 'new', 'nested', 'reports');
    HaChecks.applyTo(a, { reportFormats: [ReportFormat.JSON], reportDirectory: reports });
    a.synth();
    expect(fs.readdirSync(reports)).toEqual(['cdk-ha-report.json']);
  });

  // In a child process: a regression would never return (Node's recursive mkdir loops on /proc).
  (fs.existsSync('/proc/self') ? test : test.skip)('a folder that cannot be created (/proc/nope) fails at once with one line', () => {
    const report = path.join(__dirname, '..', '..', '..', 'src', 'checks', 'report');
    const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', '-e',
      `try { require(${JSON.stringify(report)}).writeReports('/proc/nope', ['json'], []); } catch (e) { console.log(e.message); }`],
    { encoding: 'utf-8', timeout: 60_000, env: { ...process.env, TS_NODE_PROJECT: path.join(__dirname, '..', '..', 'tsconfig.json') } });
    expect(run.status).toBe(0);
    expect(run.stdout).toMatch(/^cdk-ha: cannot write reports to \/proc\/nope: \/proc\/nope cannot be created \(E[A-Z]+\); set reportDirectory to a folder that can be written\n$/);
  });
});
