import * as fs from 'fs';
import * as path from 'path';
import type { Json } from './json';
import type { Resource, TemplateModel } from './template-model';
import { intrinsicName, subVariables } from './values';

/** The resource type of a nested stack in its parent's template. */
export const NESTED_STACK = 'AWS::CloudFormation::Stack';

/** How deep nested stacks are followed (CloudFormation allows nesting, not cycles; this bounds a hostile input). */
export const MAX_NESTING_DEPTH = 10;

/** Where the templates of a parent's nested stacks are found. */
export interface NestedTemplateSource {
  /** The folder that relative paths (`aws:asset:path`, a local `TemplateURL`) are read in. */
  readonly dir: string;
  /** File assets of a cloud assembly by object key or hash, for a `TemplateURL` that points to S3. */
  readonly fileAssets?: () => ReadonlyMap<string, string>;
}

/** A nested stack of a parent template: the resource that creates it, its name, and its template file when found. */
export interface NestedStackFile {
  readonly resource: Resource;
  readonly stackName: string;
  readonly file?: string;
}

/**
 * The nested stacks of a template, found through the parent's `AWS::CloudFormation::Stack`
 * resources: the `aws:asset:path` metadata CDK writes, a `TemplateURL` whose object key is a file
 * asset of the cloud assembly, or a `TemplateURL` that is a local path (a template before
 * `aws cloudformation package`).
 */
export function nestedStackFiles(parent: TemplateModel, source: NestedTemplateSource): NestedStackFile[] {
  return parent.ofType(NESTED_STACK).map(resource => ({
    resource,
    stackName: nestedStackName(parent, resource),
    file: assetPath(resource, source) ?? templateUrlFile(resource.properties.TemplateURL, source) ?? cdkNamedFile(parent, resource, source),
  }));
}

/**
 * A nested template in a folder of templates copied out of a cloud assembly (without its asset
 * manifests), found by CDK's names: the resource `<Id>NestedStack<Id>NestedStackResource<hash>`
 * creates the stack whose template is `<parent path><Id><hash>.nested.template.json`. Only a single
 * match counts.
 */
function cdkNamedFile(parent: TemplateModel, resource: Resource, source: NestedTemplateSource): string | undefined {
  if (source.fileAssets) return undefined;
  const id = /^(.+)NestedStack\1NestedStackResource[0-9A-F]{8}$/.exec(resource.logicalId)?.[1];
  if (!id) return undefined;
  const suffix = new RegExp(`${id}[0-9A-F]{8}\\.nested\\.template\\.json$`);
  let matches = filesIn(source.dir).filter(f => suffix.test(f));
  if (matches.length > 1) {
    // Several parents may have a nested stack of the same ID: the child's name starts with its parent's path.
    const prefix = path.basename(parent.templatePath).replace(/(\.nested)?\.template\.(json|ya?ml)$/, '').replace(/[0-9A-F]{8}$/, '');
    matches = matches.filter(f => f.startsWith(prefix));
  }
  return matches.length === 1 ? path.join(source.dir, matches[0]) : undefined;
}

/** The names of the files in a folder, or none when it cannot be read. */
function filesIn(dir: string): readonly string[] {
  try {
    return fs.readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * A nested stack's name as CDK gives it (its construct path: `Parent/Network` for the resource
 * `Parent/Network.NestedStack/Network.NestedStackResource`), else the parent's name and the logical ID.
 */
export function nestedStackName(parent: TemplateModel, resource: Resource): string {
  const m = /^(.*)\/([^/]+)\.NestedStack\/\2\.NestedStackResource$/.exec(resource.constructPath ?? '');
  return m ? `${m[1]}/${m[2]}` : `${parent.stackName}/${resource.logicalId}`;
}

function assetPath(resource: Resource, source: NestedTemplateSource): string | undefined {
  const asset = resource.metadata?.['aws:asset:path'];
  return typeof asset === 'string' && asset !== '' ? path.join(source.dir, asset) : undefined;
}

function templateUrlFile(url: Json | undefined, source: NestedTemplateSource): string | undefined {
  if (typeof url === 'string' && !/^[a-z][a-z0-9+.-]*:\/\//i.test(url)) return url === '' ? undefined : path.join(source.dir, url);
  const key = lastSegment(url);
  if (!key || !source.fileAssets) return undefined;
  const assets = source.fileAssets();
  return assets.get(key) ?? assets.get(key.replace(/\.json$/, ''));
}

/** The last path segment of a URL that may be built with `Fn::Join` or `Fn::Sub` (`.../<hash>.json`). */
function lastSegment(url: Json | undefined): string | undefined {
  if (typeof url === 'string') return url.split('/').pop() || undefined;
  const fn = intrinsicName(url);
  if (fn === 'Fn::Join') {
    const arg = (url as Record<string, Json>)['Fn::Join'];
    if (Array.isArray(arg) && Array.isArray(arg[1])) {
      const last = arg[1][arg[1].length - 1];
      return typeof last === 'string' ? lastSegment(last) : undefined;
    }
  }
  if (fn === 'Fn::Sub') {
    const arg = (url as Record<string, Json>)['Fn::Sub'];
    const text = typeof arg === 'string' ? arg : Array.isArray(arg) && typeof arg[0] === 'string' ? arg[0] : undefined;
    if (text === undefined) return undefined;
    // A variable in the last segment (after its last slash) leaves the file name undecided.
    let lastEnd = -1;
    for (const v of subVariables(text)) lastEnd = v.end;
    return lastEnd >= 0 && !text.slice(lastEnd + 1).includes('/') ? undefined : lastSegment(text);
  }
  return undefined;
}
