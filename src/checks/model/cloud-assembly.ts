import * as fs from 'fs';
import * as path from 'path';
import { decode, isWithin, MAX_ASSEMBLY_FILE_BYTES, readInputBytes, readInputFile, TemplateError } from './input-files';
import { isObject, JsonObject } from './json';
import { ACKNOWLEDGED_RULES_METADATA, rulesAcknowledgedBy } from '../acknowledgements';
import { displayPath } from '../report/paths';

/** What a stack's metadata records of it: the construct path of each of its resources, by logical ID. */
export interface StackMetadata {
  readonly constructPaths: ReadonlyMap<string, string>;
}

/** A top-level stack of a cloud assembly: its template, its display name, its Region and its construct paths by logical ID. */
export interface AssemblyStack {
  readonly templatePath: string;
  readonly stackName: string;
  /** The Region of the stack's environment, when the manifest names one. */
  readonly region?: string;
  readonly constructPaths: ReadonlyMap<string, string>;
  /** What the stack's metadata records of a nested stack, by the nested template's file name. */
  nested(templateFile: string): StackMetadata | undefined;
  /**
   * The rules acknowledged with CDK's own forms (`Validations.acknowledge`, `Annotations.acknowledgeWarning`
   * through cdk-ha) on a construct of the stack or its nested stacks, or above it within the stack.
   */
  acknowledgementsAt(constructPath: () => string | undefined): ReadonlyMap<string, string>;
}

/**
 * One cloud assembly: the app's own, or a Stage's nested assembly. Each is a workload of its own,
 * named after the folder given (the app's) or the Stage's construct path.
 */
export interface Assembly {
  readonly name: string;
  readonly dir: string;
  /** The outermost assembly folder, which every file the manifests name must be inside. */
  readonly root: string;
  readonly stacks: AssemblyStack[];
  /** File assets of the assembly's stacks (nested stack templates among them), by object key and by hash. */
  readonly fileAssets: () => ReadonlyMap<string, string>;
}

/** The assemblies of a cloud assembly folder, with the problems met while reading it. */
export interface AssemblyContents {
  readonly assemblies: Assembly[];
  readonly problems: TemplateError[];
}

/**
 * True for a folder holding a cloud assembly (a `cdk.out`): one with a `manifest.json` that is not
 * a folder. A manifest that is not a regular file (a FIFO) is refused when it is read, not waited on.
 */
export function isCloudAssembly(dir: string): boolean {
  try {
    return !fs.statSync(path.join(dir, 'manifest.json')).isDirectory();
  } catch {
    return false;
  }
}

/**
 * Reads a cloud assembly through its manifest.json: the app's stacks, and each nested assembly
 * (Stage) as an assembly of its own. Construct paths come from the `aws:cdk:logicalId` metadata, in
 * the manifest or in the stack's metadata file. Every file a manifest names must be inside the
 * assembly folder; a nested assembly is read once however many links lead to it.
 */
export function readCloudAssembly(dir: string, name = displayPath(dir)): AssemblyContents {
  const contents: AssemblyContents = { assemblies: [], problems: [] };
  readInto(dir, name, path.resolve(dir), contents, new Set());
  return contents;
}

function readInto(dir: string, name: string, root: string, contents: AssemblyContents, seen: Set<string>): void {
  let real: string;
  try {
    real = fs.realpathSync(dir);
  } catch {
    contents.problems.push(new TemplateError(displayPath(dir), 'no such folder'));
    return;
  }
  if (seen.has(real)) return;
  seen.add(real);
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = readJson(manifestFile, root, contents);
  if (!manifest) return;
  const artifacts = isObject(manifest.artifacts) ? manifest.artifacts : {};
  const stacks: AssemblyStack[] = [];
  const assetManifests: string[] = [];
  const nested: [string, string][] = [];
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isObject(artifact)) continue;
    const props = isObject(artifact.properties) ? artifact.properties : {};
    if (artifact.type === 'cdk:cloud-assembly' && typeof props.directoryName === 'string') {
      const child = path.join(dir, props.directoryName);
      if (!isWithin(child, root)) {
        contents.problems.push(new TemplateError(displayPath(manifestFile), `nested assembly ${id} names a folder outside the cloud assembly (${displayPath(root)}); it is not read`));
        continue;
      }
      const display = typeof props.displayName === 'string' ? props.displayName : artifact.displayName;
      nested.push([child, typeof display === 'string' ? display : id]);
    } else if (artifact.type === 'aws:cloudformation:stack' && typeof props.templateFile === 'string') {
      const metadata = new StackMetadataFile(dir, root, artifact, props.templateFile);
      stacks.push({
        templatePath: path.join(dir, props.templateFile),
        stackName: typeof artifact.displayName === 'string' ? artifact.displayName : id,
        region: regionOf(artifact.environment),
        get constructPaths() { return metadata.stacks().get(props.templateFile as string)?.constructPaths ?? new Map(); },
        nested: templateFile => metadata.stacks().get(templateFile),
        acknowledgementsAt: constructPath => metadata.acknowledgementsAt(constructPath),
      });
    } else if (artifact.type === 'cdk:asset-manifest' && typeof props.file === 'string') {
      assetManifests.push(path.join(dir, props.file));
    }
  }
  let fileAssets: Map<string, string> | undefined;
  contents.assemblies.push({
    name,
    dir,
    root,
    stacks,
    fileAssets: () => fileAssets ??= fileAssetsOf(assetManifests, dir, root),
  });
  for (const [child, childName] of nested) readInto(child, childName, root, contents, seen);
}

/** `aws://123456789012/us-east-1` gives `us-east-1`; an environment-agnostic stack gives none. */
function regionOf(environment: unknown): string | undefined {
  const m = typeof environment === 'string' ? /^aws:\/\/[^/]*\/([a-z0-9-]+)$/.exec(environment) : null;
  return m && m[1] !== 'unknown-region' ? m[1] : undefined;
}

/**
 * The files of an assembly's asset manifests, by hash and by object key: a nested stack's template
 * is a file asset, and its parent's `TemplateURL` ends with the object key.
 */
function fileAssetsOf(manifests: readonly string[], dir: string, root: string): Map<string, string> {
  const files = new Map<string, string>();
  for (const file of manifests) {
    const manifest = readJson(file, root, { assemblies: [], problems: [] });
    const assets = isObject(manifest?.files) ? manifest!.files : {};
    for (const [hash, asset] of Object.entries(assets)) {
      if (!isObject(asset) || !isObject(asset.source) || typeof asset.source.path !== 'string') continue;
      const source = path.join(dir, asset.source.path);
      files.set(hash, source);
      for (const destination of Object.values(isObject(asset.destinations) ? asset.destinations : {})) {
        if (isObject(destination) && typeof destination.objectKey === 'string') files.set(destination.objectKey, source);
      }
    }
  }
  return files;
}

/**
 * A stack's metadata, in the manifest or in the stack's metadata file. The file is large (it holds
 * creation stack traces), so it is read when first needed and parsed only for what is asked: construct
 * paths when a finding's path is shown, acknowledgements when the file holds any.
 */
/** An acknowledgement of a cdk-ha rule, as a key of an `aws:cdk:acknowledged-rules` entry (see `ruleOfAcknowledgementId`). */
const ACKNOWLEDGEMENT_KEY = /"(?:cdk-ha::|(?:Annotation::)?@cdk-ha\/checks:)HA-[A-Z0-9]+"\s*:/;
/** What every such ID contains. */
const ACKNOWLEDGEMENT_ID_PREFIXES = ['cdk-ha::HA-', '@cdk-ha/checks:HA-'];

class StackMetadataFile {
  private text?: string;
  private content?: Buffer | false;
  private entries?: [string, JsonObject][];
  private byStack?: Map<string, StackMetadata>;
  private acknowledged?: Map<string, Map<string, string>>;

  constructor(
    private readonly dir: string, private readonly root: string, private readonly artifact: JsonObject, private readonly templateFile: string,
  ) {}

  /**
   * What the metadata records of the stack and of its nested stacks, by template file: the construct
   * path of each resource (`aws:cdk:logicalId` entries, which belong to the deepest stack whose path,
   * from its `aws:cdk:templateFile` entry, they are under). Best effort: an unreadable file gives none.
   */
  public stacks(): Map<string, StackMetadata> {
    if (this.byStack) return this.byStack;
    const entries = this.parsed();
    const stacks = new Map<string, { stackPath?: string; constructPaths: Map<string, string> }>();
    for (const [constructPath, entry] of entries) {
      if (entry.type === 'aws:cdk:templateFile' && typeof entry.data === 'string') stacks.set(entry.data, { stackPath: constructPath, constructPaths: new Map() });
    }
    if (!stacks.has(this.templateFile)) stacks.set(this.templateFile, { constructPaths: new Map() });
    // Deepest stacks first, so that a resource of a nested stack is not filed under its parent.
    const byDepth = [...stacks.values()].filter(st => st.stackPath !== undefined).sort((a, b) => b.stackPath!.length - a.stackPath!.length);
    for (const [constructPath, entry] of entries) {
      if (entry.type !== 'aws:cdk:logicalId' || typeof entry.data !== 'string') continue;
      const owner = byDepth.find(st => constructPath.startsWith(`${st.stackPath}/`)) ?? stacks.get(this.templateFile)!;
      owner.constructPaths.set(entry.data, constructPath);
    }
    return this.byStack = stacks;
  }

  /** The cdk-ha rules acknowledged on a construct path or above it (the nearest acknowledgement wins). */
  public acknowledgementsAt(pathOf: () => string | undefined): ReadonlyMap<string, string> {
    if (!this.acknowledged) {
      this.acknowledged = new Map();
      // Most stacks acknowledge none of cdk-ha's rules (CDK itself acknowledges its validator's rules on every VPC):
      // the file's bytes are searched first, and only a file with a cdk-ha acknowledgement ID as a key is parsed for them.
      if (this.mentionsAcknowledgements() && ACKNOWLEDGEMENT_KEY.test(this.raw())) {
        for (const [at, entry] of this.parsed()) {
          if (entry.type !== ACKNOWLEDGED_RULES_METADATA) continue;
          const rules = rulesAcknowledgedBy(entry.data, new Map(this.acknowledged.get(at)));
          if (rules.size) this.acknowledged.set(at, rules);
        }
      }
    }
    const result = new Map<string, string>();
    const constructPath = this.acknowledged.size ? pathOf() : undefined;
    if (!constructPath) return result;
    const parts = constructPath.split('/');
    for (let i = parts.length; i > 0; i--) {
      for (const [rule, reason] of this.acknowledged.get(parts.slice(0, i).join('/')) ?? []) if (!result.has(rule)) result.set(rule, reason);
    }
    return result;
  }

  /** The metadata entries, by construct path (without the leading slash). */
  private parsed(): [string, JsonObject][] {
    if (this.entries) return this.entries;
    const entries: [string, JsonObject][] = [];
    const text = this.raw();
    let file: unknown;
    try {
      file = text ? JSON.parse(text) : undefined;
    } catch {
      file = undefined;
    }
    for (const metadata of [this.artifact.metadata, file]) {
      if (!isObject(metadata)) continue;
      for (const [constructPath, list] of Object.entries(metadata)) {
        if (Array.isArray(list)) for (const entry of list) if (isObject(entry)) entries.push([constructPath.replace(/^\//, ''), entry]);
      }
    }
    return this.entries = entries;
  }

  /** The metadata file's text; empty when the stack has none or it cannot be read. */
  private raw(): string {
    if (this.text !== undefined) return this.text;
    const bytes = this.bytes();
    this.text = '';
    if (bytes) {
      try {
        this.text = decode(bytes, displayPath(this.artifact.additionalMetadataFile as string));
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
      }
    }
    // Metadata in the manifest itself (older versions of aws-cdk-lib) counts as text too.
    if (this.artifact.metadata !== undefined) this.text += JSON.stringify(this.artifact.metadata);
    return this.text;
  }

  /** Whether the metadata may hold an acknowledgement of a cdk-ha rule: it names one of their IDs at all. */
  private mentionsAcknowledgements(): boolean {
    const bytes = this.bytes();
    const inFile = bytes !== undefined && ACKNOWLEDGEMENT_ID_PREFIXES.some(prefix => bytes.includes(prefix));
    if (inFile || this.artifact.metadata === undefined) return inFile;
    const inManifest = JSON.stringify(this.artifact.metadata);
    return ACKNOWLEDGEMENT_ID_PREFIXES.some(prefix => inManifest.includes(prefix));
  }

  /** The metadata file's bytes; undefined when the stack has none or it cannot be read. */
  private bytes(): Buffer | undefined {
    if (this.content !== undefined) return this.content || undefined;
    const file = this.artifact.additionalMetadataFile;
    this.content = false;
    if (typeof file === 'string') {
      try {
        this.content = readInputBytes(path.join(this.dir, file), { shownAs: displayPath(file), maxBytes: MAX_ASSEMBLY_FILE_BYTES, within: this.root, what: 'metadata file' });
      } catch (e) {
        if (!(e instanceof TemplateError)) throw e;
      }
    }
    return this.content || undefined;
  }
}

function readJson(file: string, root: string, contents: AssemblyContents): JsonObject | undefined {
  const shownAs = displayPath(file);
  let text: string;
  try {
    text = readInputFile(file, { shownAs, maxBytes: MAX_ASSEMBLY_FILE_BYTES, within: root, what: 'cloud assembly file' });
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    contents.problems.push(e);
    return undefined;
  }
  try {
    const value = JSON.parse(text);
    if (isObject(value)) return value;
    contents.problems.push(new TemplateError(shownAs, 'not a JSON object'));
  } catch {
    // The parser's message quotes the file's first bytes: say only what is wrong.
    contents.problems.push(new TemplateError(shownAs, 'not valid JSON'));
  }
  return undefined;
}
