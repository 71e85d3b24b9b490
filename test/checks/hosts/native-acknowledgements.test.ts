import { Annotations as CdkAnnotations, NestedStack, Stack, Validations } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Finding, HaChecks, HaValidationPlugin } from '../../../src';
import { runCli, tempApp } from '../../helpers/apps';

/** A Single-AZ database without backups: HA-RDS1 and HA-RDS3 (and a few others). */
const database = (scope: Stack, id: string) => new rds.CfnDBInstance(scope, id, { engine: 'mysql', dbInstanceClass: 'db.t4g.micro', backupRetentionPeriod: 0 });

const status = (findings: readonly Finding[] | any[], rule: string, logicalId: string) => findings
  .filter(f => f.ruleId === rule && f.logicalId === logicalId).map(f => (f.suppressed ? `acknowledged: ${f.suppressionReason}` : 'open'));

describe("CDK's own acknowledgement forms", () => {
  test('count in the aspect and in `cdk-ha check` of the cloud assembly, with their reasons', () => {
    const { app, outdir, cleanup } = tempApp();
    try {
      const stack = new Stack(app, 'Shop');
      const db = database(stack, 'Db');
      // As `cdk synth` prints it under the warning, and as the plugin's report names it.
      CdkAnnotations.of(db).acknowledgeWarning('@cdk-ha/checks:HA-RDS1', 'A throwaway database.');
      Validations.of(stack).acknowledge({ id: 'cdk-ha::HA-RDS3', reason: 'Backups off on purpose.' });
      const checks = HaChecks.applyTo(app);
      app.synth();
      expect(status(checks.findings, 'HA-RDS1', 'Db')).toEqual(['acknowledged: A throwaway database.']);
      expect(status(checks.findings, 'HA-RDS3', 'Db')).toEqual(['acknowledged: Backups off on purpose.']);
      const report = JSON.parse(runCli(['check', outdir, '--format', 'json', '--fail-on', 'never']).stdout);
      expect(status(report.findings, 'HA-RDS1', 'Db')).toEqual(['acknowledged: A throwaway database.']);
      expect(status(report.findings, 'HA-RDS3', 'Db')).toEqual(['acknowledged: Backups off on purpose.']);
    } finally {
      cleanup();
    }
  });

  test('a reason is kept when the same rule is acknowledged again without one (as aws-cdk-lib before 2.258 does after Validations.acknowledge)', () => {
    const { app, outdir, cleanup } = tempApp();
    try {
      const stack = new Stack(app, 'Shop');
      const db = database(stack, 'Db');
      Validations.of(db).acknowledge({ id: 'Annotation::@cdk-ha/checks:HA-RDS1', reason: 'A throwaway database.' });
      CdkAnnotations.of(db).acknowledgeWarning('Annotation::@cdk-ha/checks:HA-RDS1');
      // Without any reason, an acknowledgement still counts.
      CdkAnnotations.of(db).acknowledgeWarning('@cdk-ha/checks:HA-RDS3');
      const checks = HaChecks.applyTo(app);
      app.synth();
      const report = JSON.parse(runCli(['check', outdir, '--format', 'json', '--fail-on', 'never']).stdout);
      for (const findings of [checks.findings, report.findings]) {
        expect(status(findings, 'HA-RDS1', 'Db')).toEqual(['acknowledged: A throwaway database.']);
        expect(status(findings, 'HA-RDS3', 'Db')).toEqual(['acknowledged: acknowledged without a reason']);
      }
    } finally {
      cleanup();
    }
  });

  test('on a parent stack, reach its nested stacks, as HaChecks.acknowledge does; an acknowledgement elsewhere does not', () => {
    const { app, outdir, cleanup } = tempApp();
    try {
      const parent = new Stack(app, 'Parent');
      const nested = new NestedStack(parent, 'Legacy');
      database(nested, 'Old');
      const other = new Stack(app, 'Other');
      database(other, 'Kept');
      Validations.of(parent).acknowledge({ id: 'cdk-ha::HA-RDS1', reason: 'The legacy stack is retired next month.' });
      HaChecks.acknowledge(parent, 'HA-RDS3', 'The legacy data is archived elsewhere.');
      const checks = HaChecks.applyTo(app);
      app.synth();
      const report = JSON.parse(runCli(['check', outdir, '--format', 'json', '--fail-on', 'never']).stdout);
      for (const findings of [checks.findings, report.findings]) {
        expect(status(findings, 'HA-RDS1', 'Old')).toEqual(['acknowledged: The legacy stack is retired next month.']);
        expect(status(findings, 'HA-RDS3', 'Old')).toEqual(['acknowledged: The legacy data is archived elsewhere.']);
        expect(status(findings, 'HA-RDS1', 'Kept')).toEqual(['open']);
      }
    } finally {
      cleanup();
    }
  });

  test('on the App, reach every stack of the aspect, which records them where the command line reads them', () => {
    const { app, outdir, cleanup } = tempApp();
    try {
      database(new Stack(app, 'A'), 'Db');
      Validations.of(app).acknowledge({ id: 'cdk-ha::HA-RDS1', reason: 'Every database of this sandbox app is disposable.' });
      const checks = HaChecks.applyTo(app);
      app.synth();
      expect(status(checks.findings, 'HA-RDS1', 'Db')).toEqual(['acknowledged: Every database of this sandbox app is disposable.']);
      const report = JSON.parse(runCli(['check', outdir, '--format', 'json', '--fail-on', 'never']).stdout);
      expect(status(report.findings, 'HA-RDS1', 'Db')).toEqual(['acknowledged: Every database of this sandbox app is disposable.']);
    } finally {
      cleanup();
    }
  });
});

test('with the aspect and the plugin both on, the plugin does not repeat what the aspect shows, and says so', () => {
  jest.spyOn(console, 'error').mockImplementation(() => undefined);
  const { app, cleanup } = tempApp();
  try {
    database(new Stack(app, 'Shop'), 'Db');
    const checks = HaChecks.applyTo(app);
    const plugin = new HaValidationPlugin();
    let violations: string[] = [];
    const validate = plugin.validate.bind(plugin);
    plugin.validate = context => {
      const report = validate(context);
      violations = report.violations.map(v => v.ruleName);
      return report;
    };
    Validations.of(app).addPlugins(plugin);
    app.synth();
    expect(checks.findings.some(f => f.ruleId === 'HA-RDS1')).toBe(true);
    expect(plugin.findings.map(f => f.ruleId)).toContain('HA-RDS1');
    expect(violations).toEqual(['shown-by-the-aspect']);
  } finally {
    cleanup();
    jest.restoreAllMocks();
  }
});
