import { App, CfnResource, Duration, Stack, Stage } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as rds from 'aws-cdk-lib/aws-rds';
import { HaChecks, ResilienceObjectives, ResilienceObjectivesOptions, ResiliencePreset, WorkloadTier } from '../../../src';
import { tempApp } from '../../helpers/apps';
import { cdkAtLeast, CDK_VERSION, describeFromCdk, testBeforeCdk, withCdkValidation } from '../../helpers/cdk-version';

const HUB = 'the Resilience Hub L1s (aws-resiliencehubv2)';
const POLICY = 'AWS::ResilienceHubV2::Policy';
const SERVICE = 'AWS::ResilienceHubV2::Service';
const TAG = 'cdk-ha:resilience-hub-service';
const NAME = /^[A-Za-z0-9][A-Za-z0-9_-]{1,59}$/;

const minutes = (d: Duration) => d.toMinutes();
const only = (template: Template, type: string) => {
  const found = Object.values(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0].Properties;
};

describeFromCdk('2.260.0', HUB, 'ResilienceObjectives with Resilience Hub output', () => {
  test('a stack\'s objectives become a policy with the same numbers, and a service that applies it to the stack', () => {
    const declared = {
      availabilityTarget: 99.9,
      instanceFailure: { rto: Duration.minutes(5), rpo: Duration.seconds(0) },
      zoneFailure: { rto: Duration.minutes(15), rpo: Duration.minutes(5) },
      regionFailure: { rto: Duration.hours(4), rpo: Duration.hours(1) },
    };
    const stack = new Stack(new App(), 'Shop', { env: { account: '123456789012', region: 'eu-west-1' } });
    ResilienceObjectives.declare(stack, { ...declared, resilienceHub: {} });
    const template = Template.fromStack(stack);

    const policy = only(template, POLICY);
    expect(policy).toEqual({
      Name: expect.stringMatching(NAME),
      Description: 'Resilience objectives of Shop (declared in code), declared with cdk-ha',
      AvailabilitySlo: { Target: declared.availabilityTarget },
      MultiAz: { RtoInMinutes: minutes(declared.zoneFailure.rto), RpoInMinutes: minutes(declared.zoneFailure.rpo) },
      MultiRegion: { RtoInMinutes: minutes(declared.regionFailure.rto), RpoInMinutes: minutes(declared.regionFailure.rpo) },
    });
    expect(policy.MultiAz).toEqual({ RtoInMinutes: 15, RpoInMinutes: 5 });
    expect(policy.MultiRegion).toEqual({ RtoInMinutes: 240, RpoInMinutes: 60 });

    const [policyId] = Object.keys(template.findResources(POLICY));
    const service = only(template, SERVICE);
    expect(service).toEqual({
      Name: expect.stringMatching(NAME),
      Description: expect.stringContaining('The stacks judged against the resilience objectives of Shop'),
      PolicyArn: { 'Fn::GetAtt': [policyId, 'PolicyArn'] },
      Regions: ['eu-west-1'],
      InputSources: [{ ResourceConfiguration: { CfnStackArn: { Ref: 'AWS::StackId' } } }],
    });
    expect(service.Name).not.toEqual(policy.Name);
    // The objectives are still recorded for the checks, unchanged by the Resilience Hub output.
    expect(template.toJSON().Metadata['cdk-ha'].objectives).toEqual({
      tier: 'production',
      availability: 99.9,
      surviveRegionFailure: true,
      instance: { rto: 300, rpo: 0 },
      az: { rto: 900, rpo: 300 },
      region: { rto: 14400, rpo: 3600 },
      source: 'declared in code',
    });
  });

  test.each([
    [ResiliencePreset.MISSION_CRITICAL, 99.99, { RtoInMinutes: 5, RpoInMinutes: 0 }, { RtoInMinutes: 60, RpoInMinutes: 15 }],
    [ResiliencePreset.BUSINESS_CRITICAL, 99.95, { RtoInMinutes: 30, RpoInMinutes: 5 }, { RtoInMinutes: 1440, RpoInMinutes: 1440 }],
  ])('preset %s: the policy has the preset\'s numbers', (preset, availability, multiAz, multiRegion) => {
    const stack = new Stack(new App(), 'S');
    ResilienceObjectives.declare(stack, { preset, resilienceHub: { policyName: 'shop-policy', serviceName: 'shop' } });
    const template = Template.fromStack(stack);
    expect(only(template, POLICY)).toEqual({
      Name: 'shop-policy',
      Description: `Resilience objectives of S (preset ${preset}), declared with cdk-ha`,
      AvailabilitySlo: { Target: availability },
      MultiAz: multiAz,
      ...(multiRegion ? { MultiRegion: multiRegion } : {}),
    });
    expect(only(template, SERVICE)).toMatchObject({ Name: 'shop', Regions: [{ Ref: 'AWS::Region' }] });
  });

  test('the non-production tier: the policy has the non-production numbers', () => {
    const stack = new Stack(new App(), 'S');
    ResilienceObjectives.declare(stack, { tier: WorkloadTier.NON_PRODUCTION, resilienceHub: { policyName: 'sandbox-policy', serviceName: 'sandbox' } });
    expect(only(Template.fromStack(stack), POLICY)).toEqual({
      Name: 'sandbox-policy',
      Description: 'Resilience objectives of S (tier non-production), declared with cdk-ha',
      AvailabilitySlo: { Target: 99.5 },
      MultiAz: { RtoInMinutes: 1440, RpoInMinutes: 1440 },
    });
  });

  test('objectives that are not whole minutes are rounded down, the stricter way, with a warning', () => {
    const stack = new Stack(new App(), 'S');
    ResilienceObjectives.declare(stack, { zoneFailure: { rto: Duration.seconds(90), rpo: Duration.seconds(30) }, resilienceHub: {} });
    expect(only(Template.fromStack(stack), POLICY).MultiAz).toEqual({ RtoInMinutes: 1, RpoInMinutes: 0 });
    const warnings = Annotations.fromStack(stack).findWarning('*', Match.stringLikeRegexp('Resilience Hub takes whole minutes'));
    expect(warnings.map(w => String(w.entry.data).replace(/ \[ack: .*\]$/, ''))).toEqual([
      'Resilience Hub takes whole minutes: zone failure RTO 90 s is 1 min, zone failure RPO 30 s is 0 min; the policy keeps the stricter whole minute below each.',
    ]);
  });

  test('whole minutes give no warning; a workload without zone or Region objectives has a policy with only its availability', () => {
    const stack = new Stack(new App(), 'S');
    const instanceFailure = { rto: Duration.minutes(1), rpo: Duration.seconds(0) };
    ResilienceObjectives.declare(stack, { availabilityTarget: 99.5, instanceFailure, resilienceHub: {} });
    const policy = only(Template.fromStack(stack), POLICY);
    expect(policy).toEqual({ Name: expect.any(String), Description: expect.any(String), AvailabilitySlo: { Target: 99.5 } });
    expect(Annotations.fromStack(stack).findWarning('*', Match.anyValue())).toEqual([]);
  });

  test('objectives of an App: the service in the stack given finds the workload\'s other stacks, in every Region, by a stack tag', () => {
    const { app, cleanup } = tempApp();
    try {
      const env = (region: string) => ({ env: { account: '123456789012', region } });
      const data = new Stack(app, 'Data', env('eu-west-1'));
      const web = new Stack(app, 'Web', env('eu-west-1'));
      const standby = new Stack(app, 'Standby', env('eu-central-1'));
      const sandbox = new Stack(app, 'Sandbox', env('eu-west-1'));
      ResilienceObjectives.declare(app, { preset: ResiliencePreset.BUSINESS_CRITICAL, resilienceHub: { stack: web } });
      // A stack with objectives of its own is judged apart, and is not part of the service.
      ResilienceObjectives.declare(sandbox, { tier: WorkloadTier.NON_PRODUCTION });

      const assembly = app.synth();
      const template = Template.fromStack(web);
      const service = only(template, SERVICE);
      expect(service.Regions).toEqual(['eu-west-1', 'eu-central-1']);
      expect(service.InputSources).toEqual([
        { ResourceConfiguration: { CfnStackArn: { Ref: 'AWS::StackId' } } },
        { ResourceConfiguration: { ResourceTags: [{ Key: TAG, Values: [service.Name] }] } },
      ]);
      expect(only(template, POLICY).Description).toBe('Resilience objectives of the app (preset business-critical), declared with cdk-ha');
      const tags = (stack: Stack) => assembly.getStackArtifact(stack.artifactId).tags;
      expect(tags(data)).toEqual({ [TAG]: service.Name });
      expect(tags(standby)).toEqual({ [TAG]: service.Name });
      expect(tags(web)).toEqual({});
      expect(tags(sandbox)).toEqual({});
      // No stack refers to another: the deployment order is the app's own.
      for (const stack of [data, web, standby, sandbox]) expect(stack.dependencies).toEqual([]);
      for (const stack of [data, standby, sandbox]) expect(Template.fromStack(stack).findResources(SERVICE)).toEqual({});
    } finally {
      cleanup();
    }
  });

  test('objectives of a Stage cover the Stage\'s stacks, not those of the App or of another Stage', () => {
    const app = new App();
    const prod = new Stage(app, 'Prod');
    const beta = new Stage(app, 'Beta');
    const [a, b] = [new Stack(prod, 'A'), new Stack(prod, 'B')];
    const [outside, other] = [new Stack(app, 'Outside'), new Stack(beta, 'A')];
    ResilienceObjectives.declare(app, { preset: ResiliencePreset.BUSINESS_CRITICAL });
    ResilienceObjectives.declare(prod, { preset: ResiliencePreset.MISSION_CRITICAL, resilienceHub: { stack: a, serviceName: 'prod' } });
    const tags = (stack: Stack) => Stage.of(stack)!.synth().getStackArtifact(stack.artifactId).tags;
    expect(tags(b)).toEqual({ [TAG]: 'prod' });
    expect(tags(a)).toEqual({});
    expect(tags(outside)).toEqual({});
    expect(tags(other)).toEqual({});
  });

  test('descriptions stay within the 615 characters Resilience Hub takes, however long the path', () => {
    const stack = new Stack(new App(), 'Shop'.repeat(200), { stackName: 'Shop' });
    ResilienceObjectives.declare(stack, { availabilityTarget: 99.9, resilienceHub: {} });
    const template = Template.fromStack(stack);
    for (const type of [POLICY, SERVICE]) {
      const text: string = only(template, type).Description;
      expect(text).toHaveLength(615);
      expect(text.endsWith('…')).toBe(true);
    }
  });

  test('the Resilience Hub resources change no finding and no verdict of the checks', () => {
    const build = (hub: boolean) => {
      const app = new App();
      const stack = new Stack(app, 'S');
      new rds.CfnDBInstance(stack, 'Db', { engine: 'postgres', dbInstanceClass: 'db.t4g.micro' });
      const props: ResilienceObjectivesOptions = { preset: ResiliencePreset.BUSINESS_CRITICAL };
      ResilienceObjectives.declare(stack, hub ? { ...props, resilienceHub: {} } : props);
      const checks = HaChecks.applyTo(app);
      app.synth();
      return {
        findings: checks.findings.map(f => `${f.ruleId} ${f.logicalId}`),
        verdict: Annotations.fromStack(stack).findWarning('/S', Match.stringLikeRegexp('^\\[cdk-ha\\] Resilience objectives')).map(w => w.entry.data),
      };
    };
    const without = build(false);
    expect(without.findings.length).toBeGreaterThan(0);
    expect(build(true)).toEqual(without);
  });

  describe('bad input', () => {
    const declare = (scope: Stack | App | Stage | CfnResource, options: ResilienceObjectivesOptions) => () =>
      ResilienceObjectives.declare(scope, options);

    test('objectives of an App or a Stage need the stack that holds the resources', () => {
      const app = new App();
      new Stack(app, 'S');
      expect(declare(app, { preset: ResiliencePreset.BUSINESS_CRITICAL, resilienceHub: {} })).toThrow(
        /^ResilienceObjectives\.declare\(<app>\): resilienceHub\.stack is required when objectives are declared on an App or a Stage: pass the stack of the workload that should hold the Resilience Hub policy and service$/);
    });

    test('the stack must be below the scope of the objectives', () => {
      const app = new App();
      const prod = new Stage(app, 'Prod');
      const elsewhere = new Stack(app, 'Elsewhere');
      expect(declare(prod, { availabilityTarget: 99.9, resilienceHub: { stack: elsewhere } })).toThrow(
        /^ResilienceObjectives\.declare\(Prod\): resilienceHub\.stack must be a stack below the scope of the objectives, not Elsewhere$/);
    });

    test('objectives declared on a construct inside a stack', () => {
      const stack = new Stack(new App(), 'S');
      const db = new rds.CfnDBInstance(stack, 'Db', { engine: 'postgres', dbInstanceClass: 'db.t4g.micro' });
      expect(declare(db, { availabilityTarget: 99.9, resilienceHub: {} })).toThrow(
        /^ResilienceObjectives\.declare\(S\/Db\): resilienceHub needs objectives declared on an App, a Stage or a Stack, not on a construct inside a stack; declare them on the stack$/);
    });

    test.each([['policyName', 'has space'], ['serviceName', 'x'], ['policyName', '-leading-dash'], ['serviceName', 'a'.repeat(61)]])(
      '%s %j', (prop, name) => {
        expect(declare(new Stack(new App(), 'S'), { availabilityTarget: 99.9, resilienceHub: { [prop]: name } })).toThrow(
          new RegExp(`^ResilienceObjectives\\.declare\\(S\\): resilienceHub\\.${prop} must be 2 to 60 letters, digits, '-' and '_', starting with a letter or digit, not "`));
      });

    test('two declarations cannot share the stack that holds the resources', () => {
      const app = new App();
      const stack = new Stack(app, 'S');
      ResilienceObjectives.declare(app, { availabilityTarget: 99.9, resilienceHub: { stack } });
      expect(declare(stack, { availabilityTarget: 99.5, resilienceHub: {} })).toThrow(
        /^ResilienceObjectives\.declare\(S\): the stack S already holds the Resilience Hub resources of other objectives; pass another stack as resilienceHub\.stack, or declare the objectives once$/);
    });

    test('the stack that holds the service must be judged against these objectives, not nearer ones', () => {
      const app = new App();
      const stack = new Stack(app, 'S');
      new Stack(app, 'Other');
      ResilienceObjectives.declare(app, { availabilityTarget: 99.9, resilienceHub: { stack } });
      ResilienceObjectives.declare(stack, { availabilityTarget: 99.5 });
      expect(() => app.synth()).toThrow(/ResilienceObjectives\.declare\(<app>\): the stack S that holds the Resilience Hub service is judged against other objectives, declared nearer to it; pass a stack these objectives apply to as resilienceHub\.stack/);
    });

    test('the error points at the code that declared the objectives', () => {
      let error: Error | undefined;
      try {
        ResilienceObjectives.declare(new App(), { availabilityTarget: 99.9, resilienceHub: {} });
      } catch (e) {
        error = e as Error;
      }
      expect(error!.stack!.split('\n').find(l => /^\s+at /.test(l))).toMatch(/resilience-hub\.test\.ts/);
    });
  });
});

describe('ResilienceObjectives with Resilience Hub output on an aws-cdk-lib without the L1s', () => {
  const message = new RegExp(
    '^ResilienceObjectives\\.declare\\(S\\): resilienceHub needs aws-cdk-lib 2\\.260\\.0 or later, the first with the Resilience Hub resources ' +
    'AWS::ResilienceHubV2::Policy and AWS::ResilienceHubV2::Service; this app uses aws-cdk-lib ' + CDK_VERSION.replace(/\./g, '\\.') +
    '\\. Upgrade aws-cdk-lib, or leave out resilienceHub \\(the objectives are still judged at synth\\)\\.$');

  test('names the version it needs (the module made unloadable)', () => {
    jest.doMock('aws-cdk-lib/aws-resiliencehubv2', () => {
      throw Object.assign(new Error("Cannot find module 'aws-cdk-lib/aws-resiliencehubv2'"), { code: 'MODULE_NOT_FOUND' });
    }, { virtual: true }); // virtual: an aws-cdk-lib before 2.260.0 has no such module to mock
    try {
      const stack = new Stack(new App(), 'S');
      expect(() => ResilienceObjectives.declare(stack, { availabilityTarget: 99.9, resilienceHub: {} })).toThrow(message);
      // Nothing was declared: the stack has no objectives and no resources.
      expect(Template.fromStack(stack).toJSON().Resources).toBeUndefined();
      expect(Template.fromStack(stack).toJSON().Metadata).toBeUndefined();
    } finally {
      jest.dontMock('aws-cdk-lib/aws-resiliencehubv2');
    }
  });

  testBeforeCdk('2.260.0', 'has no aws-resiliencehubv2', 'names the version it needs (the installed aws-cdk-lib)', () => {
    expect(cdkAtLeast('2.260.0')).toBe(false);
    expect(() => ResilienceObjectives.declare(new Stack(new App(), 'S'), { availabilityTarget: 99.9, resilienceHub: {} })).toThrow(message);
  });
});

describeFromCdk('2.262.0', 'the built-in CloudFormation validator', 'Resilience Hub output and CloudFormation validation', () => {
  withCdkValidation();

  test('every preset\'s policy and service pass the resource schemas with the default rules on, and a policy the schema rejects fails', () => {
    const context = { '@aws-cdk/core:validateAgainstDefaultRules': true };
    const good = tempApp({ context });
    const bad = tempApp({ context });
    try {
      for (const preset of Object.values(ResiliencePreset)) {
        ResilienceObjectives.declare(new Stack(good.app, preset), { preset, resilienceHub: {} });
      }
      // A workload in two Regions: the service in one, the other found by its tag.
      const multi = new Stage(good.app, 'Multi');
      const primary = new Stack(multi, 'Primary', { env: { account: '123456789012', region: 'eu-west-1' } });
      const standby = new Stack(multi, 'Standby', { env: { account: '123456789012', region: 'us-east-2' } });
      new CfnResource(standby, 'Topic', { type: 'AWS::SNS::Topic' });
      ResilienceObjectives.declare(multi, { preset: ResiliencePreset.MISSION_CRITICAL, resilienceHub: { stack: primary } });
      expect(() => good.app.synth()).not.toThrow();

      // The control: the validator is really on, and reads the Resilience Hub schemas.
      const stack = new Stack(bad.app, 'Bad');
      ResilienceObjectives.declare(stack, { preset: ResiliencePreset.BUSINESS_CRITICAL, resilienceHub: {} });
      (stack.node.findChild('ResilienceHub').node.findChild('Policy') as CfnResource).addPropertyOverride('MultiAz.RtoInMinutes', -1);
      expect(() => bad.app.synth()).toThrow(/MultiAz\.RtoInMinutes: -1 is less than the minimum of 0/);
    } finally {
      good.cleanup();
      bad.cleanup();
    }
  }, 120_000);
});
