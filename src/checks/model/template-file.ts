import * as path from 'path';
import type * as YAML from 'yaml';
import { MAX_TEMPLATE_BYTES, readInputFile, TemplateError } from './input-files';
import { isObject, Json, JsonObject } from './json';
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

/**
 * The tags a YAML template may use: CloudFormation's short forms, plus the directives of
 * template preprocessors (`!Rain::Embed`), which become `{ "Rain::Embed": ... }` and stay undecided.
 */
function tagsFor(text: string): YAML.Tags {
  const directives = new Set([...text.matchAll(/!([A-Z][A-Za-z0-9]*::[A-Za-z0-9]+)/g)].map(m => m[1]));
  if (directives.size === 0) return standardTags();
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

/** Parses a template's text as JSON or YAML (with short-form tags); throws `TemplateError` naming the file. */
export function parseTemplate(text: string, file: string): ParsedTemplate {
  const trimmed = text.trimStart();
  if (trimmed === '') throw new TemplateError(file, 'the file is empty');
  const looksJson = trimmed.startsWith('{') || file.toLowerCase().endsWith('.json');
  if (looksJson) {
    let template: unknown;
    try {
      template = JSON.parse(text);
    } catch (e) {
      throw new TemplateError(file, `not valid JSON (${(e as Error).message}); is the file truncated?`);
    }
    const checked = checkTemplateShape(template, file);
    let lines: Map<string, number> | undefined;
    return { template: checked, lines: () => lines ??= jsonResourceLines(text, checked) };
  }
  const YAML = yaml();
  const lineCounter = new YAML.LineCounter();
  const doc = YAML.parseDocument(text, { customTags: tagsFor(text), lineCounter, prettyErrors: false, uniqueKeys: true });
  const problem = doc.errors[0] ?? doc.warnings.find(w => w.code === 'TAG_RESOLVE_FAILED');
  if (problem) {
    const where = ` at line ${lineCounter.linePos(problem.pos[0]).line}`;
    const message = problem.code === 'TAG_RESOLVE_FAILED'
      ? `unknown YAML tag ${tagAt(text, problem.pos[0])}${where}: not a CloudFormation intrinsic function`
      : `not valid YAML${where}: ${problem.message.split('\n')[0]}`;
    throw new TemplateError(file, message);
  }
  // Values under short-form tags hold YAML nodes; a JSON round trip turns everything into plain data.
  const template = checkTemplateShape(JSON.parse(JSON.stringify(doc.toJS({ maxAliasCount: 1000 }))), file);
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

function tagAt(text: string, offset: number): string {
  return /^![^\s\[\]{},]*/.exec(text.slice(offset))?.[0] ?? 'tag';
}

function checkTemplateShape(value: unknown, file: string): JsonObject {
  if (!isObject(value)) throw new TemplateError(file, 'not a CloudFormation template: the top level is not a mapping');
  if (!('Resources' in value)) throw new TemplateError(file, 'not a CloudFormation template: it has no Resources section');
  if (!isObject(value.Resources)) throw new TemplateError(file, 'not a CloudFormation template: Resources is not a mapping');
  for (const [id, resource] of Object.entries(value.Resources)) {
    if (/^Fn::ForEach::/.test(id)) continue;
    if (!isObject(resource) || typeOf(resource) === undefined) {
      throw new TemplateError(file, `resource ${id} has no Type`);
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
  const scope = new TemplateModel({ stackName: '', templatePath, resources: [], ...sections(template) });
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

/** Reads, parses and models one template file; throws `TemplateError` naming the file. */
export function loadTemplateFile(file: string, source: TemplateSource = {}): TemplateModel {
  const shown = source.shownAs ?? file;
  const text = readInputFile(file, { shownAs: shown, maxBytes: MAX_TEMPLATE_BYTES, within: source.within, what: 'template' });
  return modelFromTemplate(parseTemplate(text, shown), file, source);
}
