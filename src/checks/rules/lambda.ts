import { RuleCategory, Severity } from '../types';
import { placementOf } from './placement';
import { configRule, decideSpread, notApplicable, Rule, unknown, WA } from './rule';

export const LAMBDA_MULTI_AZ: Rule = {
  id: 'HA-LAMBDA1',
  title: 'Lambda function in a VPC uses subnets in one Availability Zone',
  severity: Severity.ERROR,
  category: RuleCategory.SPOF,
  resourceTypes: ['AWS::Lambda::Function'],
  explanation:
    'Outside a VPC, Lambda runs a function across the zones of the Region. Attached to a VPC, it runs only in the zones '
    + 'of the subnets it is given: with subnets in one zone, a zone failure stops every invocation.',
  flags: 'A function with `VpcConfig.SubnetIds` in fewer than two zones.',
  defaults: 'A function without `VpcConfig` is not attached to a VPC and is not flagged.',
  remediation: 'Give the function subnets in at least two Availability Zones (CDK: `vpcSubnets` selecting one subnet per zone).',
  references: [configRule('lambda-vpc-multi-az-check'), WA.REL10_BP01],
  evaluate(r, ctx) {
    if (!r.has('VpcConfig')) return notApplicable('not attached to a VPC');
    const placement = placementOf(r, ctx, [{ subnets: 'VpcConfig.SubnetIds' }]);
    if (!placement) return notApplicable('no subnets: not attached to a VPC');
    if ('undecided' in placement) return unknown(placement.property, `${placement.undecided}, so the zones of function ${r.logicalId} are decided at deploy time.`);
    if ('allZones' in placement) return notApplicable('not attached to subnets');
    if (placement.spread.max === 0) return notApplicable('no subnets: not attached to a VPC');
    return decideSpread(placement.spread, placement.property, `Lambda function ${r.logicalId}`,
      'a zone failure stops every invocation.');
  },
};
