import { App, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { buildDrillsApp } from '../../examples/drills/app';
import { runCli, tempApp } from '../helpers/apps';
import { describeFromCdk, withCdkValidation } from '../helpers/cdk-version';

const CONTEXT = { 'availability-zones:account=123456789012:region=eu-west-1': ['eu-west-1a', 'eu-west-1b', 'eu-west-1c'] };

describe('examples/drills', () => {
  test('the workload and its two drills synthesize with no cdk-ha findings', () => {
    const app = new App({ context: CONTEXT });
    const { stack, checks } = buildDrillsApp(app);
    app.synth();
    expect(checks.findings.map(f => `${f.ruleId} ${f.constructPath} ${f.status}`)).toEqual([]);
    const template = Template.fromStack(stack);
    template.resourceCountIs('AWS::FIS::ExperimentTemplate', 2);
    template.resourceCountIs('AWS::ARCZonalShift::ZonalAutoshiftConfiguration', 1);
    template.resourceCountIs('AWS::Scheduler::Schedule', 0);
    expect(stack.zoneDrill.exercises).toEqual(['instance', 'az']);
    expect(stack.databaseDrill.exercises).toEqual(['instance']);
  });

  test('the assessment shows which drill exercises each objective', () => {
    const { app, outdir, cleanup } = tempApp({ context: CONTEXT });
    try {
      buildDrillsApp(app, { monthly: true });
      app.synth();
      const run = runCli(['check', outdir]);
      expect(run.code).toBe(0);
      const table = run.stdout.split('\n').map(l => l.trim());
      expect(table).toContainEqual(expect.stringMatching(/^objective +target +estimate +verdict +weakest link +drilled by$/));
      expect(table.find(l => l.startsWith('host or instance failure RTO'))).toMatch(/met .* ZoneDrillTemplate\w+ \(scheduled\), DatabaseDrillTemplate\w+$/);
      expect(table.find(l => l.startsWith('Availability Zone failure RTO'))).toMatch(/met .* ZoneDrillTemplate\w+ \(scheduled\), WebZonalAutoshift\w+ practice runs$/);
      expect(table.find(l => l.startsWith('availability '))).not.toMatch(/Drill/);
    } finally {
      cleanup();
    }
  });

  test('`cdk-ha check` of the cloud assembly reports the drills in its JSON assessment', () => {
    const { app, outdir, cleanup } = tempApp({ context: CONTEXT });
    try {
      buildDrillsApp(app);
      app.synth();
      const run = runCli(['check', outdir, '--format', 'json']);
      expect(run.code).toBe(0);
      const report = JSON.parse(run.stdout);
      expect(report.findings).toEqual([]);
      const drills = report.assessment.workloads[0].drills;
      expect(drills.az.map((d: any) => [d.kind, d.scheduled])).toEqual([['experiment', false], ['practice-runs', true]]);
      expect(drills.instance.map((d: any) => d.logicalId)).toEqual([expect.stringMatching(/^ZoneDrill/), expect.stringMatching(/^DatabaseDrill/)]);
      expect(drills.region).toEqual([]);
    } finally {
      cleanup();
    }
  });
});

describeFromCdk('2.258.0', 'the construct tree on the validation context', 'examples/drills and cdk-nag AwsSolutions', () => {
  test('the drills acknowledge only the wildcards FIS needs, each with its reason, and leave nothing else', () => {
    const { app, cleanup } = tempApp({ context: CONTEXT });
    try {
      const { stack } = buildDrillsApp(app, { monthly: true });
      const nag = new AwsSolutionsChecks(app);
      Validations.of(app).addPlugins(nag);
      expect(() => app.synth()).not.toThrow();
      expect(nag.validateScope(app).violations.map(v => `${v.ruleName} ${v.violatingResources.map(r => r.constructPath).join(' ')}`)).toEqual([]);
      const acknowledged = stack.zoneDrill.node.findAll().flatMap(c => c.node.metadata
        .filter(m => m.type === Validations.ACKNOWLEDGED_RULES_METADATA_KEY).flatMap(m => Object.keys(m.data as object)));
      expect(acknowledged.sort()).toEqual([
        'AwsSolutions-IAM5[Resource::*]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:eu-west-1:123456789012:instance/*]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:eu-west-1:123456789012:network-acl/*]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:ec2:eu-west-1:123456789012:vpc/*]',
        'AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:fis:eu-west-1:123456789012:experiment/*]',
      ]);
    } finally {
      cleanup();
    }
  }, 120_000);
});

describeFromCdk('2.262.0', 'the built-in CloudFormation validator', 'examples/drills under CloudFormation validation', () => {
  withCdkValidation();

  test('the experiment templates, the schedule and the autoshift configuration have no finding', () => {
    const app = new App({ context: { ...CONTEXT, '@aws-cdk/core:validateAgainstDefaultRules': true } });
    buildDrillsApp(app, { monthly: true });
    expect(() => app.synth()).not.toThrow();
  }, 120_000);
});
