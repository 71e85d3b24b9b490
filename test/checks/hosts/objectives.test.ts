import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Duration, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as rds from 'aws-cdk-lib/aws-rds';
import { HaChecks, ResilienceObjectives, ResiliencePreset, WorkloadTier } from '../../../src';
import { runCli, tempApp } from '../../helpers/apps';

const singleAz = (scope: Stack, id = 'Db') => new rds.CfnDBInstance(scope, id, { engine: 'postgres', dbInstanceClass: 'db.t4g.micro' });
const multiAz = (scope: Stack, id = 'Db') => new rds.CfnDBInstance(scope, id, { engine: 'postgres', dbInstanceClass: 'db.t4g.micro', multiAz: true });
const objectivesIn = (stack: Stack) => Template.fromStack(stack).toJSON().Metadata?.['cdk-ha']?.objectives;

describe('ResilienceObjectives.declare', () => {
  test('records the objectives in the template of every stack below the scope; the nearest declaration wins', () => {
    const app = new App();
    const a = new Stack(app, 'A');
    const b = new Stack(app, 'B');
    singleAz(a);
    singleAz(b);
    ResilienceObjectives.declare(app, { preset: ResiliencePreset.BUSINESS_CRITICAL });
    ResilienceObjectives.declare(b, { tier: WorkloadTier.NON_PRODUCTION, zoneFailure: { rto: Duration.hours(24), rpo: Duration.hours(24) } });
    expect(objectivesIn(a)).toMatchObject({ tier: 'production', availability: 99.95, surviveRegionFailure: true, az: { rto: 1800, rpo: 300 }, source: 'preset business-critical' });
    expect(objectivesIn(b)).toEqual({
      tier: 'non-production',
      availability: 99.5,
      surviveRegionFailure: false,
      instance: { rto: 14400, rpo: 86400 },
      az: { rto: 86400, rpo: 86400 },
      source: 'tier non-production with changes',
    });
  });

  test('the non-production tier without a preset starts from the non-production objectives; with a preset it keeps the preset\'s numbers', () => {
    const app = new App();
    const alone = new Stack(app, 'Alone');
    const changed = new Stack(app, 'Changed');
    const preset = new Stack(app, 'Preset');
    for (const stack of [alone, changed, preset]) singleAz(stack);
    ResilienceObjectives.declare(alone, { tier: WorkloadTier.NON_PRODUCTION });
    ResilienceObjectives.declare(changed, { tier: WorkloadTier.NON_PRODUCTION, availabilityTarget: 99 });
    ResilienceObjectives.declare(preset, { preset: ResiliencePreset.BUSINESS_CRITICAL, tier: WorkloadTier.NON_PRODUCTION });
    expect(objectivesIn(alone)).toEqual({
      tier: 'non-production',
      availability: 99.5,
      surviveRegionFailure: false,
      instance: { rto: 14400, rpo: 86400 },
      az: { rto: 86400, rpo: 86400 },
      source: 'tier non-production',
    });
    expect(objectivesIn(changed)).toMatchObject({ tier: 'non-production', availability: 99, az: { rto: 86400, rpo: 86400 }, source: 'tier non-production with changes' });
    expect(objectivesIn(preset)).toMatchObject({ tier: 'non-production', availability: 99.95, az: { rto: 1800, rpo: 300 }, source: 'preset business-critical with changes' });
  });

  test('rejects an availability target that is not a percentage, naming the scope', () => {
    const app = new App();
    expect(() => ResilienceObjectives.declare(new Stack(app, 'S'), { availabilityTarget: 150 }))
      .toThrow(/^ResilienceObjectives\.declare\(S\): invalid resilience objectives: availabilityTarget must be a percentage above 0 and up to 100, not 150$/);
  });

  test('the error points at the code that declared the objectives, not into cdk-ha', () => {
    let error: Error | undefined;
    try {
      ResilienceObjectives.declare(new Stack(new App(), 'S'), { availabilityTarget: 150 });
    } catch (e) {
      error = e as Error;
    }
    expect(error!.stack!.split('\n').find(l => /^\s+at /.test(l))).toMatch(/objectives\.test\.ts/);
  });
});

describe('the HaChecks aspect with objectives', () => {
  test('shows a breached verdict on the stack, and each breach on the resource behind it', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    singleAz(stack);
    ResilienceObjectives.declare(stack, { availabilityTarget: 99.9, zoneFailure: { rto: Duration.minutes(15), rpo: Duration.minutes(5) } });
    const checks = HaChecks.applyTo(app);
    const verdict = Annotations.fromStack(stack).findWarning('/S', Match.stringLikeRegexp('^\\[cdk-ha\\] Resilience objectives'));
    expect(verdict).toHaveLength(1);
    // A short table, one line per judged figure: objective, target, estimate, verdict, weakest link, drills.
    expect(String(verdict[0].entry.data).replace(/ \[ack: .*\]$/, '').split('\n')).toEqual([
      '[cdk-ha] Resilience objectives of stack S, declared in code: BREACHED',
      expect.stringMatching(/^ {2}objective +target +estimate +verdict +weakest link +drilled by$/),
      expect.stringMatching(/^ {2}availability +99\.9% +99\.500% +breached +Db$/),
      expect.stringMatching(/^ {2}host or instance failure RTO +30 min +no objective +Db$/),
      expect.stringMatching(/^ {2}host or instance failure RPO +0 s +no objective +Db$/),
      expect.stringMatching(/^ {2}Availability Zone failure RTO +15 min +1 h +breached +Db +none$/),
      expect.stringMatching(/^ {2}Availability Zone failure RPO +5 min +5 min +met +Db +none$/),
    ]);
    expect(checks.findings.filter(f => f.ruleId.startsWith('HA-OBJ')).map(f => `${f.ruleId} ${f.logicalId}`)).toEqual(['HA-OBJ1 Db', 'HA-OBJ3 Db']);
  });

  test('shows the verdict as info when every objective is met', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    multiAz(stack);
    ResilienceObjectives.declare(stack, { availabilityTarget: 99.9, zoneFailure: { rto: Duration.minutes(15), rpo: Duration.minutes(5) } });
    HaChecks.applyTo(app);
    Annotations.fromStack(stack).hasInfo('/S', Match.stringLikeRegexp('^\\[cdk-ha\\] Resilience objectives of stack S, declared in code: MET\\n'));
  });

  test('objectives from the @cdk-ha/objectives context, when no declaration applies', () => {
    const app = new App({ context: { '@cdk-ha/objectives': 'non-production' } });
    const stage = new Stage(app, 'Dev');
    const stack = new Stack(stage, 'S');
    singleAz(stack);
    const checks = HaChecks.applyTo(stage);
    app.synth();
    expect(checks.findings.find(f => f.ruleId === 'HA-RDS1')!.severity).toBe('info');
    expect(objectivesIn(stack)).toMatchObject({ tier: 'non-production', source: 'preset non-production' });
  });

  test('an invalid context value is a clear error naming the stack', () => {
    const app = new App({ context: { '@cdk-ha/objectives': { preset: 'gold' } } });
    singleAz(new Stack(app, 'S'));
    HaChecks.applyTo(app);
    expect(() => app.synth()).toThrow(/context @cdk-ha\/objectives of S: invalid resilience objectives: preset must be one of mission-critical, business-critical, non-production/);
  });
});

describe('the command line with objectives', () => {
  const { app, outdir, cleanup } = tempApp();
  const stack = new Stack(app, 'Shop');
  singleAz(stack);
  ResilienceObjectives.declare(stack, { availabilityTarget: 99.9, zoneFailure: { rto: Duration.minutes(15), rpo: Duration.minutes(5) } });
  app.synth();
  afterAll(cleanup);

  test('judges the objectives recorded in cdk.out, with an assessment in the JSON report', () => {
    const run = runCli(['check', outdir, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    expect(report.findings.map((f: any) => f.ruleId).filter((id: string) => /^HA-(OBJ|RDS1$)/.test(id)).sort()).toEqual(['HA-OBJ1', 'HA-OBJ3', 'HA-RDS1']);
    const shop = report.assessment.workloads[0];
    expect(report.assessment.schemaVersion).toBe(2);
    expect(shop).toMatchObject({ workload: expect.any(String), stacks: ['Shop'], verdict: 'breached' });
    expect(report.assessment.assumptions.length).toBeGreaterThan(2);
    expect(shop.objectives).toMatchObject({ availability: 99.9, az: { rto: 900, rpo: 300 } });
    expect(shop.availability).toEqual({ verdict: 'breached', objectivePercent: 99.9, estimatePercent: 99.5, groups: [{ members: ['Db'], estimatePercent: 99.5 }] });
    const db = { stack: 'Shop', logicalId: 'Db', resourceType: 'AWS::RDS::DBInstance' };
    expect(shop.recovery.az.rto).toEqual({ verdict: 'breached', objectiveSeconds: 900, estimateSeconds: 3600, notRecoverable: false, weakestLink: db, basis: expect.stringMatching(/^restore from backup/), undecided: [] });
    expect(shop.byStack).toEqual([{ stack: 'Shop', templatePath: expect.stringMatching(/Shop\.template\.json$/), recovery: shop.recovery }]);
    expect(shop.recovery.region.rpo).toMatchObject({ verdict: 'not-required', notRecoverable: true, estimateSeconds: null });
    expect(shop.resources[0]).toMatchObject({ stack: 'Shop', logicalId: 'Db', holdsData: true, configuration: 'RDS Single-AZ instance', slaPercent: 99.5, recovery: { az: { rto: { seconds: 3600, source: expect.stringMatching(/^https:/) } } } });
  });

  test('--objectives overrides what the templates declare: a preset, inline settings or a file', () => {
    expect(JSON.parse(runCli(['check', outdir, '--format', 'json', '--objectives', 'non-production']).stdout).assessment.workloads[0].objectives.tier).toBe('non-production');
    expect(JSON.parse(runCli(['check', outdir, '--format', 'json', '--objectives', 'availability=99,az.rto=2h']).stdout).assessment.workloads[0].availability.verdict).toBe('met');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-obj-')), 'objectives.yaml');
    fs.writeFileSync(file, 'preset: mission-critical\navailability: 99.9\n');
    const fromFile = JSON.parse(runCli(['check', outdir, '--format', 'json', '--objectives', file]).stdout).assessment.workloads[0].objectives;
    expect(fromFile).toMatchObject({ availability: 99.9, surviveRegionFailure: true });
  });

  test('text and Markdown show the assessment per workload as a table', () => {
    const text = runCli(['check', outdir]).stdout;
    expect(text).toMatch(/\nResilience objectives of stack Shop, declared in code: BREACHED\n {2}objective +target +estimate +verdict +weakest link +drilled by\n {2}availability +99\.9% +99\.500% +breached +Db\n/);
    expect(text).toMatch(/\n {2}host or instance failure RTO +30 min +no objective +Db\n {2}host or instance failure RPO +0 s +no objective +Db\n {2}Availability Zone failure RTO +15 min +1 h +breached +Db +none\n/);
    expect(runCli(['check', outdir, '--format', 'markdown']).stdout).toMatch(
      /### Resilience objectives of stack Shop, declared in code: breached\n\n\| Objective \| Target \| Estimate \| Verdict \| Weakest link \| Drilled by \|\n\|---[^\n]*\n\| availability \| 99\.9% \| 99\.500% \| breached \| `Db` \|  \|/);
  });

  test('invalid --objectives is a usage error', () => {
    const run = runCli(['check', outdir, '--objectives', 'az.rto=soon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cdk-ha: --objectives: invalid resilience objectives: az\.rto must be a duration such as 90s, 5m or 1h, not "soon"\n/);
  });
});
