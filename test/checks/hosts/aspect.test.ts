import * as fs from 'fs';
import * as path from 'path';
import { App, Annotations as CoreAnnotations, CfnParameter, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as rds from 'aws-cdk-lib/aws-rds';
import { Construct } from 'constructs';
import { FailOn, Finding, HaChecks, ReportFormat } from '../../../src';
import { tempApp } from '../../helpers/apps';

/** A construct holding one Single-AZ instance (HA-RDS1) with backups off (HA-RDS3). */
class Database extends Construct {
  public readonly db: rds.CfnDBInstance;
  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.db = new rds.CfnDBInstance(this, 'Resource', { engine: 'mysql', dbInstanceClass: 'db.t4g.micro', backupRetentionPeriod: 0 });
  }
}

function appWithTwoStacks() {
  const app = new App();
  const a = new Stack(app, 'A');
  const b = new Stack(app, 'B');
  return { app, a, b, dbA: new Database(a, 'Db'), dbB: new Database(b, 'Db') };
}

/** The rules these tests exercise the hosts with; other rules also judge the same resources. */
const UNDER_TEST = /^\[HA-RDS[13]\]/;
const warnings = (stack: Stack) => Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('\\[HA-'))
  .map(w => `${w.id} ${String(w.entry.data).slice(0, 9)}`).filter(w => UNDER_TEST.test(w.split(' ')[1]));
const underTest = (findings: Finding[]) => findings.filter(f => f.ruleId === 'HA-RDS1' || f.ruleId === 'HA-RDS3');

describe('HaChecks', () => {
  test('shows findings as acknowledgeable warnings on the L1 resource', () => {
    const { app, a } = appWithTwoStacks();
    const checks = HaChecks.applyTo(app);
    Annotations.fromStack(a).hasWarning('/A/Db/Resource', Match.stringLikeRegexp('^\\[HA-RDS1\\] DB instance Db5D02A0A9 is Single-AZ \\(MultiAZ is not set\\).* Fix: Set `MultiAZ: true`'));
    expect(warnings(a)).toEqual(['/A/Db/Resource [HA-RDS1]', '/A/Db/Resource [HA-RDS3]']);
    expect(underTest(checks.findings).map(f => `${f.stack} ${f.ruleId} ${f.constructPath}`)).toEqual([
      'A HA-RDS1 A/Db/Resource', 'A HA-RDS3 A/Db/Resource', 'B HA-RDS1 B/Db/Resource', 'B HA-RDS3 B/Db/Resource',
    ]);
  });

  test('its annotations record no stack trace; annotations the app adds keep theirs', () => {
    const { app, a } = appWithTwoStacks();
    HaChecks.applyTo(app);
    expect(process.env.CDK_DISABLE_STACK_TRACE).toBeUndefined();
    CoreAnnotations.of(a).addWarningV2('app:own', 'the app speaks');
    const entries = Annotations.fromStack(a).findWarning('*', Match.anyValue());
    const ours = entries.filter(w => String(w.entry.data).startsWith('[HA-'));
    expect(ours.length).toBeGreaterThan(0);
    expect(ours.every(w => w.entry.trace === undefined)).toBe(true);
    expect(entries.find(w => String(w.entry.data).startsWith('the app speaks'))!.entry.trace?.length).toBeGreaterThan(0);
    expect(process.env.CDK_DISABLE_STACK_TRACE).toBeUndefined();
  });

  test('undecided checks show as info', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const param = new CfnParameter(stack, 'MultiAz', { type: 'String' });
    new rds.CfnDBInstance(stack, 'Db', { engine: 'mysql', dbInstanceClass: 'db.t4g.micro', multiAz: param.valueAsString as any });
    HaChecks.applyTo(app);
    Annotations.fromStack(stack).hasInfo('/S/Db', Match.stringLikeRegexp('^\\[HA-RDS1\\] RDS DB instance is not Multi-AZ: undecided at synth time\\. MultiAZ is the parameter MultiAz'));
  });

  test('failOn turns blocking findings into validation errors that stop synthesis, naming the stack, the rule and the resource', () => {
    const { app } = appWithTwoStacks();
    const checks = HaChecks.applyTo(app, { failOn: FailOn.ERROR });
    let error: Error | undefined;
    try {
      app.synth();
    } catch (e) {
      error = e as Error;
    }
    expect(error?.message).toMatch(/Validation failed with the following errors:/);
    const lines = error!.message.split('\n').filter(l => /\[HA-/.test(l)).map(l => l.trim().replace(/: DB instance .*/, ''));
    expect(lines).toEqual(['[A] [HA-RDS1] A/Db/Resource', '[A] [HA-RDS3] A/Db/Resource', '[B] [HA-RDS1] B/Db/Resource', '[B] [HA-RDS3] B/Db/Resource']);
    // Findings below failOn stay findings (HA-RDS4 is advice without declared objectives), and blocking ones are not annotated a second time.
    expect(checks.findings.filter(f => f.ruleId === 'HA-RDS4').map(f => f.severity)).toEqual(['info', 'info']);
  });

  test('applied to a construct, it reports only that construct and what is below it', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const inScope = new Database(stack, 'Checked');
    new Database(stack, 'Unchecked');
    const checks = HaChecks.applyTo(inScope);
    Template.fromStack(stack);
    expect(new Set(checks.findings.map(f => f.constructPath))).toEqual(new Set(['S/Checked/Resource']));
  });

  test('aspects stop at Stage boundaries: apply the checks to each Stage', () => {
    const app = new App();
    const stage = new Stage(app, 'Prod');
    const stack = new Stack(stage, 'Shop');
    new Database(stack, 'Db');
    const onApp = HaChecks.applyTo(app);
    const onStage = HaChecks.applyTo(stage);
    app.synth();
    expect(onApp.findings).toEqual([]);
    expect(underTest(onStage.findings).map(f => `${f.stack} ${f.ruleId}`)).toEqual(['Prod/Shop HA-RDS1', 'Prod/Shop HA-RDS3']);
  });

  test('writes report files once, after every stack is checked', () => {
    const { app, outdir, cleanup } = tempApp();
    try {
      new Database(new Stack(app, 'A'), 'Db');
      new Database(new Stack(app, 'B'), 'Db');
      HaChecks.applyTo(app, { reportFormats: [ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.MARKDOWN] });
      app.synth();
      const report = JSON.parse(fs.readFileSync(path.join(outdir, 'cdk-ha-report.json'), 'utf-8'));
      expect(underTest(report.findings).map((f: any) => `${f.stack} ${f.ruleId}`)).toEqual(['A HA-RDS1', 'A HA-RDS3', 'B HA-RDS1', 'B HA-RDS3']);
      expect(fs.readFileSync(path.join(outdir, 'cdk-ha-report.md'), 'utf-8')).toMatch(/## A\n[\s\S]*## B\n/);
      expect(JSON.parse(fs.readFileSync(path.join(outdir, 'cdk-ha-report.sarif'), 'utf-8')).runs[0].results).toHaveLength(report.findings.length);
    } finally {
      cleanup();
    }
  });
});

describe('HaChecks.acknowledge', () => {
  test('hides the warning, keeps the finding with its reason, and writes the CloudFormation Metadata', () => {
    const { app, a, dbA } = appWithTwoStacks();
    HaChecks.acknowledge(dbA, 'HA-RDS1', 'Test database; a standby is not worth it.');
    const checks = HaChecks.applyTo(app);
    expect(warnings(a)).toEqual(['/A/Db/Resource [HA-RDS3]']);
    Template.fromStack(a).hasResource('AWS::RDS::DBInstance', {
      Metadata: { 'cdk-ha': { acknowledged: [{ id: 'HA-RDS1', reason: 'Test database; a standby is not worth it.' }] } },
    });
    expect(underTest(checks.findings).filter(f => f.stack === 'A').map(f => [f.ruleId, f.suppressed, f.suppressionReason])).toEqual([
      ['HA-RDS1', true, 'Test database; a standby is not worth it.'],
      ['HA-RDS3', false, undefined],
    ]);
  });

  test('covers everything below the construct, including resources added later, and never another stack', () => {
    const { app, a, b } = appWithTwoStacks();
    HaChecks.acknowledge(a, 'HA-RDS3', 'Backups are handled by AWS Backup.');
    new Database(a, 'Later');
    const checks = HaChecks.applyTo(app);
    app.synth();
    const acknowledged = underTest(checks.findings).filter(f => f.suppressed).map(f => f.constructPath);
    expect(acknowledged).toEqual(['A/Db/Resource', 'A/Later/Resource']);
    expect(warnings(b)).toEqual(['/B/Db/Resource [HA-RDS1]', '/B/Db/Resource [HA-RDS3]']);
  });

  test('the acknowledgement nearest to the resource wins', () => {
    const { app, a, dbA } = appWithTwoStacks();
    HaChecks.acknowledge(a, 'HA-RDS1', 'Whole stack is a sandbox.');
    HaChecks.acknowledge(dbA, 'HA-RDS1', 'This database is a throwaway replica.');
    const checks = HaChecks.applyTo(app);
    app.synth();
    expect(checks.findings.find(f => f.stack === 'A' && f.ruleId === 'HA-RDS1')!.suppressionReason).toBe('This database is a throwaway replica.');
  });

  test.each([
    ['an unknown rule', (s: Construct) => HaChecks.acknowledge(s, 'HA-NOPE1', 'A good enough reason'), /^HaChecks\.acknowledge\(A\/Db\): 'HA-NOPE1' is not a cdk-ha rule ID \(did you mean HA-[A-Z]+1, HA-[A-Z]+1, HA-[A-Z]+1\? RULES\.md lists them all\)\.$/],
    ['a short reason', (s: Construct) => HaChecks.acknowledge(s, 'HA-RDS1', 'dev'), /the reason for acknowledging HA-RDS1 must be at least 10 characters/],
    ['the app', (s: Construct) => HaChecks.acknowledge(s.node.root as Construct, 'HA-RDS1', 'A good enough reason'), /HaChecks\.acknowledge\(<app>\): acknowledge on a stack or a construct inside one/],
  ])('rejects %s with a message naming the scope', (_, call, message) => {
    const { dbA } = appWithTwoStacks();
    expect(() => call(dbA)).toThrow(message);
  });
});
