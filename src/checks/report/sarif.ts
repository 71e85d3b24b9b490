import type * as sarif from 'sarif';
import type { WorkloadResult } from '../engine';
import { findingFingerprint } from './code-quality';
import { stacksOf } from './summary';
import { ALL_RULES } from '../rules';
import type { Rule } from '../rules/rule';
import { Finding, FindingStatus, Severity } from '../types';
import { TOOL_NAME, TOOL_URL } from '../version';

const LEVEL: Record<Severity, sarif.ReportingConfiguration.level> = {
  [Severity.ERROR]: 'error',
  [Severity.WARNING]: 'warning',
  [Severity.INFO]: 'note',
};

/** A SARIF 2.1.0 log: every rule in `tool.driver.rules`, one result per finding. */
export function renderSarif(workloads: readonly WorkloadResult[], version: string): string {
  const ruleIndex = new Map(ALL_RULES.map((r, i) => [r.id, i]));
  const log: sarif.Log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [{
      tool: { driver: { name: TOOL_NAME, version, semanticVersion: version, informationUri: TOOL_URL, rules: ALL_RULES.map(sarifRule) } },
      results: stacksOf(workloads).flatMap(s => s.findings.map(f => sarifResult(f, ruleIndex.get(f.ruleId)))),
    }],
  };
  return `${JSON.stringify(log, undefined, 2)}\n`;
}

function sarifRule(rule: Rule): sarif.ReportingDescriptor {
  return {
    id: rule.id,
    name: rule.title.replace(/[^A-Za-z0-9]+(.)?/g, (_, c: string | undefined) => (c ?? '').toUpperCase()).replace(/^./, c => c.toUpperCase()),
    shortDescription: { text: rule.title },
    fullDescription: { text: rule.explanation },
    help: { text: `${rule.remediation}\n\nFlagged: ${rule.flags}`, markdown: `${rule.remediation}\n\n**Flagged:** ${rule.flags}` },
    helpUri: rule.references.find(r => r.url)?.url,
    // A hygiene rule is advice until declared objectives need it.
    defaultConfiguration: { level: rule.raisedBy ? LEVEL[Severity.INFO] : LEVEL[rule.severity] },
    properties: { category: rule.category, tags: ['reliability', 'high-availability', rule.category] },
  };
}

function sarifResult(f: Finding, ruleIndex: number | undefined): sarif.Result {
  const undecided = f.status === FindingStatus.UNKNOWN;
  const location: sarif.Location = {
    physicalLocation: {
      artifactLocation: { uri: encodeURI(f.templatePath) },
      ...(f.line ? { region: { startLine: f.line } } : {}),
    },
    logicalLocations: [{ name: f.logicalId, fullyQualifiedName: f.constructPath ?? `${f.stack}/${f.logicalId}`, kind: 'resource' }],
  };
  return {
    ruleId: f.ruleId,
    ruleIndex,
    // SARIF: any kind other than "fail" must have level "none".
    kind: undecided ? 'review' : 'fail',
    level: undecided ? 'none' : LEVEL[f.severity],
    message: { text: undecided ? `Could not be decided at synth time: ${f.message}` : f.message },
    locations: [location],
    partialFingerprints: {
      'cdkHaFinding/v1': findingFingerprint(f),
    },
    ...(f.suppressed ? { suppressions: [{ kind: 'inSource' as const, justification: f.suppressionReason }] } : {}),
    properties: {
      stack: f.stack,
      resourceType: f.resourceType,
      constructPath: f.constructPath ?? null,
      property: f.property ?? null,
      status: f.status,
      severity: f.severity,
      category: f.category,
      ...(f.raisedBy ? { raisedBy: f.raisedBy } : {}),
      ...(f.fullNames ? { fullNames: f.fullNames } : {}),
    },
  };
}
