import * as fs from 'fs';
import * as path from 'path';
import { CheckOptions, checkTemplate, StackResult } from './engine';
import { AssemblyStack, isCloudAssembly, readCloudAssembly } from './model/cloud-assembly';
import { loadTemplateFile, TemplateError } from './model/template-file';
import { displayPath } from './report/paths';
import { ALL_RULES } from './rules';

/** The results of checking some inputs, with the inputs that could not be read. */
export interface CheckRun {
  readonly stacks: StackResult[];
  readonly problems: TemplateError[];
  /** Files found in folders that are not CloudFormation templates, and were skipped. */
  readonly skipped: string[];
  /** How every template is checked. */
  readonly options?: CheckOptions;
}

const TEMPLATE_EXTENSIONS = /\.(json|ya?ml|template)$/i;
const SKIPPED_FOLDERS = new Set(['node_modules', '.git']);

/**
 * Checks templates, cloud assemblies (`cdk.out`) and folders of either. An input that cannot be
 * read becomes a problem; every other input is still checked.
 */
export function checkPaths(inputs: readonly string[], options: CheckOptions = {}): CheckRun {
  const run: CheckRun = { stacks: [], problems: [], skipped: [], options };
  for (const input of inputs) {
    let stat: fs.Stats;
    try {
      stat = fs.statSync(input);
    } catch {
      run.problems.push(new TemplateError(displayPath(input), 'no such file or folder'));
      continue;
    }
    if (stat.isFile()) checkTemplateFile(input, run);
    else if (isCloudAssembly(input)) checkAssembly(input, run);
    else walk(input, run);
  }
  return run;
}

/** Checks the templates a CDK validation hands over, named and located through their cloud assembly. */
export function checkAssemblyTemplates(templatePaths: readonly string[]): CheckRun {
  const run: CheckRun = { stacks: [], problems: [], skipped: [] };
  const byDir = new Map<string, Map<string, AssemblyStack>>();
  for (const templatePath of templatePaths) {
    const dir = path.dirname(templatePath);
    let stacks = byDir.get(dir);
    if (!stacks) {
      stacks = new Map();
      if (isCloudAssembly(dir)) {
        const contents = readCloudAssembly(dir);
        for (const s of contents.stacks) stacks.set(path.resolve(s.templatePath), s);
      }
      byDir.set(dir, stacks);
    }
    const stack = stacks.get(path.resolve(templatePath));
    checkTemplateFile(templatePath, run, stack);
  }
  return run;
}

function checkAssembly(dir: string, run: CheckRun): void {
  const contents = readCloudAssembly(dir);
  run.problems.push(...contents.problems.map(p => new TemplateError(displayPath(p.file), p.problem)));
  for (const stack of contents.stacks) checkTemplateFile(stack.templatePath, run, stack);
}

function checkTemplateFile(file: string, run: CheckRun, stack?: AssemblyStack, discovered = false): void {
  const shownAs = displayPath(file);
  try {
    // Construct paths are read from the assembly's metadata only when a finding's path is asked for.
    const source = stack ? { stackName: stack.stackName, get constructPaths() { return stack.constructPaths; }, shownAs } : { shownAs };
    run.stacks.push(checkTemplate(loadTemplateFile(file, source), ALL_RULES, run.options));
  } catch (e) {
    if (!(e instanceof TemplateError)) throw e;
    // Files met while walking a folder may be other JSON or YAML (parameters, configuration): skip those.
    if (discovered && e.problem.startsWith('not a CloudFormation template')) run.skipped.push(shownAs);
    else run.problems.push(e);
  }
}

function walk(dir: string, run: CheckRun): void {
  let entries: fs.Dirent[];
  try {
    entries = fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name));
  } catch (e) {
    run.problems.push(new TemplateError(displayPath(dir), `cannot be read (${(e as NodeJS.ErrnoException).code})`));
    return;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) {
      if (SKIPPED_FOLDERS.has(entry.name)) continue;
      if (isCloudAssembly(full)) checkAssembly(full, run);
      else walk(full, run);
    } else if (entry.isFile() && TEMPLATE_EXTENSIONS.test(entry.name)) {
      checkTemplateFile(full, run, undefined, true);
    }
  }
}

