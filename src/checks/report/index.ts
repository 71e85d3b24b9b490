import * as fs from 'fs';
import * as path from 'path';
import type { WorkloadResult } from '../engine';
import { ReportFormat } from '../types';
import { toolVersion } from '../version';

/** Output formats: the report formats, plus text for terminals and GitLab's code quality report. */
export type OutputFormat = ReportFormat | 'text' | 'codequality';

type Renderer = (workloads: readonly WorkloadResult[], version: string) => string;

/* eslint-disable @typescript-eslint/no-require-imports */
/** Each format's renderer, loaded when it is first used: a synth that writes no report loads none of them. */
const RENDERERS: Record<OutputFormat, () => Renderer> = {
  text: () => require('./text').renderText,
  codequality: () => require('./code-quality').renderCodeQuality,
  [ReportFormat.JSON]: () => require('./json').renderJson,
  [ReportFormat.SARIF]: () => require('./sarif').renderSarif,
  [ReportFormat.MARKDOWN]: () => require('./markdown').renderMarkdown,
};
/* eslint-enable @typescript-eslint/no-require-imports */

const FILE_NAMES: Record<ReportFormat, string> = {
  [ReportFormat.JSON]: 'cdk-ha-report.json',
  [ReportFormat.SARIF]: 'cdk-ha-report.sarif',
  [ReportFormat.MARKDOWN]: 'cdk-ha-report.md',
};

/** Renders a whole run in one format. */
export function render(format: OutputFormat, workloads: readonly WorkloadResult[]): string {
  return RENDERERS[format]()(workloads, toolVersion());
}

/**
 * The file name of a report: `cdk-ha-report.json`, or `cdk-ha-report-Prod.json` for the report of
 * one Stage (named after its construct path), so that no report overwrites another.
 */
export function reportFileName(format: ReportFormat, scope?: string): string {
  const name = FILE_NAMES[format];
  if (!scope) return name;
  const dot = name.indexOf('.');
  return `${name.slice(0, dot)}-${scope.replace(/[^A-Za-z0-9_.-]+/g, '-')}${name.slice(dot)}`;
}

/** Writes one report file per format into a folder, once per run; returns the files written. */
export function writeReports(directory: string, formats: readonly ReportFormat[], workloads: readonly WorkloadResult[], scope?: string): string[] {
  createFolder(directory);
  return formats.map(format => {
    const file = path.join(directory, reportFileName(format, scope));
    const problem = writeReportFile(file, render(format, workloads));
    if (problem) throw new Error(`cdk-ha: cannot write the report ${file}: ${problem}`);
    return file;
  });
}

/**
 * Creates the report folder one level at a time, from the nearest folder that exists: Node's
 * recursive mkdir never returns on a file system that refuses new folders (/proc), and a file in
 * the way must be named, not reported as EEXIST.
 */
function createFolder(directory: string): void {
  const fail = (reason: string) => new Error(`cdk-ha: cannot write reports to ${directory}: ${reason}; set reportDirectory to a folder that can be written`);
  const missing: string[] = [];
  for (let dir = path.resolve(directory); ; dir = path.dirname(dir)) {
    let stat: fs.Stats | undefined;
    try {
      stat = fs.statSync(dir);
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'ENOENT' && code !== 'ENOTDIR') throw fail(`${dir} cannot be read (${code})`);
    }
    if (stat) {
      if (!stat.isDirectory()) throw fail(`${dir} is a file, not a folder`);
      break;
    }
    missing.unshift(dir);
    if (path.dirname(dir) === dir) break;
  }
  for (const dir of missing) {
    try {
      fs.mkdirSync(dir);
    } catch (e) {
      throw fail(`${dir} cannot be created (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
    }
  }
}

/**
 * Writes a report file without following a symbolic link in its place (it would overwrite the
 * link's target) and without waiting on a FIFO; returns why it could not, or undefined.
 */
export function writeReportFile(file: string, text: string): string | undefined {
  // eslint-disable-next-line no-bitwise
  const flags = fs.constants.O_WRONLY | fs.constants.O_CREAT | fs.constants.O_TRUNC
    | (fs.constants.O_NOFOLLOW ?? 0) | (fs.constants.O_NONBLOCK ?? 0);
  let fd: number;
  try {
    fd = fs.openSync(file, flags, 0o644);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ELOOP') return 'it is a symbolic link, which is not followed; name the file itself';
    if (code === 'ENXIO') return 'it is a FIFO or socket; name a file';
    if (code === 'EISDIR') return 'it is a folder; name a file';
    return `${code ?? (e as Error).message}`;
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile() && !stat.isCharacterDevice()) return 'it is not a regular file; name a file';
    const data = Buffer.from(text, 'utf-8');
    for (let written = 0; written < data.length;) written += fs.writeSync(fd, data, written);
    return undefined;
  } catch (e) {
    return `${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
  } finally {
    fs.closeSync(fd);
  }
}
