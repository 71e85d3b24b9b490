import { brief, isObject, Json, JsonObject, scalarText } from './json';

/**
 * What a property value is known to be at synth time.
 *
 * - `absent`: not set (or `Ref: AWS::NoValue`), so CloudFormation's default applies;
 * - `literal`: a JSON value; containers may still hold intrinsics deeper down, which
 *   `valueAt` evaluates as it walks into them;
 * - `reference`: `Ref` or `Fn::GetAtt` to a resource of the same template;
 * - `unknown`: decided at deploy time (parameters, conditions, imports, pseudo parameters).
 */
export type Value =
  | { readonly kind: 'absent' }
  | { readonly kind: 'literal'; readonly value: Json }
  | { readonly kind: 'reference'; readonly logicalId: string; readonly attribute?: string }
  | { readonly kind: 'unknown'; readonly reason: string };

/** A decided value, or why it cannot be decided. */
export type Known<T> =
  | { readonly known: true; readonly value: T; readonly explicit: boolean }
  | { readonly known: false; readonly reason: string };

/** The parts of a template that intrinsic functions read. */
export interface TemplateScope {
  hasResource(logicalId: string): boolean;
  parameter(name: string): JsonObject | undefined;
  mapping(name: string): JsonObject | undefined;
  condition(name: string): Json | undefined;
}

export const ABSENT: Value = { kind: 'absent' };

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::Partition', 'AWS::Region',
  'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix',
]);

/**
 * The intrinsic function name of a value such as `{ "Fn::If": [...] }`, if it is one. Directives
 * of template preprocessors (`{ "Rain::Embed": ... }`) count too: they are filled in before deployment.
 */
export function intrinsicName(raw: unknown): string | undefined {
  if (!isObject(raw)) return undefined;
  const keys = Object.keys(raw);
  if (keys.length !== 1) return undefined;
  const key = keys[0];
  return key === 'Ref' || key === 'Condition' || key.startsWith('Fn::') || PREPROCESSOR_DIRECTIVE.test(key) ? key : undefined;
}

/** `Vendor::Name`, the shape of preprocessor directives such as `Rain::Embed`. */
export const PREPROCESSOR_DIRECTIVE = /^[A-Z][A-Za-z0-9]*::[A-Za-z0-9]+$/;

function unknown(reason: string): Value {
  return { kind: 'unknown', reason };
}

/** Classifies a raw template value, evaluating the intrinsics that can be decided without deploying. */
export function evaluate(raw: Json | undefined, scope: TemplateScope): Value {
  if (raw === undefined) return ABSENT;
  if (typeof raw === 'string') {
    return raw.includes('{{resolve:') ? unknown(`dynamic reference ${brief(raw, 60)}`) : { kind: 'literal', value: raw };
  }
  const fn = intrinsicName(raw);
  if (!fn) return { kind: 'literal', value: raw };
  const arg = (raw as JsonObject)[fn];
  switch (fn) {
    case 'Ref': return evaluateRef(arg, scope);
    case 'Fn::GetAtt': return evaluateGetAtt(arg, scope);
    case 'Fn::FindInMap': return evaluateFindInMap(arg, scope);
    case 'Fn::If': return evaluateIf(arg, scope);
    case 'Fn::Join': return evaluateJoin(arg, scope);
    case 'Fn::Sub': return evaluateSub(arg);
    case 'Fn::Select': return evaluateSelect(arg, scope);
    case 'Fn::ImportValue': return unknown('a value imported from another stack (Fn::ImportValue)');
    case 'Fn::GetAZs': return unknown('the Availability Zones of the Region (Fn::GetAZs)');
    default: return unknown(`the result of ${fn}`);
  }
}

function evaluateRef(target: Json, scope: TemplateScope): Value {
  if (typeof target !== 'string') return unknown(`Ref to ${brief(target)}`);
  if (target === 'AWS::NoValue') return ABSENT;
  if (PSEUDO_PARAMETERS.has(target)) return unknown(`the pseudo parameter ${target}`);
  if (scope.hasResource(target)) return { kind: 'reference', logicalId: target };
  const parameter = scope.parameter(target);
  if (parameter) {
    // A parameter whose only allowed value is fixed is as good as a literal.
    const allowed = parameter.AllowedValues;
    if (Array.isArray(allowed) && allowed.length === 1 && !isObject(allowed[0])) {
      return { kind: 'literal', value: allowed[0] };
    }
    return unknown(`the parameter ${target}`);
  }
  return unknown(`Ref to ${target}, which is not in this template`);
}

function evaluateGetAtt(arg: Json, scope: TemplateScope): Value {
  const [logicalId, attribute] = typeof arg === 'string'
    ? [arg.split('.')[0], arg.split('.').slice(1).join('.')]
    : Array.isArray(arg) ? [arg[0], arg[1]] : [undefined, undefined];
  if (typeof logicalId === 'string' && scope.hasResource(logicalId)) {
    return { kind: 'reference', logicalId, attribute: typeof attribute === 'string' ? attribute : undefined };
  }
  return unknown(`Fn::GetAtt ${brief(arg)}`);
}

function evaluateFindInMap(arg: Json, scope: TemplateScope): Value {
  if (!Array.isArray(arg) || arg.length < 3 || typeof arg[0] !== 'string') return unknown(`Fn::FindInMap ${brief(arg)}`);
  const map = scope.mapping(arg[0]);
  if (!map) return unknown(`Fn::FindInMap on the missing mapping ${arg[0]}`);
  // Keys that are unknown (usually AWS::Region) still give a decided value when every entry agrees.
  const candidates = (level: Json, keyRaw: Json): Json[] | Value => {
    if (!isObject(level)) return unknown(`Fn::FindInMap ${brief(arg)}`);
    const key = evaluate(keyRaw, scope);
    if (key.kind === 'literal' && (typeof key.value === 'string' || typeof key.value === 'number')) {
      const hit = level[String(key.value)];
      return hit === undefined ? unknown(`Fn::FindInMap with a key missing from ${arg[0]}`) : [hit];
    }
    return Object.values(level);
  };
  const first = candidates(map, arg[1]);
  if (!Array.isArray(first)) return first;
  const values: Json[] = [];
  for (const level of first) {
    const second = candidates(level, arg[2]);
    if (!Array.isArray(second)) return second;
    values.push(...second);
  }
  const distinct = new Set(values.map(v => JSON.stringify(v)));
  if (values.length > 0 && distinct.size === 1) return evaluate(values[0], scope);
  return unknown(`a value from the mapping ${arg[0]} that depends on ${describeKeys(arg.slice(1, 3), scope)}`);
}

function describeKeys(keys: Json[], scope: TemplateScope): string {
  return keys.map(k => {
    const v = evaluate(k, scope);
    return v.kind === 'unknown' ? v.reason : brief(k, 40);
  }).join(' and ');
}

function evaluateIf(arg: Json, scope: TemplateScope): Value {
  if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return unknown(`Fn::If ${brief(arg)}`);
  const decided = evaluateCondition({ Condition: arg[0] }, scope, new Set());
  if (decided !== undefined) return evaluate(decided ? arg[1] : arg[2], scope);
  const [a, b] = [evaluate(arg[1], scope), evaluate(arg[2], scope)];
  if (a.kind === 'literal' && b.kind === 'literal' && JSON.stringify(a.value) === JSON.stringify(b.value)) return a;
  return unknown(`Fn::If on the condition ${arg[0]}`);
}

/** Evaluates a condition expression: true, false, or undefined when it depends on deploy-time values. */
export function evaluateCondition(raw: Json, scope: TemplateScope, seen: Set<string>): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') return raw === 'true' ? true : raw === 'false' ? false : undefined;
  const fn = intrinsicName(raw);
  if (!fn) return undefined;
  const arg = (raw as JsonObject)[fn];
  const all = (items: Json) => Array.isArray(items) ? items.map(i => evaluateCondition(i, scope, seen)) : [undefined];
  switch (fn) {
    case 'Condition': {
      if (typeof arg !== 'string' || seen.has(arg)) return undefined;
      const body = scope.condition(arg);
      return body === undefined ? undefined : evaluateCondition(body, scope, new Set([...seen, arg]));
    }
    case 'Fn::Not': {
      const inner = all(arg)[0];
      return inner === undefined ? undefined : !inner;
    }
    case 'Fn::And': {
      const parts = all(arg);
      return parts.includes(false) ? false : parts.every(p => p === true) ? true : undefined;
    }
    case 'Fn::Or': {
      const parts = all(arg);
      return parts.includes(true) ? true : parts.every(p => p === false) ? false : undefined;
    }
    case 'Fn::Equals': {
      if (!Array.isArray(arg) || arg.length !== 2) return undefined;
      const [a, b] = arg.map(x => evaluate(x, scope));
      if (a.kind !== 'literal' || b.kind !== 'literal') return undefined;
      const [x, y] = [scalarText(a.value), scalarText(b.value)];
      return x !== undefined && y !== undefined ? x === y : JSON.stringify(a.value) === JSON.stringify(b.value);
    }
    default:
      return undefined;
  }
}

function evaluateJoin(arg: Json, scope: TemplateScope): Value {
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return unknown(`Fn::Join ${brief(arg)}`);
  const list = evaluate(arg[1], scope);
  if (list.kind !== 'literal' || !Array.isArray(list.value)) return unknown('a string joined at deploy time (Fn::Join)');
  const parts: string[] = [];
  for (const item of list.value) {
    const v = evaluate(item, scope);
    if (v.kind !== 'literal' || isObject(v.value) || Array.isArray(v.value)) return unknown('a string joined at deploy time (Fn::Join)');
    parts.push(String(v.value));
  }
  return { kind: 'literal', value: parts.join(arg[0]) };
}

function evaluateSub(arg: Json): Value {
  const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
  if (text === undefined) return unknown(`Fn::Sub ${brief(arg)}`);
  // `${!Literal}` is an escaped dollar sign, not a variable.
  if (/\$\{(?!!)[^}]*\}/.test(text)) return unknown('a string substituted at deploy time (Fn::Sub)');
  return { kind: 'literal', value: text.replace(/\$\{!/g, '${') };
}

/** The list index a value gives (a whole number, or a string of digits), else NaN. */
export function listIndex(value: Value): number {
  if (value.kind !== 'literal') return NaN;
  if (typeof value.value === 'number') return value.value;
  return typeof value.value === 'string' && /^\d+$/.test(value.value) ? Number(value.value) : NaN;
}

function evaluateSelect(arg: Json, scope: TemplateScope): Value {
  if (!Array.isArray(arg) || arg.length !== 2) return unknown(`Fn::Select ${brief(arg)}`);
  const index = evaluate(arg[0], scope);
  const list = evaluate(arg[1], scope);
  const i = listIndex(index);
  if (Number.isInteger(i) && list.kind === 'literal' && Array.isArray(list.value) && i >= 0 && i < list.value.length) {
    return evaluate(list.value[i], scope);
  }
  return unknown(list.kind === 'unknown' ? `an item of ${list.reason}` : `Fn::Select ${brief(arg)}`);
}

/**
 * The value at a dotted path inside a raw value (`'A.B.0.C'`), evaluating intrinsics on the way.
 * A step through an undecidable intrinsic makes the result unknown; a missing step makes it absent.
 */
export function valueAt(raw: Json | undefined, path: string, scope: TemplateScope): Value {
  let current = evaluate(raw, scope);
  if (path === '') return current;
  for (const step of path.split('.')) {
    if (current.kind === 'absent') return current;
    if (current.kind !== 'literal') return current.kind === 'reference' ? unknown(`an attribute of ${current.logicalId}`) : current;
    const container = current.value;
    let next: Json | undefined;
    if (Array.isArray(container)) next = /^\d+$/.test(step) ? container[Number(step)] : undefined;
    else if (isObject(container)) next = container[step];
    else return ABSENT;
    current = evaluate(next, scope);
  }
  return current;
}

/** Why a value is not decided, for messages. */
export function describeUndecided(value: Value): string {
  switch (value.kind) {
    case 'unknown': return value.reason;
    case 'reference': return `a value from the resource ${value.logicalId}${value.attribute ? `.${value.attribute}` : ''}`;
    default: return 'a value of an unexpected shape';
  }
}

/** A boolean property; `"true"`/`"false"` strings count as booleans. */
export function asBoolean(value: Value, defaultValue: boolean): Known<boolean> {
  if (value.kind === 'absent') return { known: true, value: defaultValue, explicit: false };
  if (value.kind === 'literal') {
    const v = value.value;
    if (typeof v === 'boolean') return { known: true, value: v, explicit: true };
    if (typeof v === 'string' && /^(true|false)$/i.test(v)) return { known: true, value: v.toLowerCase() === 'true', explicit: true };
    return { known: false, reason: `${brief(v)} is not a boolean` };
  }
  return { known: false, reason: describeUndecided(value) };
}

/** A numeric property; numeric strings count as numbers. */
export function asNumber(value: Value, defaultValue?: number): Known<number> {
  if (value.kind === 'absent') {
    return defaultValue === undefined
      ? { known: false, reason: 'it is not set and has no documented default' }
      : { known: true, value: defaultValue, explicit: false };
  }
  if (value.kind === 'literal') {
    const v = value.value;
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isFinite(n)) return { known: true, value: n, explicit: true };
    return { known: false, reason: `${brief(v)} is not a number` };
  }
  return { known: false, reason: describeUndecided(value) };
}

/** A string property (numbers and booleans are rendered as strings). */
export function asString(value: Value, defaultValue?: string): Known<string> {
  if (value.kind === 'absent') {
    return defaultValue === undefined
      ? { known: false, reason: 'it is not set' }
      : { known: true, value: defaultValue, explicit: false };
  }
  if (value.kind === 'literal') {
    const v = value.value;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return { known: true, value: String(v), explicit: true };
    return { known: false, reason: `${brief(v)} is not a string` };
  }
  return { known: false, reason: describeUndecided(value) };
}

/**
 * A list property: the raw items when the list itself is decided (its items may still be
 * references or unknown), or why it is not.
 */
export function asList(value: Value): Known<Json[]> {
  if (value.kind === 'absent') return { known: true, value: [], explicit: false };
  if (value.kind === 'literal') {
    if (Array.isArray(value.value)) return { known: true, value: value.value, explicit: true };
    if (typeof value.value === 'string' && value.value.includes(',')) {
      return { known: true, value: value.value.split(',').map(s => s.trim()), explicit: true };
    }
    return { known: true, value: [value.value], explicit: true };
  }
  return { known: false, reason: describeUndecided(value) };
}

/**
 * Every resource a raw value refers to (`Ref`, `Fn::GetAtt`, `${Name}` in `Fn::Sub`), at any depth.
 * Used to relate resources, never to decide a value.
 */
export function referencedResources(raw: Json | undefined, scope: TemplateScope, into = new Set<string>()): Set<string> {
  if (Array.isArray(raw)) {
    for (const item of raw) referencedResources(item, scope, into);
  } else if (isObject(raw)) {
    const fn = intrinsicName(raw);
    const arg = fn ? raw[fn] : undefined;
    if (fn === 'Ref' && typeof arg === 'string' && scope.hasResource(arg)) {
      into.add(arg);
    } else if (fn === 'Fn::GetAtt') {
      const id = typeof arg === 'string' ? arg.split('.')[0] : Array.isArray(arg) ? arg[0] : undefined;
      if (typeof id === 'string' && scope.hasResource(id)) into.add(id);
    } else if (fn === 'Fn::Sub') {
      const text = typeof arg === 'string' ? arg : Array.isArray(arg) ? arg[0] : undefined;
      if (typeof text === 'string') {
        for (const m of text.matchAll(/\$\{([^!}][^}.]*)(?:\.[^}]*)?\}/g)) {
          if (scope.hasResource(m[1])) into.add(m[1]);
        }
      }
      if (Array.isArray(arg)) referencedResources(arg[1], scope, into);
    } else {
      for (const v of Object.values(raw)) referencedResources(v, scope, into);
    }
  }
  return into;
}
