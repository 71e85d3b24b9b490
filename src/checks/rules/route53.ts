import { isObject, Json } from '../model/json';
import type { Resource } from '../model/template-model';
import { asBoolean, asNumber, asString, intrinsicName, Value, valueAt } from '../model/values';
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

const FAILOVER_DOC = { label: 'How health checks work in complex Route 53 configurations', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/dns-failover-complex-configs.html' };
const ROUTING_DOC = { label: 'Choosing a Route 53 routing policy', url: 'https://docs.aws.amazon.com/Route53/latest/DeveloperGuide/routing-policy.html' };

/** One record of the template: a `RecordSet`, or an item of a `RecordSetGroup`. */
export interface TemplateRecord {
  readonly owner: Resource;
  /** The record as raw template data. */
  readonly record: Json;
  /** `''` for a RecordSet, `RecordSets.<i>.` for an item of a group. */
  readonly prefix: string;
}

/**
 * Every record of the workload (a failover pair may span two stacks); the records of a group whose
 * list is undecided are left out, with the group.
 */
export function templateRecords(ctx: RuleContext): { records: TemplateRecord[]; undecidedGroups: Resource[] } {
  const records: TemplateRecord[] = [];
  const undecidedGroups: Resource[] = [];
  const { workload } = ctx.model;
  for (const owner of workload.ofType('AWS::Route53::RecordSet')) records.push({ owner, record: owner.properties, prefix: '' });
  for (const owner of workload.ofType('AWS::Route53::RecordSetGroup')) {
    const list = owner.list('RecordSets');
    if (!list.known) { undecidedGroups.push(owner); continue; }
    list.value.forEach((record, i) => records.push({ owner, record, prefix: `RecordSets.${i}.` }));
  }
  return { records, undecidedGroups };
}

/** A record's name as DNS compares it (lower case, no trailing dot), or undefined when it is decided at deploy time. */
export function recordKey(entry: TemplateRecord): string | undefined {
  const model = entry.owner.model;
  const name = asString(valueAt(entry.record, 'Name', model));
  const type = asString(valueAt(entry.record, 'Type', model));
  if (!name.known || !type.known) return undefined;
  return `${name.value.toLowerCase().replace(/\.$/, '')} ${type.value.toUpperCase()}`;
}

function recordLabel(record: Json, owner: Resource): string {
  const name = asString(valueAt(record, 'Name', owner.model));
  return name.known ? `${name.value} (${owner.logicalId})` : owner.logicalId;
}

function judgePairing(entry: TemplateRecord, ctx: RuleContext): Outcome {
  const { record, prefix, owner } = entry;
  const failoverValue = valueAt(record, 'Failover', owner.model);
  if (failoverValue.kind === 'absent') return notApplicable('not a failover record');
  const failover = asString(failoverValue);
  if (!failover.known) return unknown(`${prefix}Failover`, `Failover is ${failover.reason}, so it is not known which record this one pairs with.`);
  const role = failover.value.toUpperCase();
  if (role !== 'PRIMARY' && role !== 'SECONDARY') return unknown(`${prefix}Failover`, `Failover is ${failover.value}, which is neither PRIMARY nor SECONDARY.`);
  const other = role === 'PRIMARY' ? 'SECONDARY' : 'PRIMARY';
  const key = recordKey(entry);
  const label = recordLabel(record, owner);
  if (!key) return unknown(`${prefix}Name`, `The name or type of failover record ${label} is decided at deploy time, so its ${other} cannot be looked up.`);
  const { records, undecidedGroups } = templateRecords(ctx);
  const maybe: string[] = undecidedGroups.map(g => g.logicalId);
  for (const candidate of records) {
    if (candidate.owner === owner && candidate.prefix === prefix) continue;
    const candidateFailover = valueAt(candidate.record, 'Failover', candidate.owner.model);
    const candidateRole = asString(candidateFailover);
    const candidateKey = recordKey(candidate);
    const roleMatches = candidateRole.known ? candidateRole.value.toUpperCase() === other : candidateFailover.kind !== 'absent' ? undefined : false;
    const keyMatches = candidateKey === undefined ? undefined : candidateKey === key;
    if (roleMatches === true && keyMatches === true) return PASS;
    if (roleMatches !== false && keyMatches !== false) maybe.push(candidate.owner.logicalId);
  }
  if (maybe.length) {
    return unknown(`${prefix}Failover`, `Failover record ${label} is ${role}; whether ${[...new Set(maybe)].join(', ')} is its ${other} is decided at deploy time.`);
  }
  return fail(`${prefix}Failover`, role === 'PRIMARY'
    ? `Failover record ${label} is PRIMARY, but no stack checked with it has a SECONDARY record with the same name and type: when the primary fails, `
      + 'there is nothing to fail over to. If the secondary is defined outside this app, acknowledge this finding.'
    : `Failover record ${label} is SECONDARY, but no stack checked with it has a PRIMARY record with the same name and type: the failover pair `
      + 'is incomplete. If the primary is defined outside this app, acknowledge this finding.');
}

export const FAILOVER_PAIR: Rule = {
  id: 'HA-DNS2',
  title: 'Failover record has no partner',
  severity: Severity.WARNING,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::Route53::RecordSet', 'AWS::Route53::RecordSetGroup'],
  explanation:
    'Failover routing needs two records with the same name and type: a PRIMARY that Route 53 answers with while it is healthy, '
    + 'and a SECONDARY it answers with otherwise. A primary alone has nothing to fail over to; a secondary alone never receives '
    + 'traffic by design. Either usually means the other half was forgotten or named differently.',
  flags: 'A record with `Failover: PRIMARY` (or `SECONDARY`) when no record of the template has the other role with the same `Name` and `Type`.',
  defaults: 'Names are compared without case and without the trailing dot. Records in other stacks are not visible: acknowledge the finding '
    + 'when the partner lives there.',
  remediation: 'Add the matching `SECONDARY` (or `PRIMARY`) record with the same `Name` and `Type` and its own `SetIdentifier`, '
    + 'pointing at a standby in another zone or Region (CDK: `route53.CfnRecordSet` with `failover`).',
  references: [FAILOVER_DOC, WA.REL11_BP02, WA.REL13_BP02],
  evaluate(r, ctx) {
    if (r.type === 'AWS::Route53::RecordSet') return judgePairing({ owner: r, record: r.properties, prefix: '' }, ctx);
    const records = r.list('RecordSets');
    if (!records.known) return unknown('RecordSets', `RecordSets is ${records.reason}.`);
    const outcomes = records.value.map((record, i) => judgePairing({ owner: r, record, prefix: `RecordSets.${i}.` }, ctx));
    return outcomes.length ? outcomes : notApplicable('no records');
  },
};

function judgeRoutedRecord(record: Json, prefix: string, owner: Resource, ctx: RuleContext): Outcome {
  const at = (path: string): Value => valueAt(record, path, ctx.model);
  if (at('Failover').kind !== 'absent') return notApplicable('a failover record: the failover rules apply');
  const weighted = at('Weight').kind !== 'absent';
  const latency = at('Region').kind !== 'absent';
  if (!weighted && !latency) return notApplicable('neither a weighted nor a latency record');
  if (weighted) {
    const weight = asNumber(at('Weight'));
    if (weight.known && weight.value === 0 && !latency) return notApplicable('a weighted record with weight 0 receives no traffic while others are healthy');
  }
  const policy = latency ? 'latency' : 'weighted';
  const label = `${policy === 'latency' ? 'Latency' : 'Weighted'} record ${recordLabel(record, owner)}`;
  const healthCheck = at('HealthCheckId');
  if (healthCheck.kind === 'unknown' && isObject(record) && intrinsicName(record.HealthCheckId) === 'Fn::If') {
    return unknown(`${prefix}HealthCheckId`, `${label}: whether it has a health check depends on ${healthCheck.reason}.`);
  }
  if (healthCheck.kind !== 'absent') return PASS;
  if (at('AliasTarget').kind !== 'absent') {
    const evaluateHealth = asBoolean(at('AliasTarget.EvaluateTargetHealth'), false);
    if (!evaluateHealth.known) return unknown(`${prefix}AliasTarget.EvaluateTargetHealth`, `${label}: EvaluateTargetHealth is ${evaluateHealth.reason}.`);
    if (evaluateHealth.value) return PASS;
    return fail(`${prefix}AliasTarget.EvaluateTargetHealth`, `${label} is an alias with neither a health check nor EvaluateTargetHealth: Route 53 `
      + 'treats it as always healthy and keeps sending clients to it when its endpoint fails.');
  }
  return fail(`${prefix}HealthCheckId`, `${label} has no health check: Route 53 treats it as always healthy and keeps sending `
    + `${policy === 'latency' ? 'the clients closest to its Region' : 'its share of clients'} to it when its endpoint fails, instead of to the other records of its set.`);
}

export const ROUTED_RECORD_HEALTH_CHECK: Rule = {
  id: 'HA-DNS3',
  title: 'Latency or weighted record has no health check',
  severity: Severity.ERROR,
  category: RuleCategory.FAILOVER,
  resourceTypes: ['AWS::Route53::RecordSet', 'AWS::Route53::RecordSetGroup'],
  explanation:
    'Latency and weighted records spread clients over several endpoints, usually in several Regions or zones. Route 53 leaves '
    + 'an endpoint out of its answers only when the record has a health check (or, for an alias, EvaluateTargetHealth). Without '
    + 'one, the record is always considered healthy: when its endpoint fails, the clients Route 53 sends there fail with it, '
    + 'although the other records of the set could serve them.',
  flags: 'A record with `Region` (latency) or a non-zero `Weight` that has no `HealthCheckId` and is not an alias with '
    + '`AliasTarget.EvaluateTargetHealth: true`.',
  defaults: '`AliasTarget.EvaluateTargetHealth` defaults to false.',
  remediation: 'Attach a Route 53 health check to each record of the set (`HealthCheckId`), or for aliases to load balancers set `EvaluateTargetHealth: true`.',
  references: [FAILOVER_DOC, ROUTING_DOC, WA.REL11_BP02],
  evaluate(r, ctx) {
    if (r.type === 'AWS::Route53::RecordSet') return judgeRoutedRecord(r.properties, '', r, ctx);
    const records = r.list('RecordSets');
    if (!records.known) return unknown('RecordSets', `RecordSets is ${records.reason}.`);
    const outcomes = records.value.map((record, i) => judgeRoutedRecord(record, `RecordSets.${i}.`, r, ctx));
    return outcomes.length ? outcomes : notApplicable('no records');
  },
};

/** Every Route 53 rule, in report order. */
export const ROUTE53_RULES: readonly Rule[] = [FAILOVER_HEALTH_CHECK, ROUTED_RECORD_HEALTH_CHECK, FAILOVER_PAIR];
