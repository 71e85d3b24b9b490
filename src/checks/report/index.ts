import * as fs from 'fs';
import * as path from 'path';
import type { WorkloadResult } from '../engine';
import { ReportFormat } from '../types';
import { toolVersion } from '../version';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';

/** Output formats: the report formats, plus text for terminals. */
export type OutputFormat = ReportFormat | 'text';

const RENDERERS: Record<OutputFormat, (workloads: readonly WorkloadResult[], version: string) => string> = {
  text: renderText,
  [ReportFormat.JSON]: renderJson,
  [ReportFormat.SARIF]: renderSarif,
  [ReportFormat.MARKDOWN]: renderMarkdown,
};

const FILE_NAMES: Record<ReportFormat, string> = {
  [ReportFormat.JSON]: 'cdk-ha-report.json',
  [ReportFormat.SARIF]: 'cdk-ha-report.sarif',
  [ReportFormat.MARKDOWN]: 'cdk-ha-report.md',
};

/** Renders a whole run in one format. */
export function render(format: OutputFormat, workloads: readonly WorkloadResult[]): string {
  return RENDERERS[format](workloads, toolVersion());
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
  fs.mkdirSync(directory, { recursive: true });
  return formats.map(format => {
    const file = path.join(directory, reportFileName(format, scope));
    fs.writeFileSync(file, render(format, workloads));
    return file;
  });
}
