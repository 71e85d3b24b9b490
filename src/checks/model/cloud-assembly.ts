import * as fs from 'fs';
import * as path from 'path';
import { isObject, JsonObject } from './json';
import { TemplateError } from './template-file';

/** A stack of a cloud assembly: its template, its display name and its construct paths by logical ID. */
export interface AssemblyStack {
  readonly templatePath: string;
  readonly stackName: string;
  readonly constructPaths: ReadonlyMap<string, string>;
}

/** The stacks of a cloud assembly, with the problems met while reading it. */
export interface AssemblyContents {
  readonly stacks: AssemblyStack[];
  readonly problems: TemplateError[];
}

/** True for a folder holding a cloud assembly (a `cdk.out`). */
export function isCloudAssembly(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'manifest.json'));
}

/**
 * Reads a cloud assembly through its manifest.json: every CloudFormation stack, with nested
 * assemblies (stages) included. Construct paths come from the `aws:cdk:logicalId` metadata,
 * in the manifest or in the stack's metadata file.
 */
export function readCloudAssembly(dir: string): AssemblyContents {
  const contents: AssemblyContents = { stacks: [], problems: [] };
  readInto(dir, contents, new Set());
  return contents;
}

function readInto(dir: string, contents: AssemblyContents, seen: Set<string>): void {
  const real = path.resolve(dir);
  if (seen.has(real)) return;
  seen.add(real);
  const manifestFile = path.join(dir, 'manifest.json');
  const manifest = readJson(manifestFile, contents);
  if (!manifest) return;
  const artifacts = isObject(manifest.artifacts) ? manifest.artifacts : {};
  for (const [id, artifact] of Object.entries(artifacts)) {
    if (!isObject(artifact)) continue;
    const props = isObject(artifact.properties) ? artifact.properties : {};
    if (artifact.type === 'cdk:cloud-assembly' && typeof props.directoryName === 'string') {
      readInto(path.join(dir, props.directoryName), contents, seen);
    } else if (artifact.type === 'aws:cloudformation:stack' && typeof props.templateFile === 'string') {
      let constructPaths: Map<string, string> | undefined;
      contents.stacks.push({
        templatePath: path.join(dir, props.templateFile),
        stackName: typeof artifact.displayName === 'string' ? artifact.displayName : id,
        // The metadata file is large (it holds creation stack traces): read it only when a path is asked for.
        get constructPaths() { return constructPaths ??= constructPathsOf(dir, artifact); },
      });
    }
  }
}

/** Construct paths by logical ID; best effort: a missing or unreadable metadata file gives none. */
function constructPathsOf(dir: string, artifact: JsonObject): Map<string, string> {
  const paths = new Map<string, string>();
  const sources: unknown[] = [artifact.metadata];
  if (typeof artifact.additionalMetadataFile === 'string') {
    sources.push(readJson(path.join(dir, artifact.additionalMetadataFile), { stacks: [], problems: [] }));
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

function readJson(file: string, contents: AssemblyContents): JsonObject | undefined {
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf-8');
  } catch (e) {
    contents.problems.push(new TemplateError(file, (e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : `cannot be read (${(e as Error).message})`));
    return undefined;
  }
  try {
    const value = JSON.parse(text);
    if (isObject(value)) return value;
    contents.problems.push(new TemplateError(file, 'not a JSON object'));
  } catch (e) {
    contents.problems.push(new TemplateError(file, `not valid JSON (${(e as Error).message})`));
  }
  return undefined;
}
