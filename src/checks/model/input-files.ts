import * as fs from 'fs';
import * as path from 'path';

export { MAX_ASSEMBLY_FILE_BYTES, MAX_TEMPLATE_BYTES } from './limits';

/** An input that cannot be read, with a one-line reason that names the file. */
export class TemplateError extends Error {
  /** True when the file is not a CloudFormation template at all (met in a folder, it is skipped, not a problem). */
  public readonly notATemplate: boolean;

  constructor(public readonly file: string, public readonly problem: string, options: { notATemplate?: boolean } = {}) {
    super(`${file}: ${problem}`);
    this.name = 'TemplateError';
    this.notATemplate = options.notATemplate ?? false;
  }
}

/** What to check before reading an input file. */
export interface ReadOptions {
  /** How the file is named in messages. */
  readonly shownAs: string;
  readonly maxBytes: number;
  /** The folder the file must be in (after following symbolic links), for paths that a manifest names. */
  readonly within?: string;
  /** What the file is, for messages: `template`, `manifest`. */
  readonly what?: string;
  /** Whether text that cannot be read (UTF-16) still looks like what is expected, for `TemplateError.notATemplate`. */
  readonly looksLike?: (text: string) => boolean;
}

/**
 * Reads an input file as UTF-8 text, refusing what is not a regular file (a FIFO, a device, a socket,
 * a folder), a file larger than the limit, a file outside the folder it must be in, and text that is
 * not UTF-8. A UTF-8 byte-order mark is dropped. The messages never quote the file's content.
 */
export function readInputFile(file: string, options: ReadOptions): string {
  return decode(readInputBytes(file, options), options.shownAs, options.looksLike);
}

/**
 * Reads an input file's bytes, with the checks of `readInputFile` but not its decoding: for a large
 * file that is searched before it is read as text.
 */
export function readInputBytes(file: string, options: ReadOptions): Buffer {
  const { shownAs, maxBytes, within, what = 'file' } = options;
  const outside = () => new TemplateError(shownAs, `is outside the folder that names it (${displayable(within!)}); the ${what} is not read`);
  // A path that leads out of the folder is refused before anything is asked of the file system about it.
  if (within !== undefined && !inside(path.resolve(file), path.resolve(within))) throw outside();
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch (e) {
    throw new TemplateError(shownAs, statProblem(e));
  }
  if (stat.isDirectory()) throw new TemplateError(shownAs, 'is a folder');
  if (!stat.isFile()) throw new TemplateError(shownAs, `is not a regular file (${kindOf(stat)}); only files are read`);
  // Symbolic links may lead out of it too.
  if (within !== undefined && !isWithin(file, within)) throw outside();
  // A large file that does not look like a template (a lock file in a repository) is not one.
  const tooLarge = (size: number) => new TemplateError(shownAs,
    `is ${size} bytes, more than the ${what} limit of ${maxBytes} bytes${what === 'template' ? ' (CloudFormation\'s limit for a template)' : ''}`,
    { notATemplate: options.looksLike ? !options.looksLike(readHead(file)) : false });
  if (stat.size > maxBytes) throw tooLarge(stat.size);
  let bytes: Buffer;
  try {
    bytes = readAtMost(file, maxBytes + 1);
  } catch (e) {
    if (e instanceof TemplateError) throw new TemplateError(shownAs, e.problem);
    throw new TemplateError(shownAs, `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  // The file may have grown since it was measured (or be a file whose size the system does not tell).
  if (bytes.length > maxBytes) throw tooLarge(bytes.length);
  return bytes;
}

/**
 * Reads up to `limit` bytes. The file is opened without blocking and checked again once open, so
 * that a file replaced by a FIFO or a device after it was checked is refused, not waited on.
 */
function readAtMost(file: string, limit: number): Buffer {
  // eslint-disable-next-line no-bitwise
  const fd = fs.openSync(file, fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0));
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new TemplateError(file, `is not a regular file (${kindOf(stat)}); only files are read`);
    const buffer = Buffer.alloc(Math.min(limit, Math.max(stat.size, 0) + 1));
    let length = 0;
    let chunk = buffer;
    for (;;) {
      if (length === chunk.length) {
        if (chunk.length >= limit) break;
        const bigger = Buffer.alloc(Math.min(limit, chunk.length * 2 + 4096));
        chunk.copy(bigger, 0, 0, length);
        chunk = bigger;
      }
      const n = fs.readSync(fd, chunk, length, chunk.length - length, null);
      if (n === 0) break;
      length += n;
    }
    return chunk.subarray(0, length);
  } finally {
    fs.closeSync(fd);
  }
}

/** The first 64 KiB of a file as text (empty when it cannot be read), to tell what kind of file it is. */
function readHead(file: string): string {
  try {
    return readAtMost(file, 64 * 1024).toString('utf-8');
  } catch {
    return '';
  }
}

/** UTF-8 text from an input file's bytes, without a byte-order mark; UTF-16, UTF-32 and binary files are refused. */
export function decode(bytes: Buffer, shownAs: string, looksLike?: (text: string) => boolean): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) bytes = bytes.subarray(3);
  const utf16 = utf16Of(bytes);
  if (utf16) {
    throw new TemplateError(shownAs, `is ${utf16.encoding} text; save it as UTF-8, the encoding CloudFormation reads`,
      { notATemplate: looksLike ? !looksLike(utf16.text) : false });
  }
  if (bytes.includes(0)) throw new TemplateError(shownAs, 'is not text (it holds NUL bytes)', { notATemplate: true });
  return bytes.toString('utf-8');
}

/** UTF-16 (or UTF-32) text, told by its byte-order mark or by the NUL bytes of ASCII characters. */
function utf16Of(bytes: Buffer): { encoding: string; text: string } | undefined {
  const [a, b, c, d] = bytes;
  if ((a === 0xff && b === 0xfe && c === 0 && d === 0) || (a === 0 && b === 0 && c === 0xfe && d === 0xff)) return { encoding: 'UTF-32', text: '' };
  if (a === 0xff && b === 0xfe) return { encoding: 'UTF-16', text: bytes.subarray(2).toString('utf16le') };
  if (a === 0xfe && b === 0xff) return { encoding: 'UTF-16', text: swapped(bytes.subarray(2)).toString('utf16le') };
  if (bytes.length >= 4 && a !== 0 && b === 0 && c !== 0 && d === 0) return { encoding: 'UTF-16', text: bytes.toString('utf16le') };
  if (bytes.length >= 4 && a === 0 && b !== 0 && c === 0 && d !== 0) return { encoding: 'UTF-16', text: swapped(bytes).toString('utf16le') };
  return undefined;
}

function swapped(bytes: Buffer): Buffer {
  const copy = Buffer.from(bytes.subarray(0, bytes.length - (bytes.length % 2)));
  return copy.swap16();
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
  return inside(real, root);
}

function inside(file: string, folder: string): boolean {
  const relative = path.relative(folder, file);
  return relative === '' || (relative !== '..' && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative));
}

function statProblem(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return 'no such file';
  if (code === 'ELOOP') return 'a loop of symbolic links';
  return `cannot be read (${code ?? 'error'})`;
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
