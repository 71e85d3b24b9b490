import { isObject } from '../model/json';
import type { Resource } from '../model/template-model';
import { intrinsicName } from '../model/values';
import { RuleCategory, Severity } from '../types';
import { fail, notApplicable, Outcome, PASS, Rule, unknown, WA } from './rule';

const LIMITS = ['ThrottlingRateLimit', 'ThrottlingBurstLimit'] as const;

/** Whether a property below an object is set: a parameter or import still sets it, a condition may take it away. */
function presence(r: Resource, parentPath: string, key: string): 'set' | 'absent' | { reason: string } {
  const parent = r.value(parentPath);
  if (parent.kind === 'absent') return 'absent';
  if (parent.kind !== 'literal' || !isObject(parent.value)) return { reason: `${parentPath} is ${parent.kind === 'unknown' ? parent.reason : 'not an object'}` };
  const raw = parent.value[key];
  if (raw === undefined) return 'absent';
  if (intrinsicName(raw) === 'Fn::If') return { reason: `${key} depends on a condition` };
  return r.value(`${parentPath}.${key}`).kind === 'absent' ? 'absent' : 'set';
}

/** Judges an object that holds both throttling limits (`DefaultRouteSettings`, `StageDescription`, a method setting). */
function limitsAt(r: Resource, path: string): 'both' | 'missing' | { reason: string } {
  let missing = false;
  for (const limit of LIMITS) {
    const p = presence(r, path, limit);
    if (typeof p === 'object') return p;
    if (p === 'absent') missing = true;
  }
  return missing ? 'missing' : 'both';
}

/** Judges REST `MethodSettings`: an entry for every method (`*`) on every resource (`/*`) with both limits. */
function methodSettings(r: Resource, path: string): 'both' | 'missing' | { reason: string } {
  const list = r.list(path);
  if (!list.known) return { reason: `${path} is ${list.reason}` };
  let undecidedEntry: { reason: string } | undefined;
  for (let i = 0; i < list.value.length; i++) {
    const method = r.str(`${path}.${i}.HttpMethod`);
    const resource = r.str(`${path}.${i}.ResourcePath`);
    if (!method.known || !resource.known) {
      undecidedEntry ??= { reason: `the HttpMethod or ResourcePath of ${path} item ${i} is decided at deploy time` };
      continue;
    }
    if (method.value !== '*' || resource.value !== '/*') continue;
    const limits = limitsAt(r, `${path}.${i}`);
    if (limits !== 'missing') return limits;
  }
  return undecidedEntry ?? 'missing';
}

function decide(result: 'both' | 'missing' | { reason: string }, property: string, what: string): Outcome {
  if (result === 'both') return PASS;
  if (typeof result === 'object') return unknown(property, `${result.reason}, so whether ${what} is throttled is decided at deploy time.`);
  return fail(property, `${what[0].toUpperCase()}${what.slice(1)} sets no default throttling (both a rate and a burst limit): a traffic spike `
    + 'or one misbehaving client can take the whole account-level limit that every API in the Region shares, and pass the load on to the backend.');
}

export const API_THROTTLING: Rule = {
  id: 'HA-API1',
  title: 'API stage has no default throttling',
  severity: Severity.WARNING,
  category: RuleCategory.OVERLOAD,
  resourceTypes: ['AWS::ApiGateway::Stage', 'AWS::ApiGateway::Deployment', 'AWS::ApiGatewayV2::Stage'],
  explanation:
    'Without stage throttling, an API accepts requests up to the account-level limit of API Gateway in the Region, which every '
    + 'API of the account shares. A spike, a retry storm or a single abusive client then overloads the integration behind the '
    + 'API and can starve the other APIs of the account. A stage-wide rate and burst limit sheds the excess with 429 responses '
    + 'instead.',
  flags: 'A REST API stage without a `MethodSettings` entry for `HttpMethod: *` and `ResourcePath: /*` that sets both '
    + '`ThrottlingRateLimit` and `ThrottlingBurstLimit` (or a deployment that creates a stage without them in `StageDescription`); '
    + 'an HTTP or WebSocket API stage whose `DefaultRouteSettings` lack either limit.',
  defaults: 'Without stage limits only the account-level limit applies. Usage plans throttle per API key and are not counted.',
  remediation: 'Set a stage-wide rate and burst limit sized to what the backend can take (CDK: `deployOptions: { throttlingRateLimit, '
    + 'throttlingBurstLimit }` on `RestApi`; `throttle: { rateLimit, burstLimit }` on an `HttpStage`).',
  references: [
    { label: 'Throttle requests to your REST APIs', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/api-gateway-request-throttling.html' },
    { label: 'Throttle requests to your HTTP APIs', url: 'https://docs.aws.amazon.com/apigateway/latest/developerguide/http-api-throttling.html' },
    WA.REL05_BP02,
  ],
  evaluate(r) {
    if (r.type === 'AWS::ApiGatewayV2::Stage') {
      return decide(limitsAt(r, 'DefaultRouteSettings'), 'DefaultRouteSettings', `stage ${r.logicalId}`);
    }
    if (r.type === 'AWS::ApiGateway::Deployment') {
      if (!r.has('StageName')) return notApplicable('a deployment that creates no stage');
      const stageWide = limitsAt(r, 'StageDescription');
      if (stageWide !== 'missing') return decide(stageWide, 'StageDescription', `the stage that deployment ${r.logicalId} creates`);
      return decide(methodSettings(r, 'StageDescription.MethodSettings'), 'StageDescription.MethodSettings', `the stage that deployment ${r.logicalId} creates`);
    }
    return decide(methodSettings(r, 'MethodSettings'), 'MethodSettings', `stage ${r.logicalId}`);
  },
};

/** Every API Gateway rule, in report order. */
export const API_GATEWAY_RULES: readonly Rule[] = [API_THROTTLING];
