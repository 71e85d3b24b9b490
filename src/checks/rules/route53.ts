import { isObject, Json } from '../model/json';
import type { Resource } from '../model/template-model';
import { asBoolean, asString, intrinsicName, valueAt } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { fail, notApplicable, Outcome, PASS, Rule, RuleContext, unknown, WA } from './rule';

function judgeRecord(record: Json, prefix: string, owner: Resource, ctx: RuleContext): Outcome {
  const at = (path: string) => valueAt(record, path, ctx.model);
  const failover = asString(at('Failover'));
  if (!failover.known) {
    return at('Failover').kind === 'absent'
      ? notApplicable('not a failover record')
      : unknown(`${prefix}Failover`, `Failover is ${failover.reason}, so it is not known whether this is the primary record.`);
  }
  if (failover.value.toUpperCase() !== 'PRIMARY') return notApplicable('not the primary failover record');
  const name = asString(at('Name'));
  const label = name.known ? `Failover record ${name.value} (${owner.logicalId})` : `Failover record ${owner.logicalId}`;
  const healthCheck = at('HealthCheckId');
  // A deploy-time health check ID is still a health check; only a condition can take it away.
  if (healthCheck.kind === 'unknown' && isObject(record) && intrinsicName(record.HealthCheckId) === 'Fn::If') {
    return unknown(`${prefix}HealthCheckId`, `${label}: whether it has a health check depends on ${healthCheck.reason}.`);
  }
  if (healthCheck.kind !== 'absent') return PASS;
  if (at('AliasTarget').kind !== 'absent') {
    const evaluateHealth = asBoolean(at('AliasTarget.EvaluateTargetHealth'), false);
    if (!evaluateHealth.known) return unknown(`${prefix}AliasTarget.EvaluateTargetHealth`, `${label}: EvaluateTargetHealth is ${evaluateHealth.reason}.`);
    if (evaluateHealth.value) return PASS;
    return fail(`${prefix}AliasTarget.EvaluateTargetHealth`,
      `${label} is a PRIMARY alias with neither a health check nor EvaluateTargetHealth: Route 53 treats it as always healthy and never fails over.`);
  }
  return fail(`${prefix}HealthCheckId`,
    `${label} is PRIMARY without a health check: Route 53 treats it as always healthy and never fails over to the secondary.`);
}

export const FAILOVER_HEALTH_CHECK: Rule = {
  id: 'HA-DNS1',
  title: 'Primary failover record has no health check',
  severity: Severity.ERROR,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::Route53::RecordSet', 'AWS::Route53::RecordSetGroup'],
  explanation:
    'Route 53 failover routing answers with the secondary record only when the primary is unhealthy. A primary record '
    + 'without a health check (or, for an alias, without EvaluateTargetHealth) is always considered healthy, so DNS keeps '
    + 'sending clients to a failed primary: the failover that the records promise never happens.',
  flags: 'A record with `Failover: PRIMARY` that has no `HealthCheckId` and is not an alias with `AliasTarget.EvaluateTargetHealth: true`.',
  defaults: '`AliasTarget.EvaluateTargetHealth` defaults to false.',
  remediation: 'Attach a Route 53 health check to the primary record (`HealthCheckId`), or for an alias to a load balancer set `EvaluateTargetHealth: true`.',
  references: [
    { label: 'How health checks work in complex Route 53 configurations', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-complex-configs.html' },
    WA.REL11_BP02,
  ],
  evaluate(r, ctx) {
    if (r.type === 'AWS::Route53::RecordSet') return judgeRecord(r.properties, '', r, ctx);
    const records = r.list('RecordSets');
    if (!records.known) return unknown('RecordSets', `RecordSets is ${records.reason}.`);
    return records.value.map((record, i) => judgeRecord(record, `RecordSets.${i}.`, r, ctx));
  },
};
