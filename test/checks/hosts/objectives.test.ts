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
    expect(objectivesIn(b)).toEqual({ tier: 'non-production', surviveRegionFailure: false, az: { rto: 86400, rpo: 86400 }, source: 'declared in code' });
  });

  test('rejects an availability target that is not a percentage, naming the scope', () => {
    const app = new App();
    expect(() => ResilienceObjectives.declare(new Stack(app, 'S'), { availabilityTarget: 150 }))
      .toThrow(/^ResilienceObjectives\.declare\(S\): invalid resilience objectives: availabilityTarget must be a percentage above 0 and up to 100, not 150$/);
  });
});

describe('the HaChecks aspect with objectives', () => {
  test('shows a breached verdict on the stack, and each breach on the resource behind it', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    singleAz(stack);
    ResilienceObjectives.declare(stack, { availabilityTarget: 99.9, zoneFailure: { rto: Duration.minutes(15), rpo: Duration.minutes(5) } });
    const checks = HaChecks.applyTo(app);
    Annotations.fromStack(stack).hasWarning('/S', Match.stringLikeRegexp(
      '^\\[cdk-ha\\] Resilience objectives \\(declared in code\\): BREACHED\\. availability: objective 99\\.9%, estimated 99\\.500%: BREACHED; '
      + 'host or instance failure: RTO no objective, estimated 30 min \\(Db\\); .*Availability Zone failure: RTO objective 15 min, estimated 1 h \\(Db\\): BREACHED'));
    expect(checks.findings.filter(f => f.ruleId.startsWith('HA-OBJ')).map(f => `${f.ruleId} ${f.logicalId}`)).toEqual(['HA-OBJ1 Db', 'HA-OBJ3 Db']);
  });

  test('shows the verdict as info when every objective is met', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    multiAz(stack);
    ResilienceObjectives.declare(stack, { availabilityTarget: 99.9, zoneFailure: { rto: Duration.minutes(15), rpo: Duration.minutes(5) } });
    HaChecks.applyTo(app);
    Annotations.fromStack(stack).hasInfo('/S', Match.stringLikeRegexp('^\\[cdk-ha\\] Resilience objectives \\(declared in code\\): MET\\.'));
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
    const shop = report.assessment.stacks[0];
    expect(report.assessment.schemaVersion).toBe(1);
    expect(report.assessment.assumptions.length).toBeGreaterThan(2);
    expect(shop.objectives).toMatchObject({ availability: 99.9, az: { rto: 900, rpo: 300 } });
    expect(shop.availability).toEqual({ verdict: 'breached', objectivePercent: 99.9, estimatePercent: 99.5, groups: [{ members: ['Db'], estimatePercent: 99.5 }] });
    expect(shop.recovery.az.rto).toEqual({ verdict: 'breached', objectiveSeconds: 900, estimateSeconds: 3600, notRecoverable: false, weakestLink: 'Db', basis: expect.stringMatching(/^restore from backup/), undecided: [] });
    expect(shop.recovery.region.rpo).toMatchObject({ verdict: 'not-required', notRecoverable: true, estimateSeconds: null });
    expect(shop.resources[0]).toMatchObject({ logicalId: 'Db', configuration: 'RDS Single-AZ instance', slaPercent: 99.5, recovery: { az: { rto: { seconds: 3600, source: expect.stringMatching(/^https:/) } } } });
  });

  test('--objectives overrides what the templates declare: a preset, inline settings or a file', () => {
    expect(JSON.parse(runCli(['check', outdir, '--format', 'json', '--objectives', 'non-production']).stdout).assessment.stacks[0].objectives.tier).toBe('non-production');
    expect(JSON.parse(runCli(['check', outdir, '--format', 'json', '--objectives', 'availability=99,az.rto=2h']).stdout).assessment.stacks[0].availability.verdict).toBe('met');
    const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-obj-')), 'objectives.yaml');
    fs.writeFileSync(file, 'preset: mission-critical\navailability: 99.9\n');
    const fromFile = JSON.parse(runCli(['check', outdir, '--format', 'json', '--objectives', file]).stdout).assessment.stacks[0].objectives;
    expect(fromFile).toMatchObject({ availability: 99.9, surviveRegionFailure: true });
  });

  test('text and Markdown show the assessment per stack', () => {
    expect(runCli(['check', outdir]).stdout).toMatch(/ {2}Resilience objectives \(declared in code\): BREACHED\n {4}availability: objective 99\.9%, estimated 99\.500%: BREACHED\n {4}host or instance failure: RTO no objective, estimated 30 min \(Db\); RPO no objective, estimated 0 s \(Db\)\n {4}Availability Zone failure: RTO objective 15 min, estimated 1 h \(Db\): BREACHED/);
    expect(runCli(['check', outdir, '--format', 'markdown']).stdout).toMatch(/### Resilience objectives \(declared in code\): breached\n\nAvailability: objective 99\.9%, estimated 99\.500% \(breached\)\.\n\n\| Disruption \| RTO objective \|[^\n]*\n\|---[^\n]*\n\| host or instance failure \| {2}\| 30 min \(`Db`\) \| no-objective \|/);
  });

  test('invalid --objectives is a usage error', () => {
    const run = runCli(['check', outdir, '--objectives', 'az.rto=soon']);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^cdk-ha: --objectives: invalid resilience objectives: az\.rto must be a duration such as 90s, 5m or 1h, not "soon"\n/);
  });
});
