import type { WorkloadResult } from '../engine';
import type { Finding } from '../types';
import { TOOL_NAME } from '../version';
import { assessmentJson } from './assessment';
import { stacksOf, summarize } from './summary';

/** The JSON report's schema version; bumped only on breaking changes. */
export const JSON_SCHEMA_VERSION = 1;

/** The versioned JSON report: every finding (acknowledged ones included) and a summary. */
export function renderJson(workloads: readonly WorkloadResult[], version: string): string {
  const report = {
    schemaVersion: JSON_SCHEMA_VERSION,
    tool: { name: TOOL_NAME, version },
    findings: stacksOf(workloads).flatMap(s => s.findings.map(jsonFinding)),
    summary: summarize(workloads),
    // Present when resilience objectives apply to a workload.
    assessment: assessmentJson(workloads),
  };
  return `${JSON.stringify(report, undefined, 2)}\n`;
}

function jsonFinding(f: Finding) {
  return {
    ruleId: f.ruleId,
    title: f.title,
    severity: f.severity,
    status: f.status,
    category: f.category,
    stack: f.stack,
    templatePath: f.templatePath,
    logicalId: f.logicalId,
    resourceType: f.resourceType,
    constructPath: f.constructPath ?? null,
    property: f.property ?? null,
    message: f.message,
    fullNames: f.fullNames ?? null,
    raisedBy: f.raisedBy ?? null,
    remediation: f.remediation,
    suppressed: f.suppressed,
    suppressionReason: f.suppressionReason ?? null,
  };
}
