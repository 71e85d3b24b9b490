import * as fs from 'fs';
import * as path from 'path';

/** An input that cannot be read, with a one-line reason that names the file. */
export class TemplateError extends Error {
  constructor(public readonly file: string, public readonly problem: string) {
    super(`${file}: ${problem}`);
    this.name = 'TemplateError';
  }
}

/**
 * The largest template read: CloudFormation's limit for a template body uploaded to S3 (1 MB), which
 * is also the largest template CDK can deploy.
 */
export const MAX_TEMPLATE_BYTES = 1024 * 1024;

/** The largest cloud assembly file read (manifests, asset manifests, metadata files with their stack traces). */
export const MAX_ASSEMBLY_FILE_BYTES = 64 * 1024 * 1024;

/** What to check before reading an input file. */
export interface ReadOptions {
  /** How the file is named in messages. */
  readonly shownAs: string;
  readonly maxBytes: number;
  /** The folder the file must be in (after following symbolic links), for paths that a manifest names. */
  readonly within?: string;
  /** What the file is, for messages: `template`, `manifest`. */
  readonly what?: string;
}

/**
 * Reads an input file as UTF-8 text, refusing what is not a regular file (a FIFO, a device, a socket,
 * a folder), a file larger than the limit, and a file outside the folder it must be in. The messages
 * never quote the file's content.
 */
export function readInputFile(file: string, options: ReadOptions): string {
  const { shownAs, maxBytes, within, what = 'file' } = options;
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    throw new TemplateError(shownAs, code === 'ENOENT' ? 'no such file' : code === 'ELOOP' ? 'a loop of symbolic links' : `cannot be read (${code ?? 'error'})`);
  }
  if (stat.isDirectory()) throw new TemplateError(shownAs, 'is a folder');
  if (!stat.isFile()) throw new TemplateError(shownAs, `is not a regular file (${kindOf(stat)}); only files are read`);
  if (within !== undefined && !isWithin(file, within)) {
    throw new TemplateError(shownAs, `is outside the folder that names it (${displayable(within)}); the ${what} is not read`);
  }
  if (stat.size > maxBytes) {
    throw new TemplateError(shownAs, `is ${stat.size} bytes, more than the ${what} limit of ${maxBytes} bytes${what === 'template' ? ' (CloudFormation\'s limit for a template)' : ''}`);
  }
  try {
    return fs.readFileSync(file, 'utf-8');
  } catch (e) {
    throw new TemplateError(shownAs, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
}

/** True when a path, with symbolic links followed, is inside a folder (or is the folder). */
export function isWithin(file: string, folder: string): boolean {
  let real: string;
  let root: string;
  try {
    real = fs.realpathSync(file);
    root = fs.realpathSync(folder);
  } catch {
    return false;
  }
  const relative = path.relative(root, real);
  return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
}

function kindOf(stat: fs.Stats): string {
  if (stat.isFIFO()) return 'a FIFO';
  if (stat.isSocket()) return 'a socket';
  if (stat.isCharacterDevice() || stat.isBlockDevice()) return 'a device';
  return 'not a file';
}

function displayable(p: string): string {
  return p.split(path.sep).join('/');
}
