import type { Resource } from '../model/template-model';
import { RuleCategory, Severity } from '../types';
import { configRule, fail, notApplicable, Outcome, PASS, Rule, unknown, WA } from './rule';

/** An unknown outcome for a value that is not decided: set at deploy time, or not set and without a documented default. */
function notDecided(r: Resource, path: string, known: { readonly reason: string }): Outcome {
  return r.has(path)
    ? unknown(path, `${path} is ${known.reason}, so this can only be decided at deploy time.`)
    : unknown(path, `${path} is not set and has no documented default, so this cannot be decided from the template.`);
}

export const SAGEMAKER_INSTANCE_COUNT: Rule = {
  id: 'HA-SAGEMAKER1',
  title: 'SageMaker endpoint variant runs on a single instance',
  severity: Severity.WARNING,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::SageMaker::EndpointConfig'],
  explanation:
    'SageMaker spreads the instances of an endpoint variant across Availability Zones, but only if there are at least two. '
    + 'A variant with one instance is down while that instance fails, is replaced or its zone is unavailable, and every '
    + 'inference request to the endpoint fails meanwhile.',
  flags: 'An instance-based production variant with `InitialInstanceCount` below 2 (or, with managed instance scaling, '
    + '`ManagedInstanceScaling.MinInstanceCount` below 2).',
  defaults: 'Serverless variants (`ServerlessConfig`) are managed by SageMaker and not judged. A variant without `InitialInstanceCount` '
    + 'and without managed instance scaling is reported as unknown.',
  remediation: 'Set `InitialInstanceCount` to 2 or more for each production variant, and scale it with Application Auto Scaling '
    + '(`sagemaker:variant:DesiredInstanceCount`) keeping a minimum of 2.',
  references: [
    configRule('sagemaker-endpoint-config-prod-instance-count'),
    { label: 'Best practices for deploying models on SageMaker hosting services', url: 'https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-best-practices.html' },
    WA.REL10_BP01,
  ],
  evaluate(r) {
    const variants = r.list('ProductionVariants');
    if (!variants.known) return unknown('ProductionVariants', `ProductionVariants is ${variants.reason}.`);
    const outcomes: Outcome[] = [];
    for (let i = 0; i < variants.value.length; i++) {
      const base = `ProductionVariants.${i}`;
      if (r.has(`${base}.ServerlessConfig`)) { outcomes.push(notApplicable('a serverless variant')); continue; }
      const name = r.str(`${base}.VariantName`);
      const label = `variant ${name.known ? name.value : i} of endpoint config ${r.logicalId}`;
      const managedMin = r.num(`${base}.ManagedInstanceScaling.MinInstanceCount`);
      const managed = r.str(`${base}.ManagedInstanceScaling.Status`, 'DISABLED');
      const useManaged = managed.known && managed.value.toUpperCase() === 'ENABLED' && r.has(`${base}.ManagedInstanceScaling.MinInstanceCount`);
      const count = useManaged ? managedMin : r.num(`${base}.InitialInstanceCount`);
      const property = useManaged ? `${base}.ManagedInstanceScaling.MinInstanceCount` : `${base}.InitialInstanceCount`;
      if (!count.known) { outcomes.push(notDecided(r, property, count)); continue; }
      outcomes.push(count.value >= 2 ? PASS : fail(property, `The ${label} runs on ${count.value} instance${count.value === 1 ? '' : 's'}: `
        + 'when that instance or its Availability Zone fails, the endpoint cannot serve inference requests.'));
    }
    return outcomes.length ? outcomes : notApplicable('no production variants');
  },
};

/** Every SageMaker rule; register these in the rule index. */
export const SAGEMAKER_RULES: readonly Rule[] = [SAGEMAKER_INSTANCE_COUNT];
