import * as fs from 'fs';
import { cx_api as cxapi } from 'aws-cdk-lib';

/**
 * Whether nothing else will stop synthesis for a failed validation report: the CDK CLI tells the
 * app not to fail on validation errors (`@aws-cdk/core:failSynthOnValidationErrors: false`) and
 * fails on the report file itself, but an aws-cdk-lib before 2.258 writes that report under its
 * old name (`policy-validation-report.json`), which the CLI does not read. Without this, a
 * plugin's failure would pass `cdk synth` silently there.
 */
export function validationFailureIgnored(): boolean {
  if ((cxapi as { VALIDATION_REPORT_FILE?: string }).VALIDATION_REPORT_FILE !== undefined) return false;
  return appContext()[cxapi.FAIL_SYNTH_ON_VALIDATION_ERRORS_CONTEXT] === false;
}

/** The context the CDK CLI passes to the app, as `App` reads it: from the environment, and from a file when it is large. */
function appContext(): Record<string, unknown> {
  const overflow = process.env[cxapi.CONTEXT_OVERFLOW_LOCATION_ENV];
  return { ...parsed(process.env[cxapi.CONTEXT_ENV]), ...parsed(overflow ? read(overflow) : undefined) };
}

function read(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf-8');
  } catch {
    return undefined;
  }
}

function parsed(text: string | undefined): Record<string, unknown> {
  try {
    const value: unknown = text ? JSON.parse(text) : {};
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? value as Record<string, unknown> : {};
  } catch {
    return {};
  }
}
