import * as fc from 'fast-check';
import { allCases } from './all-cases';
import type { Json, JsonObject } from '../../../src/checks/model/json';
import { ALL_RULES } from '../../../src/checks/rules';
import type { Outcome, Rule } from '../../../src/checks/rules/rule';
import { modelOf } from '../../helpers/templates';

/**
 * Property-based tests: for every rule and every resource type it reads, random property shapes
 * holding random literals and intrinsics (parameters, conditions, imports, pseudo parameters,
 * references, dynamic references) never make the rule throw, and every outcome is one of the four.
 */

const STATUSES = new Set(['pass', 'fail', 'unknown', 'not-applicable']);

/** Property names and values the rules' own cases use, per resource type: the shapes rules actually read. */
const keysByType = new Map<string, Set<string>>();
const literals = new Set<Json>(['true', 'false', 'TRUE', '0', '1', '2', '', 'PRIMARY', 'SECONDARY', 'regional', 'zonal', 'redis', 'valkey',
  'memcached', 'aurora-postgresql', 'aurora-mysql', 'postgres', 'sqlserver-ex', 'DAEMON', 'REPLICA', 'cross-az', 'network', '0.0.0.0/0',
  'eu-west-1a', 'use1-az1', 'subnet-123', true, false, 0, 1, 2, 3, -1, 1.5, null]);
const otherTypes = new Set<string>(['AWS::EC2::Subnet', 'AWS::EC2::RouteTable', 'AWS::EC2::Route', 'AWS::EC2::SubnetRouteTableAssociation', 'AWS::EC2::NatGateway']);

function harvest(value: unknown, keys: Set<string>): void {
  if (Array.isArray(value)) {value.forEach(v => harvest(v, keys));} else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      keys.add(k);
      harvest(v, keys);
    }
  } else if (typeof value === 'string' && value.length < 40) {literals.add(value);}
}

for (const rc of allCases()) {
  for (const kind of ['compliant', 'nonCompliant', 'unknown', 'notApplicable'] as const) {
    for (const c of Object.values(rc[kind])) {
      for (const resource of Object.values((c.template.Resources ?? {}) as JsonObject)) {
        const r = resource as JsonObject;
        if (typeof r.Type !== 'string') continue;
        otherTypes.add(r.Type);
        let keys = keysByType.get(r.Type);
        if (!keys) keysByType.set(r.Type, keys = new Set());
        harvest(r.Properties, keys);
      }
    }
  }
}

const IDS = ['R0', 'R1', 'R2', 'R3', 'Target'];

function arbitraries(keys: string[]) {
  const literal = fc.constantFrom(...literals);
  const ref = fc.constantFrom<Json>(
    { Ref: 'P' }, { Ref: 'ListP' }, { Ref: 'AWS::Region' }, { Ref: 'AWS::NoValue' }, { Ref: 'Missing' },
    ...IDS.map(id => ({ Ref: id })), ...IDS.map(id => ({ 'Fn::GetAtt': [id, 'Arn'] })),
    { 'Fn::ImportValue': 'Shared' }, '{{resolve:ssm:/x}}', { 'Rain::Embed': 'file' }, { 'Fn::GetAZs': '' },
  );
  const { value } = fc.letrec<{ value: Json; intrinsic: Json; object: Json; array: Json }>(tie => ({
    value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, literal, ref, tie('intrinsic'), tie('object'), tie('array')),
    intrinsic: fc.oneof(
      fc.tuple(fc.constantFrom('Cond', 'Decided', 'Missing'), tie('value'), tie('value')).map(a => ({ 'Fn::If': a }) as Json),
      fc.tuple(fc.oneof(fc.nat(3), fc.constantFrom('1', 'x')), fc.oneof(tie('array'), fc.constant<Json>({ 'Fn::GetAZs': '' }), fc.constant<Json>({ Ref: 'ListP' }))).map(a => ({ 'Fn::Select': a }) as Json),
      fc.tuple(fc.constantFrom(',', ''), tie('array')).map(a => ({ 'Fn::Join': a }) as Json),
      fc.constantFrom<Json>({ 'Fn::Sub': 'x-${P}' }, { 'Fn::Sub': 'plain' }, { 'Fn::FindInMap': ['Map', { Ref: 'AWS::Region' }, 'Key'] }, { 'Fn::FindInMap': ['Map', 'eu-west-1', 'Key'] }),
      fc.tuple(fc.constant(','), tie('value')).map(a => ({ 'Fn::Split': a }) as Json),
    ),
    object: fc.dictionary(fc.constantFrom(...keys), tie('value'), { maxKeys: 5 }) as fc.Arbitrary<Json>,
    array: fc.array(tie('value'), { maxLength: 4 }) as fc.Arbitrary<Json>,
  }));
  return { value, properties: fc.dictionary(fc.constantFrom(...keys), value, { maxKeys: 8 }) };
}

function templateFor(type: string, properties: Json, others: { type: string; properties: Json }[]): JsonObject {
  const resources: JsonObject = { Target: { Type: type, Properties: properties } };
  others.forEach((o, i) => { resources[IDS[i]] = { Type: o.type, Properties: o.properties }; });
  return {
    Parameters: { P: { Type: 'String' }, ListP: { Type: 'List<AWS::EC2::Subnet::Id>' } },
    Conditions: { Cond: { 'Fn::Equals': [{ Ref: 'P' }, 'x'] }, Decided: { 'Fn::Equals': ['a', 'a'] } },
    Mappings: { Map: { 'eu-west-1': { Key: 'a' }, 'us-east-1': { Key: ['a', 'b'] } } },
    Resources: resources,
  };
}

function outcomes(rule: Rule, t: JsonObject): readonly Outcome[] {
  const model = modelOf(t);
  const context = { model, topology: model.topology };
  if (rule.evaluateWorkload) return rule.evaluateWorkload({ workload: model.workload, stacks: [model] });
  const result = rule.evaluate!(model.resource('Target')!, context);
  return Array.isArray(result) ? result : [result as Outcome];
}

/** Runs per rule and type; raise it (CDK_HA_PROPERTY_RUNS=2000) to search harder after changing the model or a rule. */
const RUNS = Number(process.env.CDK_HA_PROPERTY_RUNS ?? 60);

const cases = ALL_RULES.flatMap(rule => rule.resourceTypes.map(type => [`${rule.id} on ${type}`, rule, type] as const));

test.each(cases)('%s: random shapes and intrinsic values never throw, and every outcome is pass, fail, unknown or not applicable', (_, rule, type) => {
  const keys = [...new Set([...(keysByType.get(type) ?? []), 'Properties', 'Type', 'Value', 'Name', 'Enabled'])];
  const { properties, value } = arbitraries(keys);
  const otherKeys = [...new Set([...keysByType.values()].flatMap(k => [...k]))];
  const other = fc.record({
    type: fc.constantFrom(...otherTypes),
    properties: fc.dictionary(fc.constantFrom(...otherKeys), value, { maxKeys: 6 }),
  });
  fc.assert(fc.property(properties, fc.array(other, { maxLength: 4 }), (props, others) => {
    for (const o of outcomes(rule, templateFor(type, props, others))) {
      if (!STATUSES.has(o.status)) return false;
      if ((o.status === 'fail' || o.status === 'unknown') && !(typeof o.message === 'string' && o.message.length > 0)) return false;
    }
    return true;
  }), { numRuns: RUNS });
});
