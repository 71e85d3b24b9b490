import * as path from 'path';
import type * as YAML from 'yaml';
import { MAX_TEMPLATE_BYTES, readInputFile, TemplateError } from './input-files';
import { isObject, Json, JsonObject } from './json';
import { MAX_RESOURCES, MAX_VALUE_DEPTH } from './limits';
import { METADATA_KEY } from '../acknowledgements';
import { expandForEach } from './language-extensions';
import { ResourceRecord, TemplateModel } from './template-model';
import { intrinsicName, PREPROCESSOR_DIRECTIVE } from './values';
import { Objectives, ObjectivesError, readObjectives } from '../objectives/objectives';

export { TemplateError };

/** The YAML parser, loaded on first use: CDK templates are JSON, and synth should not pay for it. */
function yaml(): typeof YAML {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require('yaml');
}

const FUNCTIONS = [
  'Base64', 'Cidr', 'FindInMap', 'GetAtt', 'GetAZs', 'ImportValue', 'Join', 'Select', 'Split', 'Sub',
  'Transform', 'And', 'Equals', 'If', 'Not', 'Or', 'ToJsonString', 'Length',
  // Rule functions, used in a template's Rules section.
  'Contains', 'EachMemberEquals', 'EachMemberIn', 'RefAll', 'ValueOf', 'ValueOfAll',
];

function addTag(tags: YAML.Tags, tag: string, key: string, splitScalar?: (s: string) => unknown): void {
  tags.push({ tag, resolve: (s: string) => ({ [key]: splitScalar ? splitScalar(s) : s }) } as any);
  for (const collection of ['seq', 'map'] as const) {
    tags.push({ tag, collection, resolve: (node: unknown) => ({ [key]: node }) } as any);
  }
}

/** The most distinct preprocessor directives (`!Rain::Embed`, `!Rain::Module`, ...) a template may use. */
const MAX_DIRECTIVES = 100;

/**
 * The tags a YAML template may use: CloudFormation's short forms, plus the directives of
 * template preprocessors (`!Rain::Embed`), which become `{ "Rain::Embed": ... }` and stay undecided.
 */
function tagsFor(text: string, file: string): YAML.Tags {
  const directives = new Set([...text.matchAll(/!([A-Z][A-Za-z0-9]*::[A-Za-z0-9]+)/g)].map(m => m[1]));
  if (directives.size === 0) return standardTags();
  // The parser looks each tag up in a list: thousands of them would make it take quadratic time.
  if (directives.size > MAX_DIRECTIVES) {
    throw new TemplateError(file, `uses more than ${MAX_DIRECTIVES} different preprocessor tags (such as !Rain::Embed), more than cdk-ha reads`);
  }
  const tags = [...standardTags()];
  for (const d of directives) addTag(tags, `!${d}`, d);
  return tags;
}

/** CloudFormation's short-form tags (`!Ref`, `!GetAtt`, `!Sub`, ...) in scalar, sequence and mapping form. */
let cfnTags: YAML.Tags | undefined;
function standardTags(): YAML.Tags {
  if (cfnTags) return cfnTags;
  const tags: YAML.Tags = [];
  const add = (tag: string, key: string, splitScalar?: (s: string) => unknown) => addTag(tags, tag, key, splitScalar);
  add('!Ref', 'Ref');
  add('!Condition', 'Condition');
  for (const fn of FUNCTIONS) {
    add(`!${fn}`, `Fn::${fn}`, fn === 'GetAtt' ? s => {
      const dot = s.indexOf('.');
      return dot < 0 ? [s] : [s.slice(0, dot), s.slice(dot + 1)];
    } : undefined);
  }
  return cfnTags = tags;
}

/** A parsed template file and the line of each resource in it (computed on first use). */
export interface ParsedTemplate {
  readonly template: JsonObject;
  readonly lines: () => ReadonlyMap<string, number>;
}

/**
 * True for text that looks like a CloudFormation template, even a broken one: in a folder, a file
 * that does not is skipped rather than reported.
 */
export function looksLikeTemplate(text: string): boolean {
  return /AWSTemplateFormatVersion/.test(text) || (/\bResources\b/.test(text) && /\bAWS::[A-Za-z0-9]+::[A-Za-z0-9]+/.test(text));
}

/**
 * Parses a template's text as JSON or YAML (with short-form tags); throws `TemplateError` naming the
 * file. YAML is read as CloudFormation reads it: the features it does not support (aliases, merge
 * keys, the binary, omap, pairs, set and timestamp tags) are refused, as are duplicate keys.
 */
export function parseTemplate(text: string, file: string): ParsedTemplate {
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const trimmed = text.trimStart();
  if (trimmed === '') throw new TemplateError(file, 'the file is empty');
  if (!trimmed.startsWith('{') && !file.toLowerCase().endsWith('.json')) return parseYaml(text, file);
  const template = checkTemplateShape(parseJson(text, file), file, text);
  let lines: Map<string, number> | undefined;
  return { template, lines: () => lines ??= jsonResourceLines(text, template) };
}

function parseJson(text: string, file: string): unknown {
  // The text is scanned before it is parsed: a value nested too deep is refused before the parser meets it.
  const scanned = scanJson(text);
  if (scanned.tooDeep) throw new TemplateError(file, tooDeepProblem());
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (e) {
    throw new TemplateError(file, jsonProblem(text, (e as Error).message), { notATemplate: !looksLikeTemplate(text) });
  }
  // A key that appears twice in one object is parsed once: the parsed value then has fewer keys than the text.
  if (scanned.keys !== keysIn(value)) {
    const duplicate = duplicateJsonKey(text);
    if (duplicate) {
      throw new TemplateError(file, `the key ${JSON.stringify(duplicate.key)} appears twice in one object (line ${duplicate.line}); `
        + 'CloudFormation rejects duplicate keys, and which one counts is not defined: keep one');
    }
  }
  return value;
}

/** The parser's message without the text it quotes, and where the problem is. */
function jsonProblem(text: string, message: string): string {
  const at = /at position (\d+)/.exec(message);
  const position = at ? Number(at[1]) : undefined;
  if (/Unexpected end/.test(message) || (position !== undefined && position >= text.trimEnd().length)) {
    return 'not valid JSON (it ends before the JSON is complete); is the file truncated?';
  }
  const reason = message.replace(/, ".*" is not valid JSON$/s, '').replace(/ in JSON at position \d+.*$/s, '').replace(/^./, c => c.toLowerCase());
  return `not valid JSON${position === undefined ? '' : ` at ${lineAndColumn(text, position)}`} (${reason})`;
}

function lineAndColumn(text: string, offset: number): string {
  const before = text.slice(0, offset);
  const line = countLines(before, 0, before.length);
  return `line ${line}, column ${offset - before.lastIndexOf('\n')}`;
}

/** The number of keys in a parsed value, and whether it nests deeper than the limit (without recursion). */
function measure(value: unknown): { keys: number; tooDeep: boolean } {
  let keys = 0;
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length) {
    const [v, depth] = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= MAX_VALUE_DEPTH) return { keys, tooDeep: true };
    const children = Array.isArray(v) ? v : Object.values(v);
    if (!Array.isArray(v)) keys += children.length;
    for (const child of children) stack.push([child, depth + 1]);
  }
  return { keys, tooDeep: false };
}

function tooDeepProblem(): string {
  return `nests mappings and lists more than ${MAX_VALUE_DEPTH} levels deep, more than cdk-ha reads`;
}

/**
 * The number of object keys in JSON text (strings followed by a colon), and whether its lists and
 * objects nest deeper than the limit, in one pass over the characters (strings are skipped with
 * their escapes, so nothing inside one counts).
 */
function scanJson(text: string): { keys: number; tooDeep: boolean } {
  let keys = 0;
  let depth = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === QUOTE) {
      let j = i + 1;
      for (let d = text.charCodeAt(j); d !== QUOTE; d = text.charCodeAt(j)) {
        j += d === BACKSLASH ? 2 : 1;
        if (j >= n) return { keys, tooDeep: false }; // an unterminated string: the parser says where
      }
      let next = j + 1;
      let e = text.charCodeAt(next);
      while (e === 0x20 || e === 0x0a || e === 0x0d || e === 0x09) e = text.charCodeAt(++next);
      if (e === COLON) keys++;
      i = j;
    } else if (c === OPEN_OBJECT || c === OPEN_LIST) {
      if (++depth > MAX_VALUE_DEPTH) return { keys, tooDeep: true };
    } else if (c === CLOSE_OBJECT || c === CLOSE_LIST) {
      depth--;
    }
  }
  return { keys, tooDeep: false };
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_LIST = 0x5b;
const CLOSE_LIST = 0x5d;

/** The number of keys in a parsed JSON value (whose depth the scan has bounded). */
function keysIn(value: unknown): number {
  if (typeof value !== 'object' || value === null) return 0;
  let n = 0;
  if (Array.isArray(value)) {
    for (const item of value) n += keysIn(item);
    return n;
  }
  for (const key in value) n += 1 + keysIn((value as Record<string, unknown>)[key]);
  return n;
}

/** The first key that appears twice in one object of JSON text, and its line. */
function duplicateJsonKey(text: string): { key: string; line: number } | undefined {
  const objects: (Set<string> | undefined)[] = [];
  const tokens = /"(?:[^"\\]|\\.)*"(?=\s*(:)?)|[{}[\]]/g;
  for (const m of text.matchAll(tokens)) {
    const token = m[0];
    if (token === '{' || token === '[') {
      objects.push(token === '{' ? new Set() : undefined);
    } else if (token === '}' || token === ']') {
      objects.pop();
    } else if (m[1]) {
      const keys = objects[objects.length - 1];
      const key = JSON.parse(token) as string;
      if (keys?.has(key)) return { key, line: countLines(text, 0, m.index!) };
      keys?.add(key);
    }
  }
  return undefined;
}

/** The YAML 1.1 types CloudFormation does not support, as the parser names their tags when it leaves them unresolved. */
const UNSUPPORTED_TAG = /tag:yaml\.org,2002:(binary|omap|pairs|set|timestamp)$/;

function parseYaml(text: string, file: string): ParsedTemplate {
  const YAML = yaml();
  const lineCounter = new YAML.LineCounter();
  const refuse = (problem: string, offset?: number) => {
    const where = offset === undefined ? '' : ` at line ${lineCounter.linePos(offset).line}`;
    return new TemplateError(file, problem.replace('%where', where), { notATemplate: !looksLikeTemplate(text) });
  };
  // resolveKnownTags: false leaves !!binary, !!omap, !!pairs, !!set and !!timestamp unresolved, to be refused below.
  const doc = YAML.parseDocument(text, {
    customTags: tagsFor(text, file), lineCounter, prettyErrors: false, uniqueKeys: true, resolveKnownTags: false, logLevel: 'error',
  });
  const problem = doc.errors[0] ?? doc.warnings.find(w => w.code === 'TAG_RESOLVE_FAILED');
  if (problem) {
    const offset = problem.pos[0];
    const message = problem.message.split('\n')[0];
    if (problem.code === 'TAG_RESOLVE_FAILED') {
      const unsupported = UNSUPPORTED_TAG.exec(message.replace(/ at line .*$/, ''));
      throw refuse(unsupported
        ? `uses the YAML tag !!${unsupported[1]}%where, which CloudFormation does not support`
        : `unknown YAML tag ${tagAt(text, offset)}%where: not a CloudFormation intrinsic function`, offset);
    }
    if (problem.code === 'DUPLICATE_KEY') {
      throw refuse(`the key ${keyAt(text, offset)} appears twice in one mapping%where; CloudFormation rejects duplicate keys: keep one`, offset);
    }
    if (problem.code === 'MULTIPLE_DOCS') throw refuse('holds several YAML documents (---); a CloudFormation template is one document', offset);
    if (/call stack/i.test(message)) throw refuse(tooDeepProblem());
    throw refuse(`not valid YAML%where: ${message}`, offset);
  }
  // Refused before any value is built, so that an alias bomb costs nothing.
  let unsupported: { problem: string; offset?: number } | undefined;
  YAML.visit(doc, {
    Alias(_, node) {
      unsupported = { problem: `uses a YAML alias (*${node.source})%where; CloudFormation does not allow aliases in templates`, offset: node.range?.[0] };
      return YAML.visit.BREAK;
    },
    Pair(_, pair) {
      const key = pair.key;
      if (YAML.isScalar(key) && key.value === '<<' && key.type === 'PLAIN') {
        unsupported = { problem: 'uses a YAML merge key (<<)%where; CloudFormation does not support merge keys', offset: key.range?.[0] };
        return YAML.visit.BREAK;
      }
      if (YAML.isCollection(key)) {
        unsupported = { problem: 'has a mapping key that is itself a mapping or a list%where; CloudFormation keys are strings', offset: key.range?.[0] };
        return YAML.visit.BREAK;
      }
      return undefined;
    },
  });
  if (unsupported) throw refuse(unsupported.problem, unsupported.offset);
  const value = doc.toJS({ maxAliasCount: 0 });
  if (measure(value).tooDeep) throw refuse(tooDeepProblem());
  // Values under short-form tags hold YAML nodes; a JSON round trip turns everything into plain data.
  const template = checkTemplateShape(JSON.parse(JSON.stringify(value)), file, text);
  const lines = new Map<string, number>();
  const resources = doc.get('Resources');
  if (YAML.isMap(resources)) {
    for (const pair of resources.items) {
      const key = pair.key as YAML.Scalar | undefined;
      if (key && YAML.isScalar(key) && key.range) lines.set(String(key.value), lineCounter.linePos(key.range[0]).line);
    }
  }
  return { template, lines: () => lines };
}

/** The key written at an offset, quoted as in the file (a plain key is quoted for the message). */
function keyAt(text: string, offset: number): string {
  const m = /^(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\n]|'')*'|[^:\n]*)/.exec(text.slice(offset, offset + 300));
  const key = (m?.[0] ?? '').trim();
  const shown = /^["']/.test(key) ? key : JSON.stringify(key);
  return shown.length > 80 ? `${shown.slice(0, 79)}…` : shown;
}

function tagAt(text: string, offset: number): string {
  return /^![^\s\[\]{},]*/.exec(text.slice(offset))?.[0] ?? 'tag';
}

function checkTemplateShape(value: unknown, file: string, text: string): JsonObject {
  const notTemplate = (problem: string) => new TemplateError(file, `not a CloudFormation template: ${problem}`, { notATemplate: !looksLikeTemplate(text) });
  if (!isObject(value)) throw notTemplate('the top level is not a mapping');
  if (!('Resources' in value)) throw notTemplate('it has no Resources section');
  if (!isObject(value.Resources)) throw notTemplate('Resources is not a mapping');
  let count = 0;
  for (const [id, resource] of Object.entries(value.Resources)) {
    if (/^Fn::ForEach::/.test(id)) continue;
    if (!isObject(resource) || typeOf(resource) === undefined) {
      throw new TemplateError(file, `resource ${id.length > 80 ? `${id.slice(0, 79)}…` : id} has no Type`);
    }
    if (++count > MAX_RESOURCES) {
      throw new TemplateError(file, `declares more than ${MAX_RESOURCES} resources, CloudFormation's limit for a template`);
    }
  }
  return value;
}

/** A resource's type: a string, or a preprocessor's module directive such as `{ "Rain::Module": ... }`. */
function typeOf(resource: JsonObject): string | undefined {
  const type = resource.Type;
  if (typeof type === 'string') return type;
  const directive = intrinsicName(type);
  return directive && PREPROCESSOR_DIRECTIVE.test(directive) ? directive : undefined;
}

/** The line of each resource's key, found in one forward pass over the text (resources keep their order). */
function jsonResourceLines(text: string, template: JsonObject): Map<string, number> {
  const lines = new Map<string, number>();
  let pos = text.indexOf('"Resources"');
  if (pos < 0) return lines;
  let line = countLines(text, 0, pos);
  for (const id of Object.keys(template.Resources as JsonObject)) {
    // The key, not a `Ref` to it: a quoted name followed by a colon.
    const key = new RegExp(`${escapeRegExp(JSON.stringify(id))}\\s*:`, 'g');
    key.lastIndex = pos;
    const at = key.exec(text)?.index ?? -1;
    if (at < 0) break;
    line += countLines(text, pos, at);
    lines.set(id, line);
    pos = at;
  }
  return lines;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function countLines(text: string, from: number, to: number): number {
  let n = from === 0 ? 1 : 0;
  for (let i = from; i < to; i++) if (text.charCodeAt(i) === 10) n++;
  return n;
}

/** Where a template came from, for the model built from it. */
export interface TemplateSource {
  /** The stack's display name. @default the file's base name without its extension */
  readonly stackName?: string;
  /** Construct paths by logical ID, when a cloud assembly records them. */
  readonly constructPaths?: ReadonlyMap<string, string>;
  /** How the file is named in findings and errors. @default the path as given */
  readonly shownAs?: string;
  /** The Region the stack deploys to, when its source says. */
  readonly region?: string;
  /** The folder the file must be in (a cloud assembly that names it), when it is named by a manifest. */
  readonly within?: string;
  /** The rules acknowledged with CDK's own forms for a construct path, as the cloud assembly records them. */
  readonly acknowledgementsAt?: (constructPath: () => string | undefined) => ReadonlyMap<string, string>;
}

/** Builds the model of a parsed template. */
export function modelFromTemplate(parsed: ParsedTemplate, templatePath: string, source: TemplateSource = {}): TemplateModel {
  const { template, lines } = parsed;
  // Named as the file is shown: a loop past CloudFormation's limits is reported with it.
  const scope = new TemplateModel({ stackName: '', templatePath: source.shownAs ?? templatePath, resources: [], ...sections(template) });
  const expanded = expandForEach(template.Resources as JsonObject, scope);
  const resources: ResourceRecord[] = [];
  for (const [logicalId, raw] of Object.entries(expanded.resources)) {
    if (!isObject(raw) || typeOf(raw) === undefined) continue;
    const r = raw;
    const metadata = isObject(r.Metadata) ? r.Metadata : undefined;
    const cdkPath = metadata?.['aws:cdk:path'];
    resources.push({
      logicalId,
      type: typeOf(r)!,
      properties: isObject(r.Properties) ? r.Properties : {},
      metadata,
      condition: typeof r.Condition === 'string' ? r.Condition : undefined,
      deletionPolicy: r.DeletionPolicy as Json | undefined,
      updateReplacePolicy: r.UpdateReplacePolicy as Json | undefined,
      // The path CDK writes into the template, else the cloud assembly's record (read only when asked).
      get constructPath() { return typeof cdkPath === 'string' ? cdkPath : source.constructPaths?.get(logicalId); },
      get line() { return lines().get(expanded.origin.get(logicalId) ?? logicalId); },
    });
  }
  return new TemplateModel({
    stackName: source.stackName ?? stackNameOf(templatePath),
    templatePath: source.shownAs ?? templatePath,
    resources,
    objectives: declaredObjectives(template, source.shownAs ?? templatePath),
    subnetZones: recordedSubnetZones(template),
    region: source.region,
    acknowledgementsAt: source.acknowledgementsAt,
    ...sections(template),
  });
}

/** Zones of imported subnets that the CDK app recorded in the template's `cdk-ha` Metadata. */
function recordedSubnetZones(template: JsonObject): Map<string, string> {
  const block = isObject(template.Metadata) ? template.Metadata[METADATA_KEY] : undefined;
  const zones = isObject(block) && isObject(block.subnetZones) ? block.subnetZones : {};
  return new Map(Object.entries(zones).filter((e): e is [string, string] => typeof e[1] === 'string'));
}

/** The objectives in the template's `cdk-ha` Metadata; invalid ones make the template unreadable, with the reason. */
function declaredObjectives(template: JsonObject, file: string): Objectives | undefined {
  const block = isObject(template.Metadata) ? template.Metadata[METADATA_KEY] : undefined;
  const data = isObject(block) ? block.objectives : undefined;
  if (data === undefined) return undefined;
  try {
    return readObjectives(data, `Metadata ${METADATA_KEY}.objectives`);
  } catch (e) {
    if (e instanceof ObjectivesError) throw new TemplateError(file, e.message);
    throw e;
  }
}

function sections(template: JsonObject) {
  return {
    parameters: isObject(template.Parameters) ? template.Parameters : undefined,
    mappings: isObject(template.Mappings) ? template.Mappings : undefined,
    conditions: isObject(template.Conditions) ? template.Conditions : undefined,
    outputs: isObject(template.Outputs) ? template.Outputs : undefined,
  };
}

/** `Shop.template.json` → `Shop`; `vpc.yaml` → `vpc`. */
export function stackNameOf(file: string): string {
  return path.basename(file).replace(/(\.template)?\.(json|ya?ml|template|txt)$/i, '');
}

/** Reads and parses one template file; throws `TemplateError` naming the file. */
export function readTemplateFile(file: string, source: TemplateSource = {}): ParsedTemplate {
  const shown = source.shownAs ?? file;
  const text = readInputFile(file, { shownAs: shown, maxBytes: MAX_TEMPLATE_BYTES, within: source.within, what: 'template', looksLike: looksLikeTemplate });
  return parseTemplate(text, shown);
}

/** Reads, parses and models one template file; throws `TemplateError` naming the file. */
export function loadTemplateFile(file: string, source: TemplateSource = {}): TemplateModel {
  return modelFromTemplate(readTemplateFile(file, source), file, source);
}
