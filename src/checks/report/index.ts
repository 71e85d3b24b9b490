import * as fs from 'fs';
import * as path from 'path';
import type { StackResult } from '../engine';
import { ReportFormat } from '../types';
import { toolVersion } from '../version';
import { renderJson } from './json';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';

/** Output formats: the report formats, plus text for terminals. */
export type OutputFormat = ReportFormat | 'text';

const RENDERERS: Record<OutputFormat, (stacks: readonly StackResult[], version: string) => string> = {
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
export function render(format: OutputFormat, stacks: readonly StackResult[]): string {
  return RENDERERS[format](stacks, toolVersion());
}

/** Writes one report file per format into a folder, once per run; returns the files written. */
export function writeReports(directory: string, formats: readonly ReportFormat[], stacks: readonly StackResult[]): string[] {
  fs.mkdirSync(directory, { recursive: true });
  return formats.map(format => {
    const file = path.join(directory, FILE_NAMES[format]);
    fs.writeFileSync(file, render(format, stacks));
    return file;
  });
}
