import { App, CfnOutput, DefaultStackSynthesizer, ISynthesisSession, Lazy, Stack } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { HaChecks } from '../../../src';

/** The checks read each stack's template as synthesis renders it: they must not change it. */
function shop(withChecks: boolean) {
  const app = new App();
  const stack = new Stack(app, 'Shop');
  const vpc = new ec2.Vpc(stack, 'Vpc', { natGateways: 1 });
  const db = new rds.DatabaseInstance(stack, 'Db', { engine: rds.DatabaseInstanceEngine.POSTGRES, vpc });
  const dead = new sqs.Queue(stack, 'Dead');
  const work = new sqs.Queue(stack, 'Work', { deadLetterQueue: { queue: dead, maxReceiveCount: 3 } });
  const fn = new lambda.Function(stack, 'Fn', {
    runtime: lambda.Runtime.NODEJS_20_X, handler: 'index.handler', code: lambda.Code.fromInline('exports.handler = async () => 1;'), vpc,
  });
  work.grantConsumeMessages(fn);
  db.connections.allowDefaultPortFrom(fn);
  (dead.node.defaultChild as sqs.CfnQueue).overrideLogicalId('DeadLetters');
  stack.renameLogicalId(stack.resolve((work.node.defaultChild as sqs.CfnQueue).logicalId), 'WorkQueue');
  const checks = withChecks ? HaChecks.applyTo(app) : undefined;
  return { app, stack, db, checks };
}

describe('HaChecks reading the rendered template', () => {
  test('synthesis writes the same template with and without the checks', () => {
    const plain = shop(false);
    const checked = shop(true);
    expect(Template.fromStack(checked.stack).toJSON()).toEqual(Template.fromStack(plain.stack).toJSON());
    expect(checked.checks!.findings.some(f => f.ruleId === 'HA-RDS1' && f.constructPath === 'Shop/Db/Resource')).toBe(true);
  });

  test('leaves the stack as it was once it is rendered', () => {
    const { app, stack } = shop(true);
    app.synth();
    expect(Object.prototype.hasOwnProperty.call(stack, '_toCloudFormation')).toBe(false);
    expect(Object.prototype.hasOwnProperty.call(stack, 'getLogicalId')).toBe(false);
  });

  test('a finding lands on its resource when the logical ID is overridden, even if the derived ID is asked for', () => {
    const app = new App();
    const stack = new Stack(app, 'S');
    const db = new rds.CfnDBInstance(stack, 'Db', { engine: 'mysql', dbInstanceClass: 'db.t4g.micro' });
    db.overrideLogicalId('Primary');
    // Something that asks the stack for the ID it would have derived while the template renders.
    new CfnOutput(stack, 'Derived', { value: Lazy.uncachedString({ produce: () => stack.getLogicalId(db) }) });
    const checks = HaChecks.applyTo(app);
    Annotations.fromStack(stack).hasWarning('/S/Db', Match.stringLikeRegexp('^\\[HA-RDS1\\] DB instance Primary is Single-AZ'));
    expect(checks.findings.filter(f => f.ruleId === 'HA-RDS1').map(f => `${f.logicalId} ${f.constructPath}`)).toEqual(['Primary S/Db']);
  });

  test('synthesis that stops and runs again annotates each finding once', () => {
    /** Synthesis stops at this stack the first time (say, the disk is full), before the next stack renders. */
    class FailsOnce extends DefaultStackSynthesizer {
      private failed = false;
      public synthesize(session: ISynthesisSession): void {
        if (!this.failed) {
          this.failed = true;
          throw new Error('disk full');
        }
        super.synthesize(session);
      }
    }
    const app = new App();
    new Stack(app, 'First', { synthesizer: new FailsOnce() });
    new sqs.Queue(app.node.findChild('First'), 'Queue');
    const second = new Stack(app, 'Second');
    new rds.CfnDBInstance(second, 'Db', { engine: 'mysql', dbInstanceClass: 'db.t4g.micro' });
    const checks = HaChecks.applyTo(app);
    expect(() => app.synth()).toThrow('disk full');
    app.synth({ force: true });
    const rds1 = Annotations.fromStack(second).findWarning('/Second/Db', Match.stringLikeRegexp('^\\[HA-RDS1\\]'));
    expect(rds1).toHaveLength(1);
    expect(checks.findings.filter(f => f.ruleId === 'HA-RDS1')).toHaveLength(1);
  });

  test('the template rendered for the checks is written with what the stack synthesizer adds just before writing', () => {
    const { app, stack } = shop(true);
    const template = Template.fromStack(stack).toJSON();
    // The bootstrap version parameter and rule come from DefaultStackSynthesizer, after validation.
    expect(Object.keys(template.Parameters)).toEqual(['BootstrapVersion']);
    expect(Object.keys(template.Rules)).toEqual(['CheckBootstrapVersion']);
    expect(app.synth().getStackByName('Shop').template).toEqual(template);
  });

  test('an aws-cdk-lib that cannot render a stack for the checks stops synthesis with a message that says what to use instead', () => {
    const { app, stack } = shop(true);
    Object.defineProperty(stack, '_toCloudFormation', { value: undefined, configurable: true, writable: true });
    expect(() => app.synth()).toThrow(/cdk-ha cannot render the template of Shop with this version of aws-cdk-lib .* use HaValidationPlugin or `cdk-ha check cdk.out` instead/);
  });

  test('a rendering that cannot be intercepted is rendered again by synthesis, and the checks still report', () => {
    const { app, stack, checks } = shop(true);
    const prototype = Object.getPrototypeOf(stack);
    Object.defineProperty(stack, '_toCloudFormation', { value: function (this: Stack) { return prototype._toCloudFormation.call(this); }, configurable: false, writable: false });
    const template = app.synth().getStackByName('Shop').template;
    expect(Object.keys(template.Parameters)).toEqual(['BootstrapVersion']);
    expect(checks!.findings.some(f => f.ruleId === 'HA-RDS1')).toBe(true);
  });

  test('when synthesis skips validation, the checks run when the first template is rendered', () => {
    const { app, stack, checks } = shop(true);
    app.synth({ skipValidation: true });
    expect(checks!.findings.some(f => f.ruleId === 'HA-RDS1')).toBe(true);
    Annotations.fromStack(stack).hasWarning('/Shop/Db/Resource', Match.stringLikeRegexp('^\\[HA-RDS1\\]'));
  });
});
