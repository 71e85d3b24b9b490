import { brief, isObject, Json, JsonObject, scalarText } from './json';
import { nameInMessage } from './names';
import type { TemplateModel } from './template-model';

/**
 * What a property value is known to be at synth time.
 *
 * - `absent`: not set (or `Ref: AWS::NoValue`), so CloudFormation's default applies;
 * - `literal`: a JSON value; containers may still hold intrinsics deeper down, which
 *   `valueAt` evaluates as it walks into them;
 * - `reference`: `Ref` or `Fn::GetAtt` to a resource, in this template or, through a link
 *   between stacks of the workload (a nested stack's parameter, an import, an output), in another;
 * - `unknown`: decided at deploy time (parameters, conditions, imports, pseudo parameters).
 */
export type Value =
  | { readonly kind: 'absent' }
  | { readonly kind: 'literal'; readonly value: Json }
  | { readonly kind: 'reference'; readonly logicalId: string; readonly attribute?: string; readonly model: TemplateModel }
  | { readonly kind: 'unknown'; readonly reason: string };

/** A decided value, or why it cannot be decided. */
export type Known<T> =
  | { readonly known: true; readonly value: T; readonly explicit: boolean }
  | { readonly known: false; readonly reason: string };

/**
 * Where a value of one template comes from in another template of the same workload: the raw value
 * there, and the template to read it in. `key` names the link, to notice cycles.
 */
export interface Link {
  readonly raw: Json;
  readonly model: TemplateModel;
  readonly key: string;
}

/** A link that was followed, or why it could not be. */
export type LinkResult = Link | { readonly unresolved: string };

export const ABSENT: Value = { kind: 'absent' };

const PSEUDO_PARAMETERS = new Set([
  'AWS::AccountId', 'AWS::NotificationARNs', 'AWS::Partition', 'AWS::Region',
  'AWS::StackId', 'AWS::StackName', 'AWS::URLSuffix',
]);

/** How deep intrinsic functions (and links between stacks) are followed before a value is called undecided. */
export const MAX_EVALUATION_DEPTH = 100;

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

// Evaluation is synchronous: one depth counter and one set of links being followed serve every call.
let depth = 0;
const following = new Set<string>();

/**
 * How many intrinsic functions one evaluation may follow. Expressions that refer to themselves
 * through several keys (a mapping value whose keys are `Fn::FindInMap` on itself) branch at every
 * level: the depth alone would let them take exponential time.
 */
export const MAX_EVALUATION_STEPS = 10_000;
let steps = 0;
/** Values being evaluated when the steps ran out (not those met after): evaluated again, they are undecided at once. */
const tooCostly = new WeakSet<object>();

/** Runs `fn` one level deeper, or gives up with an unknown value when expressions nest too deeply, loop or branch too much. */
function deeper(raw: JsonObject, fn: () => Value): Value {
  const costly = () => unknown(`an expression that takes more than ${MAX_EVALUATION_STEPS} steps to evaluate`);
  if (tooCostly.has(raw)) return costly();
  if (depth >= MAX_EVALUATION_DEPTH) return unknown(`an expression nested more than ${MAX_EVALUATION_DEPTH} levels deep`);
  if (depth === 0) steps = 0;
  if (++steps > MAX_EVALUATION_STEPS) return costly();
  depth++;
  try {
    return fn();
  } finally {
    depth--;
    if (steps > MAX_EVALUATION_STEPS) tooCostly.add(raw);
  }
}

/**
 * Evaluates a value that may stand for a value of another template of the workload; `local` says
 * what it is when it links nowhere.
 */
function viaLink(raw: JsonObject | string, model: TemplateModel, local: () => Value): Value {
  const link = model.link(raw);
  if (!link) return local();
  if ('unresolved' in link) return unknown(link.unresolved);
  if (following.has(link.key)) return unknown('a cycle of references between stacks');
  following.add(link.key);
  try {
    return evaluate(link.raw, link.model);
  } finally {
    following.delete(link.key);
  }
}

/**
 * Follows links between the templates of a workload (a nested stack's parameter to the value its
 * parent passes, an import to the exported output, a nested stack's output to its value) until the
 * raw value is an expression of its own template; for reading expressions by their shape, such as
 * `Fn::Select [0, Fn::GetAZs '']`.
 */
export function follow(raw: Json | undefined, model: TemplateModel): { raw: Json | undefined; model: TemplateModel; unresolved?: string } {
  const seen = new Set<string>();
  let current = { raw, model };
  for (;;) {
    if (!isObject(current.raw) && typeof current.raw !== 'string') return current;
    const link = current.model.link(current.raw);
    if (!link) return current;
    if ('unresolved' in link) return { ...current, unresolved: link.unresolved };
    if (seen.has(link.key) || seen.size >= MAX_EVALUATION_DEPTH) return { ...current, unresolved: 'a cycle of references between stacks' };
    seen.add(link.key);
    current = { raw: link.raw, model: link.model };
  }
}

/** Classifies a raw template value, evaluating the intrinsics that can be decided without deploying. */
export function evaluate(raw: Json | undefined, model: TemplateModel): Value {
  if (raw === undefined) return ABSENT;
  if (typeof raw === 'string') {
    if (!raw.includes('{{resolve:')) return { kind: 'literal', value: raw };
    return viaLink(raw, model, () => unknown(`dynamic reference ${brief(raw, 60)}`));
  }
  const fn = intrinsicName(raw);
  if (!fn) return { kind: 'literal', value: raw };
  return deeper(raw as JsonObject, () => {
    const arg = (raw as JsonObject)[fn];
    switch (fn) {
      case 'Ref': return evaluateRef(arg, model);
      case 'Fn::GetAtt': return evaluateGetAtt(raw as JsonObject, arg, model);
      case 'Fn::FindInMap': return evaluateFindInMap(arg, model);
      case 'Fn::If': return evaluateIf(arg, model);
      case 'Fn::Join': return evaluateJoin(arg, model);
      case 'Fn::Sub': return evaluateSub(arg);
      case 'Fn::Select': return evaluateSelect(arg, model);
      case 'Fn::ImportValue': return viaLink(raw as JsonObject, model, () => unknown(`a value imported from another stack (Fn::ImportValue ${briefName(arg, model)})`));
      case 'Fn::GetAZs': return unknown('the Availability Zones of the Region (Fn::GetAZs)');
      default: return unknown(`the result of ${fn}`);
    }
  });
}

/** An export or parameter name for messages: its text when decided, else the expression. */
function briefName(raw: Json, model: TemplateModel): string {
  const v = evaluate(raw, model);
  return v.kind === 'literal' && typeof v.value === 'string' ? nameInMessage(v.value) : brief(raw, 60);
}

function evaluateRef(target: Json, model: TemplateModel): Value {
  if (typeof target !== 'string') return unknown(`Ref to ${brief(target)}`);
  if (target === 'AWS::NoValue') return ABSENT;
  if (PSEUDO_PARAMETERS.has(target)) return unknown(`the pseudo parameter ${target}`);
  if (model.hasResource(target)) return { kind: 'reference', logicalId: target, model };
  const parameter = model.parameter(target);
  if (parameter) {
    return viaLink({ Ref: target }, model, () => {
      // A parameter whose only allowed value is fixed is as good as a literal.
      const allowed = parameter.AllowedValues;
      if (Array.isArray(allowed) && allowed.length === 1 && !isObject(allowed[0])) {
        return { kind: 'literal', value: allowed[0] };
      }
      return unknown(`the parameter ${nameInMessage(target)}`);
    });
  }
  return unknown(`Ref to ${nameInMessage(target)}, which is not in this template`);
}

/** The logical ID and attribute of a `Fn::GetAtt` argument (`[Id, Attr]` or `"Id.Attr"`). */
export function getAttParts(arg: Json): [unknown, unknown] {
  if (typeof arg === 'string') {
    const dot = arg.indexOf('.');
    return dot < 0 ? [arg, undefined] : [arg.slice(0, dot), arg.slice(dot + 1)];
  }
  return Array.isArray(arg) ? [arg[0], arg[1]] : [undefined, undefined];
}

function evaluateGetAtt(raw: JsonObject, arg: Json, model: TemplateModel): Value {
  const [logicalId, attribute] = getAttParts(arg);
  if (typeof logicalId === 'string' && model.hasResource(logicalId)) {
    const reference: Value = { kind: 'reference', logicalId, attribute: typeof attribute === 'string' ? attribute : undefined, model };
    return viaLink(raw, model, () => reference);
  }
  return unknown(`Fn::GetAtt ${brief(arg)}`);
}

/**
 * What a `Fn::FindInMap` selects in a mapping, by mapping and keys (`null` for a key decided at deploy
 * time): computed once per template, since each resource may look the same entries up again.
 */
type Selection = { readonly only: Json } | { readonly several: true } | { readonly problem: string };
const selections = new WeakMap<TemplateModel, Map<string, Selection>>();

function evaluateFindInMap(arg: Json, model: TemplateModel): Value {
  if (!Array.isArray(arg) || arg.length < 3 || typeof arg[0] !== 'string') return unknown(`Fn::FindInMap ${brief(arg)}`);
  const map = model.mapping(arg[0]);
  if (!map) return unknown(`Fn::FindInMap on the missing mapping ${arg[0]}`);
  const keys = [mapKey(arg[1], model), mapKey(arg[2], model)];
  let cache = selections.get(model);
  if (!cache) selections.set(model, cache = new Map());
  const cacheKey = JSON.stringify([arg[0], ...keys]);
  let selection = cache.get(cacheKey);
  if (!selection) cache.set(cacheKey, selection = select(map, keys, arg));
  if ('only' in selection) return evaluate(selection.only, model);
  if ('problem' in selection) return unknown(selection.problem);
  return unknown(`a value from the mapping ${arg[0]} that depends on ${describeKeys(arg.slice(1, 3), model)}`);
}

/** A mapping key decided at synth time, or null. */
function mapKey(raw: Json, model: TemplateModel): string | null {
  const key = evaluate(raw, model);
  return key.kind === 'literal' && (typeof key.value === 'string' || typeof key.value === 'number') ? String(key.value) : null;
}

/** The entries keys select; keys that are unknown (usually AWS::Region) still give a decided value when every entry agrees. */
function select(map: JsonObject, keys: (string | null)[], arg: Json[]): Selection {
  let level: Json[] = [map];
  for (const key of keys) {
    const next: Json[] = [];
    for (const entry of level) {
      if (!isObject(entry)) return { problem: `Fn::FindInMap ${brief(arg)}` };
      if (key === null) {
        for (const value of Object.values(entry)) next.push(value);
      } else if (!Object.prototype.hasOwnProperty.call(entry, key) || entry[key] === undefined) {
        return { problem: `Fn::FindInMap with a key missing from ${arg[0]}` };
      } else {
        next.push(entry[key]);
      }
    }
    level = next;
  }
  if (level.length === 0) return { several: true };
  const first = JSON.stringify(level[0]);
  return level.every(v => JSON.stringify(v) === first) ? { only: level[0] } : { several: true };
}

function describeKeys(keys: Json[], model: TemplateModel): string {
  return keys.map(k => {
    const v = evaluate(k, model);
    return v.kind === 'unknown' ? v.reason : brief(k, 40);
  }).join(' and ');
}

function evaluateIf(arg: Json, model: TemplateModel): Value {
  if (!Array.isArray(arg) || arg.length !== 3 || typeof arg[0] !== 'string') return unknown(`Fn::If ${brief(arg)}`);
  const decided = model.conditionValue(arg[0]);
  if (decided !== undefined) return evaluate(decided ? arg[1] : arg[2], model);
  const [a, b] = [evaluate(arg[1], model), evaluate(arg[2], model)];
  if (a.kind === 'literal' && b.kind === 'literal' && JSON.stringify(a.value) === JSON.stringify(b.value)) return a;
  return unknown(`Fn::If on the condition ${arg[0]}`);
}

/**
 * Evaluates a condition expression: true, false, or undefined when it depends on deploy-time values.
 * Named conditions are read through the model, which evaluates each one once.
 */
export function evaluateCondition(raw: Json, model: TemplateModel): boolean | undefined {
  if (typeof raw === 'boolean') return raw;
  if (typeof raw === 'string') return raw === 'true' ? true : raw === 'false' ? false : undefined;
  const fn = intrinsicName(raw);
  if (!fn) return undefined;
  const arg = (raw as JsonObject)[fn];
  if (depth >= MAX_EVALUATION_DEPTH) return undefined;
  if (depth === 0) steps = 0;
  depth++;
  try {
    const all = (items: Json) => Array.isArray(items) ? items.map(i => evaluateCondition(i, model)) : [undefined];
    switch (fn) {
      case 'Condition': return typeof arg === 'string' ? model.conditionValue(arg) : undefined;
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
        const [a, b] = arg.map(x => evaluate(x, model));
        if (a.kind !== 'literal' || b.kind !== 'literal') return undefined;
        const [x, y] = [scalarText(a.value), scalarText(b.value)];
        return x !== undefined && y !== undefined ? x === y : JSON.stringify(a.value) === JSON.stringify(b.value);
      }
      default:
        return undefined;
    }
  } finally {
    depth--;
  }
}

function evaluateJoin(arg: Json, model: TemplateModel): Value {
  if (!Array.isArray(arg) || arg.length !== 2 || typeof arg[0] !== 'string') return unknown(`Fn::Join ${brief(arg)}`);
  const list = evaluate(arg[1], model);
  if (list.kind !== 'literal' || !Array.isArray(list.value)) return unknown('a string joined at deploy time (Fn::Join)');
  const parts: string[] = [];
  for (const item of list.value) {
    const v = evaluate(item, model);
    if (v.kind !== 'literal' || isObject(v.value) || Array.isArray(v.value)) return unknown('a string joined at deploy time (Fn::Join)');
    parts.push(String(v.value));
  }
  return { kind: 'literal', value: parts.join(arg[0]) };
}

/**
 * Where each `${...}` of a `Fn::Sub` string starts and ends (its closing brace), for every `${` that
 * has a closing brace after it. A regular expression for them takes quadratic time on a string of
 * unclosed `${`; this takes linear time.
 */
export function* subVariables(text: string): Generator<{ start: number; end: number }> {
  let end = -1;
  for (let start = text.indexOf('${'); start >= 0; start = text.indexOf('${', start + 1)) {
    if (end < start + 2) end = text.indexOf('}', start + 2);
    if (end < 0) return;
    yield { start, end };
  }
}

function evaluateSub(arg: Json): Value {
  const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
  if (text === undefined) return unknown(`Fn::Sub ${brief(arg)}`);
  // `${!Literal}` is an escaped dollar sign, not a variable.
  for (const v of subVariables(text)) if (text[v.start + 2] !== '!') return unknown('a string substituted at deploy time (Fn::Sub)');
  return { kind: 'literal', value: text.replace(/\$\{!/g, '${') };
}

/** The list index a value gives (a whole number, or a string of digits), else NaN. */
export function listIndex(value: Value): number {
  if (value.kind !== 'literal') return NaN;
  if (typeof value.value === 'number') return value.value;
  return typeof value.value === 'string' && /^\d+$/.test(value.value) ? Number(value.value) : NaN;
}

function evaluateSelect(arg: Json, model: TemplateModel): Value {
  if (!Array.isArray(arg) || arg.length !== 2) return unknown(`Fn::Select ${brief(arg)}`);
  const index = evaluate(arg[0], model);
  const list = evaluate(arg[1], model);
  const i = listIndex(index);
  if (Number.isInteger(i) && list.kind === 'literal' && Array.isArray(list.value) && i >= 0 && i < list.value.length) {
    // The list may come from another template (a nested stack's parameter): its items are read there.
    const source = follow(arg[1], model);
    return evaluate(list.value[i], source.unresolved ? model : source.model);
  }
  return unknown(list.kind === 'unknown' ? `an item of ${list.reason}` : `Fn::Select ${brief(arg)}`);
}

/**
 * The value at a dotted path inside a raw value (`'A.B.0.C'`), evaluating intrinsics on the way.
 * A step through an undecidable intrinsic makes the result unknown; a missing step makes it absent.
 */
export function valueAt(raw: Json | undefined, path: string, model: TemplateModel): Value {
  let current = evaluate(raw, model);
  if (path === '') return current;
  for (const step of path.split('.')) {
    if (current.kind === 'absent') return current;
    if (current.kind !== 'literal') return current.kind === 'reference' ? unknown(`an attribute of ${current.logicalId}`) : current;
    const container = current.value;
    let next: Json | undefined;
    if (Array.isArray(container)) next = /^\d+$/.test(step) ? container[Number(step)] : undefined;
    else if (isObject(container)) next = container[step];
    else return ABSENT;
    current = evaluate(next, model);
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
 * Every resource of the template that a raw value refers to (`Ref`, `Fn::GetAtt`, `${Name}` in
 * `Fn::Sub`), at any depth. Used to relate resources, never to decide a value.
 */
export function referencedResources(raw: Json | undefined, model: TemplateModel, into = new Set<string>()): Set<string> {
  walkReferences(raw, model, (id, m) => { if (m === model) into.add(id); }, false);
  return into;
}

/** A resource of some template of the workload, by its template and logical ID. */
export interface ResourceLink {
  readonly model: TemplateModel;
  readonly logicalId: string;
}

/**
 * Every resource a raw value refers to, in its own template or, through the links between the
 * stacks of the workload (parameters, imports, outputs), in another. Used to relate resources
 * across stacks: an alarm in one stack that watches a database in another.
 */
export function linkedResources(raw: Json | undefined, model: TemplateModel): ResourceLink[] {
  const found: ResourceLink[] = [];
  walkReferences(raw, model, (logicalId, m) => found.push({ model: m, logicalId }), true);
  return found;
}

function walkReferences(
  raw: Json | undefined, model: TemplateModel, add: (id: string, model: TemplateModel) => void, across: boolean, seen?: Set<string>,
): void {
  const followLink = (value: JsonObject | string): boolean => {
    if (!across) return false;
    const link = model.link(value);
    if (!link || 'unresolved' in link) return false;
    const visited = seen ?? new Set<string>();
    if (!visited.has(link.key) && visited.size < MAX_EVALUATION_DEPTH) {
      visited.add(link.key);
      walkReferences(link.raw, link.model, add, across, visited);
    }
    return true;
  };
  if (Array.isArray(raw)) {
    for (const item of raw) walkReferences(item, model, add, across, seen);
  } else if (typeof raw === 'string') {
    if (raw.includes('{{resolve:')) followLink(raw);
  } else if (isObject(raw)) {
    const fn = intrinsicName(raw);
    const arg = fn ? raw[fn] : undefined;
    if (fn === 'Ref' && typeof arg === 'string') {
      if (model.hasResource(arg)) add(arg, model);
      else if (model.parameter(arg)) followLink(raw);
    } else if (fn === 'Fn::GetAtt') {
      const [id] = getAttParts(arg as Json);
      if (typeof id === 'string' && model.hasResource(id) && !followLink(raw)) add(id, model);
    } else if (fn === 'Fn::ImportValue') {
      followLink(raw);
    } else if (fn === 'Fn::Sub') {
      const text = typeof arg === 'string' ? arg : Array.isArray(arg) ? arg[0] : undefined;
      if (typeof text === 'string') {
        // Each variable's name, up to a dot (`${Db.Endpoint.Address}`); `${!Literal}` is not a variable.
        let next = 0;
        for (const v of subVariables(text)) {
          if (v.start < next || v.end === v.start + 2 || text[v.start + 2] === '!') continue;
          next = v.end + 1;
          const body = text.slice(v.start + 2, v.end);
          const dot = body.indexOf('.', 1);
          const name = dot < 0 ? body : body.slice(0, dot);
          if (model.hasResource(name)) add(name, model);
          else if (model.parameter(name)) followLink({ Ref: name });
        }
      }
      if (Array.isArray(arg)) walkReferences(arg[1], model, add, across, seen);
    } else {
      for (const v of Object.values(raw)) walkReferences(v, model, add, across, seen);
    }
  }
}
