import * as fs from 'fs';
import * as path from 'path';
import { Stack, Stage, Validations } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import { FailOn, HaChecks, HaValidationPlugin, ReportFormat } from '../../../src';
import { tempApp } from '../../helpers/apps';

/** The rules these tests exercise the plugin with; other rules also judge the same resources. */
const UNDER_TEST = new Set(['HA-RDS1', 'HA-RDS3']);

/** Synthesizes an app with a Single-AZ database in a top-level stack and in a stage, without the plugin. */
function synthesized() {
  const { app, outdir, cleanup } = tempApp();
  const top = new Stack(app, 'Top');
  const db = new rds.CfnDBInstance(top, 'Db', { engine: 'mysql', dbInstanceClass: 'db.t4g.micro' });
  HaChecks.acknowledge(db, 'HA-RDS1', 'Top-level database is a throwaway.');
  new rds.CfnDBInstance(new Stack(new Stage(app, 'Prod'), 'Shop'), 'Db', { engine: 'mysql', dbInstanceClass: 'db.t4g.micro', backupRetentionPeriod: 0 });
  const assembly = app.synth();
  const templatePaths = assembly.stacksRecursively.map(s => path.join(s.assembly.directory, s.templateFile));
  return { outdir, cleanup, templatePaths };
}

describe('HaValidationPlugin', () => {
  const { outdir, cleanup, templatePaths } = synthesized();
  afterAll(cleanup);

  test('reports each unacknowledged finding as a violation named by its rule, on its logical ID and property', () => {
    const plugin = new HaValidationPlugin();
    const report = plugin.validate({ templatePaths } as any);
    expect(report.success).toBe(true);
    expect(report.violations.filter(v => UNDER_TEST.has(v.ruleName))).toEqual([
      expect.objectContaining({ ruleName: 'HA-RDS1', severity: 'warning', description: expect.stringMatching(/^\[HA-RDS1, error\] DB instance Db is Single-AZ/), fix: expect.stringContaining('MultiAZ: true') }),
      expect.objectContaining({ ruleName: 'HA-RDS3', severity: 'warning' }),
    ]);
    expect(report.violations.find(v => v.ruleName === 'HA-RDS1')!.violatingResources).toEqual([{ resourceLogicalId: 'Db', templatePath: path.join(outdir, 'assembly-Prod', 'ProdShop82526E42.template.json'), locations: ['Properties/MultiAZ'] }]);
    expect(plugin.findings.filter(f => UNDER_TEST.has(f.ruleId)).map(f => `${f.stack} ${f.ruleId} ${f.constructPath} ${f.suppressed}`)).toEqual([
      'Top HA-RDS1 Top/Db true', 'Prod/Shop HA-RDS1 Prod/Shop/Db false', 'Prod/Shop HA-RDS3 Prod/Shop/Db false',
    ]);
    expect(plugin.name).toBe('cdk-ha');
    expect(plugin.ruleIds).toContain('HA-VPC1');
  });

  test('failOn decides success, and blocking findings keep their own severity', () => {
    const report = new HaValidationPlugin({ failOn: FailOn.ERROR }).validate({ templatePaths } as any);
    expect(report.success).toBe(false);
    expect(report.violations.filter(v => UNDER_TEST.has(v.ruleName)).map(v => `${v.ruleName} ${v.severity}`)).toEqual(['HA-RDS1 error', 'HA-RDS3 error']);
    // Below failOn, a finding keeps its own severity: HA-RDS4 is advice without declared objectives.
    expect(report.violations.find(v => v.ruleName === 'HA-RDS4')!.severity).toBe('info');
  });

  test('writes report files to the root cloud assembly', () => {
    new HaValidationPlugin({ reportFormats: [ReportFormat.JSON] }).validate({ templatePaths } as any);
    const report = JSON.parse(fs.readFileSync(path.join(outdir, 'cdk-ha-report.json'), 'utf-8'));
    expect(report.summary).toMatchObject({ error: 2, suppressed: 1, resources: 2 });
    expect(report.findings.length).toBe(new HaValidationPlugin().validate({ templatePaths } as any).violations.length + 1);
  });

  test('registered with Validations, it sees every stack of the app', () => {
    jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const { app, cleanup: done } = tempApp();
    try {
      new rds.CfnDBInstance(new Stack(new Stage(app, 'Prod'), 'Shop'), 'Db', { engine: 'mysql', dbInstanceClass: 'db.t4g.micro' });
      const plugin = new HaValidationPlugin();
      Validations.of(app).addPlugins(plugin);
      app.synth();
      expect(plugin.findings.filter(f => UNDER_TEST.has(f.ruleId)).map(f => `${f.stack} ${f.ruleId}`)).toEqual(['Prod/Shop HA-RDS1']);
    } finally {
      done();
    }
  });
});
