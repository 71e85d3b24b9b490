import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FailOn, ReportFormat } from '../../../src/checks/types';

/**
 * The CDK CLI tells the app not to fail on validation errors and fails on `validation-report.json`
 * itself; aws-cdk-lib before 2.258 writes only `policy-validation-report.json`. There the plugin
 * must stop synthesis itself.
 */
const FAIL = '@aws-cdk/core:failSynthOnValidationErrors';

function ignored(options: { legacyLibrary: boolean; context?: object; overflow?: object; overflowPath?: string }): boolean {
  const saved = { json: process.env.CDK_CONTEXT_JSON, overflow: process.env.CONTEXT_OVERFLOW_LOCATION_ENV };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-context-'));
  try {
    if (options.context) process.env.CDK_CONTEXT_JSON = JSON.stringify(options.context);
    else delete process.env.CDK_CONTEXT_JSON;
    if (options.overflow) {
      const file = path.join(dir, 'context.json');
      fs.writeFileSync(file, JSON.stringify(options.overflow));
      process.env.CONTEXT_OVERFLOW_LOCATION_ENV = file;
    } else if (options.overflowPath) {
      process.env.CONTEXT_OVERFLOW_LOCATION_ENV = options.overflowPath;
    } else {
      delete process.env.CONTEXT_OVERFLOW_LOCATION_ENV;
    }
    let result = false;
    jest.isolateModules(() => {
      // The suite also runs on aws-cdk-lib 2.257.0: both kinds of library are mocked.
      jest.doMock('aws-cdk-lib', () => {
        const actual = jest.requireActual('aws-cdk-lib');
        const { VALIDATION_REPORT_FILE: _, ...legacy } = actual.cx_api;
        return { ...actual, cx_api: options.legacyLibrary ? legacy : { ...legacy, VALIDATION_REPORT_FILE: 'validation-report.json' } };
      });
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      result = require('../../../src/checks/hosts/legacy-validation').validationFailureIgnored();
    });
    jest.dontMock('aws-cdk-lib');
    return result;
  } finally {
    for (const [key, value] of [['CDK_CONTEXT_JSON', saved.json], ['CONTEXT_OVERFLOW_LOCATION_ENV', saved.overflow]] as const) {
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

describe('whether a failed validation report would pass `cdk synth` unless the plugin stops it', () => {
  test('an aws-cdk-lib before 2.258 told by the CLI not to fail: yes', () => {
    expect(ignored({ legacyLibrary: true, context: { [FAIL]: false } })).toBe(true);
  });

  test('the same with the context in the CLI\'s overflow file: yes', () => {
    expect(ignored({ legacyLibrary: true, context: { other: 1 }, overflow: { [FAIL]: false } })).toBe(true);
  });

  test('an aws-cdk-lib before 2.258 left to fail (no CLI, or an older one): no', () => {
    expect(ignored({ legacyLibrary: true })).toBe(false);
    expect(ignored({ legacyLibrary: true, context: { [FAIL]: true } })).toBe(false);
  });

  test('an aws-cdk-lib that writes the report the CLI reads: no, the CLI fails on it', () => {
    expect(ignored({ legacyLibrary: false, context: { [FAIL]: false } })).toBe(false);
  });

  test('an overflow file that cannot be read or is not JSON counts as no context', () => {
    expect(ignored({ legacyLibrary: true, context: { [FAIL]: false }, overflowPath: '/nonexistent/context.json' })).toBe(true);
    expect(ignored({ legacyLibrary: true, context: { [FAIL]: false }, overflowPath: __filename })).toBe(true);
    expect(ignored({ legacyLibrary: true, overflowPath: '/nonexistent/context.json' })).toBe(false);
  });
});

describe('the plugin where a failed report would pass `cdk synth`', () => {
  /** Runs the plugin with CDK's report taken as ignored; returns what it printed, the exit code it set and what it threw. */
  function runIgnored(props: object, templatePaths: string[]) {
    const savedExitCode = process.exitCode;
    const printed: string[] = [];
    const write = jest.spyOn(process.stderr, 'write').mockImplementation((text: any) => { printed.push(String(text)); return true; });
    let thrown: string | undefined;
    let exitCode: typeof process.exitCode;
    try {
      jest.isolateModules(() => {
        jest.doMock('../../../src/checks/hosts/legacy-validation', () => ({ validationFailureIgnored: () => true }));
        // eslint-disable-next-line @typescript-eslint/no-require-imports
        const { HaValidationPlugin } = require('../../../src/checks/hosts/plugin');
        try {
          new HaValidationPlugin(props).validate({ templatePaths });
        } catch (e) {
          thrown = (e as Error).message;
        }
      });
    } finally {
      exitCode = process.exitCode;
      process.exitCode = savedExitCode;
      write.mockRestore();
      jest.dontMock('../../../src/checks/hosts/legacy-validation');
    }
    return { printed: printed.join(''), exitCode, thrown };
  }

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-legacy-plugin-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  const template = path.join(dir, 'Db.template.json');
  fs.writeFileSync(template, JSON.stringify({ Resources: { Db: { Type: 'AWS::RDS::DBInstance', Properties: { MultiAZ: false } } } }));

  test('blocking findings: it prints them and sets exit code 1', () => {
    const run = runIgnored({ failOn: FailOn.ERROR }, [template]);
    expect(run.thrown).toBeUndefined();
    expect(run.exitCode).toBe(1);
    expect(run.printed).toMatch(/^cdk-ha: 1 unacknowledged cdk-ha finding\(s\) at or above failOn error stop synthesis: \[HA-RDS1\]/);
  });

  test('nothing blocking: it prints nothing and leaves the exit code alone', () => {
    const run = runIgnored({}, [template]);
    expect(run.exitCode).toBeUndefined();
    expect(run.printed).toBe('');
  });

  test('an error of its own: it prints it, sets exit code 1 and still throws', () => {
    const aFile = path.join(dir, 'a-file');
    fs.writeFileSync(aFile, '');
    const run = runIgnored({ reportFormats: [ReportFormat.JSON], reportDirectory: path.join(aFile, 'reports') }, [template]);
    expect(run.thrown).toMatch(/^cdk-ha: cannot write reports to /);
    expect(run.exitCode).toBe(1);
    expect(run.printed).toBe(`${run.thrown}\n`);
  });
});
