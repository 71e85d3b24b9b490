import { brief, isObject, Json, scalarText } from '../model/json';
import { Resource, resourceOf } from '../model/template-model';
import { asString, describeUndecided, evaluate, intrinsicName } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { configRule, decideSpread, fail, notApplicable, Outcome, PASS, Rule, RuleContext, unknown, WA } from './rule';

/** An option setting as the environment will get it: the raw value and where it is set, absent, or undecided. */
type Option =
  | { readonly kind: 'set'; readonly raw: Json; readonly where: string }
  | { readonly kind: 'absent' }
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * The settings sources of an environment, highest precedence first: its own `OptionSettings`, then the
 * configuration template it names, when that template is in this stack.
 */
function sources(env: Resource): { resources: Resource[]; external?: string } {
  const resources = [env];
  if (!env.has('TemplateName')) return { resources };
  const template = env.value('TemplateName');
  const saved = resourceOf(template);
  if (!saved || saved.type !== 'AWS::ElasticBeanstalk::ConfigurationTemplate') {
    return { resources, external: `the saved configuration ${template.kind === 'literal' ? scalarText(template.value) ?? brief(template.value) : describeUndecided(template)} is not in this template` };
  }
  resources.push(saved);
  if (saved.has('SourceConfiguration')) return { resources, external: `configuration template ${saved.logicalId} copies a source configuration outside this template` };
  return { resources };
}

/** The value of one option setting of an environment. */
function option(env: Resource, _ctx: RuleContext, namespace: string, name: string): Option {
  const { resources, external } = sources(env);
  for (const source of resources) {
    const list = source.list('OptionSettings');
    if (!list.known) return { kind: 'unknown', reason: `OptionSettings of ${source.logicalId} is ${list.reason}` };
    for (let i = list.value.length - 1; i >= 0; i--) {
      const ns = source.str(`OptionSettings.${i}.Namespace`);
      const on = source.str(`OptionSettings.${i}.OptionName`);
      if (!ns.known || !on.known) return { kind: 'unknown', reason: `an option setting of ${source.logicalId} has a namespace or name decided at deploy time` };
      if (ns.value === namespace && on.value === name) {
        const item = list.value[i];
        return { kind: 'set', raw: isObject(item) ? item.Value ?? null : null, where: source === env ? `OptionSettings.${i}` : `${source.logicalId} OptionSettings.${i}` };
      }
    }
  }
  if (external) return { kind: 'unknown', reason: `${namespace} ${name} is not set here and ${external}` };
  return { kind: 'absent' };
}

/** An option's text, with its default when absent. */
function optionText(env: Resource, ctx: RuleContext, namespace: string, name: string, defaultValue: string):
{ known: true; value: string; explicit: boolean; where: string } | { known: false; reason: string } {
  const o = option(env, ctx, namespace, name);
  if (o.kind === 'absent') return { known: true, value: defaultValue, explicit: false, where: 'OptionSettings' };
  if (o.kind === 'unknown') return { known: false, reason: o.reason };
  const text = asString(evaluate(o.raw, ctx.model));
  return text.known ? { known: true, value: text.value, explicit: true, where: o.where } : { known: false, reason: `${namespace} ${name} is ${text.reason}` };
}

const EB_HA_DOC = { label: 'Elastic Beanstalk environment types', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/using-features-managing-env-types.html' };
const EB_DEFAULTS = 'Option settings from `.ebextensions` in the application bundle are not seen: settings in the template take '
  + 'precedence over them, and an option set in neither takes its Elastic Beanstalk default.';

export const EB_SINGLE_INSTANCE: Rule = {
  id: 'HA-EB1',
  title: 'Elastic Beanstalk environment runs a single instance',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::ElasticBeanstalk::Environment'],
  explanation:
    'A single-instance environment has no load balancer and one EC2 instance: an instance, zone or deployment failure is an '
    + 'outage. A load-balanced environment whose Auto Scaling group may shrink to one instance has the same weakness whenever '
    + 'it runs at its minimum.',
  flags: '`aws:elasticbeanstalk:environment` `EnvironmentType: SingleInstance` (error); a load-balanced environment with '
    + '`aws:autoscaling:asg` `MinSize` absent or below 2 (warning).',
  defaults: `\`EnvironmentType\` defaults to \`LoadBalanced\`; \`MinSize\` defaults to 1. ${EB_DEFAULTS}`,
  remediation: 'Use a load-balanced environment (`EnvironmentType: LoadBalanced`) and set `aws:autoscaling:asg` `MinSize` to at least 2, '
    + 'one instance per Availability Zone.',
  references: [EB_HA_DOC, WA.REL10_BP01, WA.REL11_BP05],
  evaluate(r, ctx) {
    const type = optionText(r, ctx, 'aws:elasticbeanstalk:environment', 'EnvironmentType', 'LoadBalanced');
    if (!type.known) return unknown('OptionSettings', `Whether environment ${r.logicalId} is load balanced is decided outside the template: ${type.reason}.`);
    if (type.value === 'SingleInstance') {
      return fail(type.where, `Elastic Beanstalk environment ${r.logicalId} is a single-instance environment: an instance or zone failure is an outage.`);
    }
    const min = optionText(r, ctx, 'aws:autoscaling:asg', 'MinSize', '1');
    if (!min.known) return unknown('OptionSettings', `The minimum size of environment ${r.logicalId} is decided outside the template: ${min.reason}.`);
    const n = Number(min.value);
    if (!Number.isFinite(n)) return unknown(min.where, `aws:autoscaling:asg MinSize is ${min.value}, not a number.`);
    if (n >= 2) return PASS;
    return fail(min.where, `Elastic Beanstalk environment ${r.logicalId} has MinSize ${n}${min.explicit ? '' : ' (aws:autoscaling:asg MinSize is not set)'}: `
      + 'it may run a single instance, whose failure is an outage until a replacement is healthy.', Severity.WARNING);
  },
};

/** The raw subnet references of a comma-separated `Subnets` option, or why they are not known. */
function subnetItems(raw: Json, ctx: RuleContext): { items: Json[] } | { undecided: string } {
  const value = evaluate(raw, ctx.model);
  if (value.kind === 'literal' && typeof value.value === 'string') return { items: value.value.split(',').map(s => s.trim()).filter(s => s) };
  if (value.kind === 'reference') return { items: [raw] };
  if (intrinsicName(raw) === 'Fn::Join') {
    const arg = (raw as { 'Fn::Join': Json })['Fn::Join'];
    if (Array.isArray(arg) && arg.length === 2 && arg[0] === ',' && Array.isArray(arg[1])) return { items: arg[1] };
  }
  return { undecided: describeUndecided(value) };
}

export const EB_MULTI_AZ: Rule = {
  id: 'HA-EB2',
  title: 'Elastic Beanstalk environment uses subnets in one Availability Zone',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::ElasticBeanstalk::Environment'],
  explanation:
    'In a custom VPC, an environment launches its instances only in the subnets of `aws:ec2:vpc` `Subnets`. In one zone, a '
    + 'zone failure stops every instance, and the Auto Scaling group cannot replace them elsewhere.',
  flags: 'A load-balanced environment whose `aws:ec2:vpc` `Subnets` are in fewer than two zones.',
  defaults: `Without \`Subnets\` the environment uses the default VPC and is not judged. ${EB_DEFAULTS}`,
  remediation: 'Set `aws:ec2:vpc` `Subnets` (and `ELBSubnets`) to subnets in at least two Availability Zones.',
  references: [EB_HA_DOC, WA.REL10_BP01],
  evaluate(r, ctx) {
    const type = optionText(r, ctx, 'aws:elasticbeanstalk:environment', 'EnvironmentType', 'LoadBalanced');
    if (type.known && type.value === 'SingleInstance') return notApplicable('a single-instance environment, judged by the single-instance rule');
    const subnets = option(r, ctx, 'aws:ec2:vpc', 'Subnets');
    if (subnets.kind === 'absent') return notApplicable('no subnets: the environment uses the default VPC');
    if (subnets.kind === 'unknown') return unknown('OptionSettings', `The subnets of environment ${r.logicalId} are decided outside the template: ${subnets.reason}.`);
    const items = subnetItems(subnets.raw, ctx);
    if ('undecided' in items) return unknown(subnets.where, `aws:ec2:vpc Subnets is ${items.undecided}, so the zones of environment ${r.logicalId} are decided at deploy time.`);
    return decideSpread(ctx.topology.spreadOfSubnets(items.items), subnets.where, `Elastic Beanstalk environment ${r.logicalId}`,
      'a zone failure stops every instance of the environment.');
  },
};

export const EB_ENHANCED_HEALTH: Rule = {
  id: 'HA-EB3',
  title: 'Elastic Beanstalk environment uses basic health reporting',
  severity: Severity.INFO,
  category: RuleCategory.MONITORING,
  resourceTypes: ['AWS::ElasticBeanstalk::Environment'],
  explanation:
    'Basic health only reflects load balancer health checks and instance status. Enhanced health adds request, latency and '
    + 'operating-system metrics from every instance, detects failing deployments sooner and can publish health to CloudWatch '
    + 'for alarms.',
  flags: 'An environment whose `aws:elasticbeanstalk:healthreporting:system` `SystemType` is absent or not `enhanced`.',
  defaults: `Environments created through the API or CloudFormation use basic health unless \`SystemType\` is \`enhanced\`. ${EB_DEFAULTS}`,
  remediation: 'Set `aws:elasticbeanstalk:healthreporting:system` `SystemType: enhanced` (with an instance profile and service role that allow it).',
  references: [
    configRule('beanstalk-enhanced-health-reporting-enabled'),
    { label: 'Enhanced health reporting and monitoring', url: 'https://docs.aws.amazon.com/elasticbeanstalk/latest/dg/health-enhanced.html' },
    WA.REL11_BP01,
  ],
  evaluate(r, ctx): Outcome {
    const system = optionText(r, ctx, 'aws:elasticbeanstalk:healthreporting:system', 'SystemType', 'basic');
    if (!system.known) return unknown('OptionSettings', `The health reporting of environment ${r.logicalId} is decided outside the template: ${system.reason}.`);
    if (system.value === 'enhanced') return PASS;
    return fail(system.where, `Elastic Beanstalk environment ${r.logicalId} uses ${system.value} health reporting${system.explicit ? '' : ' (SystemType is not set)'}: `
      + 'failing instances and deployments are detected later and with less detail.');
  },
};

/** Every Elastic Beanstalk rule; register these in the rule index. */
export const EB_RULES: readonly Rule[] = [EB_SINGLE_INSTANCE, EB_MULTI_AZ, EB_ENHANCED_HEALTH];
