import * as fs from 'fs';
import * as path from 'path';
import { CheckOptions, checkWorkload, WorkloadResult } from './engine';
import { Assembly, AssemblyStack, isCloudAssembly, readCloudAssembly } from './model/cloud-assembly';
import { isWithin, TemplateError } from './model/input-files';
import { MAX_NESTED_RESOURCES, MAX_NESTED_STACKS } from './model/limits';
import { MAX_NESTING_DEPTH, nestedStackFiles, NestedTemplateSource } from './model/nested-stacks';
import { loadTemplateFile, modelFromTemplate, ParsedTemplate, readTemplateFile, stackNameOf, TemplateSource } from './model/template-file';
import type { TemplateModel } from './model/template-model';
import { Workload, WorkloadStack } from './model/workload';
import { displayPath } from './report/paths';
import { ALL_RULES } from './rules';

/** The results of checking some inputs, with the inputs that could not be read. */
export interface CheckRun {
  readonly workloads: WorkloadResult[];
  readonly problems: TemplateError[];
  /** Files found in folders that are not CloudFormation templates, and were skipped. */
  readonly skipped: string[];
  /** How every workload is checked. */
  readonly options?: CheckOptions;
}

const TEMPLATE_EXTENSIONS = /\.(json|ya?ml|template)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * Checks templates, cloud assemblies (`cdk.out`) and folders of either. Each is checked as a
 * workload: a cloud assembly's app and each of its Stages, the templates of one folder, or a lone
 * template, nested stacks included. An input that cannot be read becomes a problem; every other
 * input is still checked.
 */
export function checkPaths(inputs: readonly string[], options: CheckOptions = {}): CheckRun {
  const run: CheckRun = { workloads: [], problems: [], skipped: [], options };
  const seen = new Set<string>();
  for (const input of inputs) {
    let stat: fs.Stats;
    let real: string;
    try {
      stat = fs.statSync(input);
      real = fs.realpathSync(input);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      const problem = code === 'ENOENT' ? 'no such file or folder' : code === 'ELOOP' ? 'a loop of symbolic links' : `cannot be read (${code ?? 'error'})`;
      run.problems.push(new TemplateError(displayPath(input), problem));
      continue;
    }
    if (seen.has(real)) continue; // the same input named twice is checked once
    seen.add(real);
    const before = { workloads: run.workloads.length, problems: run.problems.length, skipped: run.skipped.length };
    guarded(run, displayPath(input), () => {
      if (stat.isFile()) checkLoneTemplate(input, run);
      else if (!stat.isDirectory()) run.problems.push(new TemplateError(displayPath(input), 'is not a regular file or a folder; only files and folders are read'));
      else if (isCloudAssembly(input)) checkAssembly(input, run);
      else checkFolder(input, run);
    });
    // An input that gave nothing to check, and no reason why, is not what was meant to be checked.
    if (run.workloads.length === before.workloads && run.problems.length === before.problems) {
      const skipped = run.skipped.length - before.skipped;
      run.problems.push(new TemplateError(displayPath(input), `holds no CloudFormation template${skipped ? ` (${skipped} file(s) skipped: not templates)` : ''}`));
    }
  }
  return run;
}

/**
 * Checks the templates a CDK validation hands over (the top-level stacks of each assembly), each
 * assembly as a workload, with the nested stacks their templates create.
 */
export function checkAssemblyTemplates(templatePaths: readonly string[]): CheckRun {
  const run: CheckRun = { workloads: [], problems: [], skipped: [] };
  const byDir = new Map<string, string[]>();
  for (const templatePath of templatePaths) {
    const dir = path.dirname(path.resolve(templatePath));
    const list = byDir.get(dir);
    if (list) list.push(path.resolve(templatePath));
    else byDir.set(dir, [path.resolve(templatePath)]);
  }
  // Read each assembly once, from the outermost, for names, Regions and nested stacks' files.
  const assemblies = new Map<string, Assembly>();
  for (const dir of byDir.keys()) {
    const root = rootAssembly(dir);
    if (!isCloudAssembly(root) || assemblies.has(path.resolve(dir))) continue;
    for (const a of readCloudAssembly(root).assemblies) assemblies.set(path.resolve(a.dir), a);
  }
  for (const [dir, files] of byDir) {
    const assembly = assemblies.get(dir);
    const known = new Map((assembly?.stacks ?? []).map(s => [path.resolve(s.templatePath), s]));
    const stacks = files.map(file => ({ file, stack: known.get(file) }));
    const name = assembly?.name ?? displayPath(dir);
    guarded(run, name, () => checkTemplates(name, stacks, { dir, within: assembly?.root ?? dir, fileAssets: assembly?.fileAssets }, run));
  }
  return run;
}

/** The outermost cloud assembly folder at or above a folder. */
export function rootAssembly(dir: string): string {
  let root = path.resolve(dir);
  while (isCloudAssembly(path.dirname(root)) && path.dirname(root) !== root) root = path.dirname(root);
  return root;
}

function checkAssembly(dir: string, run: CheckRun): void {
  const contents = readCloudAssembly(dir);
  run.problems.push(...contents.problems);
  for (const assembly of contents.assemblies) {
    const stacks = assembly.stacks.map(stack => ({ file: stack.templatePath, stack }));
    const where = { dir: assembly.dir, within: assembly.root, fileAssets: assembly.fileAssets };
    guarded(run, assembly.name, () => checkTemplates(assembly.name, stacks, where, run));
  }
}

function checkLoneTemplate(file: string, run: CheckRun): void {
  const dir = path.dirname(file);
  guarded(run, displayPath(file), () => checkTemplates(stackNameOf(file), [{ file }], { dir, within: dir }, run));
}

/**
 * Checks the templates of a folder, each folder (and each cloud assembly found in it) as a
 * workload of its own. Templates that another template of the folder creates as nested stacks
 * are checked as such, not on their own.
 */
function checkFolder(top: string, run: CheckRun): void {
  const folders = new Map<string, string[]>();
  const seen = new Set<string>([fs.realpathSync(top)]);
  const walk = (dir: string): void => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
    } catch (e) {
      run.problems.push(new TemplateError(displayPath(dir), `cannot be read (${(e as NodeJS.ErrnoException).code})`));
      return;
    }
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      let isDir = entry.isDirectory();
      let isFile = entry.isFile();
      // Every folder and file is read once, however many links lead to it (a link met first reads it).
      if (!entry.isSymbolicLink() && (isDir || isFile)) {
        const real = realOrSelf(full);
        if (seen.has(real)) continue;
        seen.add(real);
      }
      if (entry.isSymbolicLink()) {
        // Followed once, and only to what is inside the folder given.
        let real: string;
        let stat: fs.Stats;
        try {
          real = fs.realpathSync(full);
          stat = fs.statSync(full);
        } catch {
          run.skipped.push(`${displayPath(full)} (a broken or looping symbolic link)`);
          continue;
        }
        if (!isWithin(real, top) || seen.has(real)) {
          run.skipped.push(`${displayPath(full)} (a symbolic link to ${seen.has(real) ? 'something already read' : 'outside the folder'})`);
          continue;
        }
        seen.add(real);
        isDir = stat.isDirectory();
        isFile = stat.isFile();
      }
      if (isDir) {
        if (SKIPPED_FOLDERS.has(entry.name)) continue;
        if (isCloudAssembly(full)) checkAssembly(full, run);
        else walk(full);
      } else if (isFile && TEMPLATE_EXTENSIONS.test(entry.name)) {
        const list = folders.get(dir);
        if (list) list.push(full);
        else folders.set(dir, [full]);
      }
    }
  };
  walk(top);
  for (const [dir, files] of folders) {
    const name = displayPath(dir);
    guarded(run, name, () => checkTemplates(name, files.map(file => ({ file, discovered: true })), { dir, within: top }, run));
  }
}

/** A template to check as a top-level stack of a workload. */
interface TopLevel {
  readonly file: string;
  readonly stack?: AssemblyStack;
  /** Met while walking a folder: a file that is not a template is skipped, not a problem. */
  readonly discovered?: boolean;
}

/** Loads top-level templates and the nested stacks they create, and checks them as one workload. */
function checkTemplates(name: string, tops: readonly TopLevel[], where: NestedTemplateSource & { within: string }, run: CheckRun): void {
  // A template nested many times is read and parsed once, and each of its problems reported once.
  const parsed = new Map<string, ParsedTemplate | TemplateError>();
  const reported = new Set<string>();
  const report = (e: TemplateError) => {
    if (!reported.has(e.message)) run.problems.push(e);
    reported.add(e.message);
  };
  const loadNested = (file: string, source: TemplateSource): TemplateModel | undefined => {
    const key = realOrSelf(file);
    let entry = parsed.get(key);
    if (!entry) parsed.set(key, entry = attempt(() => readTemplateFile(file, source)));
    const model = entry instanceof TemplateError ? entry : attempt(() => modelFromTemplate(entry as ParsedTemplate, file, source));
    if (model instanceof TemplateError) report(model);
    return model instanceof TemplateError ? undefined : model;
  };
  let nestedStacks = 0;
  let nestedResources = 0;
  const files = new Map<TemplateModel, string>();
  // The top-level stack of each model, whose metadata records its nested stacks' construct paths.
  const assemblyStacks = new Map<TemplateModel, AssemblyStack | undefined>();
  const loaded: TemplateModel[] = [];
  for (const top of tops) {
    const model = load(top.file, sourceOf(top.file, top.stack, where.within), run, top.discovered);
    if (model) { loaded.push(model); files.set(model, top.file); assemblyStacks.set(model, top.stack); }
  }
  const nestedOf = (model: TemplateModel) => nestedStackFiles(model, {
    // CDK names nested templates relative to the assembly; a plain template, relative to itself.
    dir: where.fileAssets ? where.dir : path.dirname(files.get(model)!),
    fileAssets: where.fileAssets,
  });
  // A template that another one creates as a nested stack is checked as that nested stack, not on its own.
  const children = new Set(loaded.flatMap(m => nestedOf(m).map(n => (n.file ? realOrSelf(n.file) : ''))));
  const roots = loaded.filter(m => !children.has(realOrSelf(files.get(m)!)));
  const stacks: WorkloadStack[] = [];
  const reached = new Set<string>();
  const addTree = (model: TemplateModel, nestedIn: WorkloadStack['nestedIn'], chain: readonly string[], root: TemplateModel = model): void => {
    stacks.push({ model, nestedIn });
    reached.add(chain[chain.length - 1]);
    for (const nested of nestedOf(model)) {
      if (!nested.file) continue;
      const real = realOrSelf(nested.file);
      if (chain.includes(real) || chain.length >= MAX_NESTING_DEPTH) {
        report(new TemplateError(displayPath(nested.file), chain.includes(real)
          ? `nested stack ${nested.stackName} creates a stack that contains it; it is read once`
          : `nested stack ${nested.stackName} is nested more than ${MAX_NESTING_DEPTH} deep; it is not read`));
        continue;
      }
      const tooMany = (what: string) => report(new TemplateError(displayPath(files.get(root)!),
        `its nested stacks hold more than ${what}, each time a template is nested counted; the others are not read`));
      if (++nestedStacks > MAX_NESTED_STACKS) {
        tooMany(`${MAX_NESTED_STACKS} stacks`);
        continue;
      }
      const top = assemblyStacks.get(model);
      const file = nested.file;
      const child = loadNested(file, {
        stackName: nested.stackName,
        shownAs: displayPath(file),
        region: model.region,
        within: where.within,
        // Read from the top-level stack's metadata only when a finding's construct path is asked for.
        get constructPaths() { return top?.nested(path.basename(file))?.constructPaths; },
        // CDK's acknowledgements on the parent stack reach its nested stacks: their paths are below it.
        acknowledgementsAt: top ? constructPath => top.acknowledgementsAt(constructPath) : undefined,
      });
      if (!child) continue;
      if ((nestedResources += child.resourceCount) > MAX_NESTED_RESOURCES) {
        tooMany(`${MAX_NESTED_RESOURCES} resources`);
        continue;
      }
      files.set(child, nested.file);
      assemblyStacks.set(child, top);
      addTree(child, { parent: model, logicalId: nested.resource.logicalId }, [...chain, real], root);
    }
  };
  for (const model of roots) addTree(model, undefined, [realOrSelf(files.get(model)!)]);
  // Templates that only nest each other (a cycle) have no root: the first of them is checked from itself.
  for (const model of loaded) {
    const real = realOrSelf(files.get(model)!);
    if (!reached.has(real)) addTree(model, undefined, [real]);
  }
  if (stacks.length === 0) return;
  run.workloads.push(checkWorkload(new Workload(name, stacks), ALL_RULES, run.options));
}

function sourceOf(file: string, stack: AssemblyStack | undefined, within: string): TemplateSource {
  const shownAs = displayPath(file);
  // Construct paths are read from the assembly's metadata only when a finding's path is asked for.
  return stack
    ? {
      stackName: stack.stackName,
      region: stack.region,
      get constructPaths() { return stack.constructPaths; },
      acknowledgementsAt: constructPath => stack.acknowledgementsAt(constructPath),
      shownAs,
      within,
    }
    : { shownAs, within };
}

/** What `fn` gives, or the `TemplateError` it throws. */
function attempt<T>(fn: () => T): T | TemplateError {
  try {
    return fn();
  } catch (e) {
    if (e instanceof TemplateError) return e;
    throw e;
  }
}

function load(file: string, source: TemplateSource, run: CheckRun, discovered = false): TemplateModel | undefined {
  try {
    return loadTemplateFile(file, source);
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    // Files met while walking a folder may be other JSON or YAML (parameters, configuration, tsconfig.json
    // with comments, Kubernetes manifests): skip those. A broken file that looks like a template is a problem.
    if (discovered && e.notATemplate) run.skipped.push(source.shownAs ?? file);
    else run.problems.push(e);
    return undefined;
  }
}

/** Runs one input's check; an unexpected error becomes a problem that names the input, and the other inputs are still checked. */
function guarded(run: CheckRun, input: string, check: () => void): void {
  try {
    check();
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    run.problems.push(new TemplateError(input, `could not be checked (an internal error: ${message.split('\n')[0].slice(0, 200)})`));
  }
}

function realOrSelf(file: string): string {
  try {
    return fs.realpathSync(file);
  } catch {
    return path.resolve(file);
  }
}
