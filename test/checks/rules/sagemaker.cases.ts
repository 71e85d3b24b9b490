import { RuleCases } from './cases';
import { SAGEMAKER_INSTANCE_COUNT } from '../../../src/checks/rules/sagemaker';
import { res, template } from '../../helpers/templates';

const variant = (props: Record<string, unknown> = {}) => ({ VariantName: 'primary', ModelName: 'm', InstanceType: 'ml.m5.large', InitialVariantWeight: 1, ...props });
const config = (...variants: Record<string, unknown>[]) => res('AWS::SageMaker::EndpointConfig', { ProductionVariants: variants });
const params = { Parameters: { N: { Type: 'Number' } } };

export const SAGEMAKER_CASES: RuleCases[] = [
  {
    rule: SAGEMAKER_INSTANCE_COUNT,
    compliant: {
      'two instances': { template: template({ C: config(variant({ InitialInstanceCount: 2 })) }), target: 'C' },
      'managed instance scaling with a minimum of 2': {
        template: template({ C: config(variant({ InitialInstanceCount: 1, ManagedInstanceScaling: { Status: 'ENABLED', MinInstanceCount: 2, MaxInstanceCount: 4 } })) }),
        target: 'C',
      },
    },
    nonCompliant: {
      'one instance': { template: template({ C: config(variant({ InitialInstanceCount: 1 })) }), target: 'C', message: /variant primary of endpoint config C runs on 1 instance/ },
      'a second variant with one instance': {
        template: template({ C: config(variant({ InitialInstanceCount: 2 }), variant({ VariantName: 'canary', InitialInstanceCount: 1 })) }),
        target: 'C',
        message: /variant canary/,
      },
    },
    unknown: {
      'count from a parameter': { template: template({ C: config(variant({ InitialInstanceCount: { Ref: 'N' } })) }, params), target: 'C', message: /parameter N/ },
      'no instance count': { template: template({ C: config(variant()) }), target: 'C' },
    },
    notApplicable: {
      'a serverless variant': { template: template({ C: config({ VariantName: 'v', ModelName: 'm', ServerlessConfig: { MaxConcurrency: 5, MemorySizeInMB: 2048 } }) }), target: 'C' },
    },
  },
];
