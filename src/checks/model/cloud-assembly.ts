import * as fs from 'fs';
import * as path from 'path';
import { isWithin, MAX_ASSEMBLY_FILE_BYTES, readInputFile, TemplateError } from './input-files';
import { isObject, JsonObject } from './json';
import { displayPath } from '../report/paths';

/** A top-level stack of a cloud assembly: its template, its display name, its Region and its construct paths by logical ID. */
export interface AssemblyStack {
  readonly templatePath: string;
  readonly stackName: string;
  /** The Region of the stack's environment, when the manifest names one. */
  readonly region?: string;
  readonly constructPaths: ReadonlyMap<string, string>;
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
      let constructPaths: Map<string, string> | undefined;
      stacks.push({
        templatePath: path.join(dir, props.templateFile),
        stackName: typeof artifact.displayName === 'string' ? artifact.displayName : id,
        region: regionOf(artifact.environment),
        // The metadata file is large (it holds creation stack traces): read it only when a path is asked for.
        get constructPaths() { return constructPaths ??= constructPathsOf(dir, root, artifact); },
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

/** Construct paths by logical ID; best effort: a missing or unreadable metadata file gives none. */
function constructPathsOf(dir: string, root: string, artifact: JsonObject): Map<string, string> {
  const paths = new Map<string, string>();
  const sources: unknown[] = [artifact.metadata];
  if (typeof artifact.additionalMetadataFile === 'string') {
    sources.push(readJson(path.join(dir, artifact.additionalMetadataFile), root, { assemblies: [], problems: [] }));
  }
  for (const metadata of sources) {
    if (!isObject(metadata)) continue;
    for (const [constructPath, entries] of Object.entries(metadata)) {
      if (!Array.isArray(entries)) continue;
      for (const entry of entries) {
        if (isObject(entry) && entry.type === 'aws:cdk:logicalId' && typeof entry.data === 'string') {
          paths.set(entry.data, constructPath.replace(/^\//, ''));
        }
      }
    }
  }
  return paths;
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
