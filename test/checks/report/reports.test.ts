import '@microsoft/jest-sarif';
import { render } from '../../../src/checks/report';
import { ALL_RULES } from '../../../src/checks/rules';
import { DYNAMODB_PITR } from '../../../src/checks/rules/dynamodb';
import { RDS_BACKUPS, RDS_MULTI_AZ } from '../../../src/checks/rules/rds';
import { ReportFormat } from '../../../src/checks/types';
import { checkEach, res, template } from '../../helpers/templates';

/** The package's own version: what the reports name (a release build bumps it). */
// eslint-disable-next-line @typescript-eslint/no-require-imports
const VERSION: string = require('../../../package.json').version;

/** The rules these report tests run: enough for a failure, an acknowledged failure and an undecided check. */
const RULES = [RDS_MULTI_AZ, RDS_BACKUPS, DYNAMODB_PITR];

/** One stack with a failure, an acknowledged failure and an undecided check; one clean stack. */
const stacks = checkEach({
  Shop: template({
    Db: res('AWS::RDS::DBInstance', { Engine: 'mysql' }, { Metadata: { 'aws:cdk:path': 'Shop/Db/Resource' } }),
    Old: res('AWS::RDS::DBInstance', { Engine: 'mysql', MultiAZ: true, BackupRetentionPeriod: 0 }, { Metadata: { 'cdk-ha': { acknowledged: [{ id: 'HA-RDS3', reason: 'Archive | read-only, restored from S3' }] } } }),
    Table: res('AWS::DynamoDB::Table', { PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: { Ref: 'Pitr' } } }),
  }, { Parameters: { Pitr: { Type: 'String' } } }),
  Quiet: template({ Topic: res('AWS::SNS::Topic') }),
}, RULES);

describe('JSON', () => {
  const report = JSON.parse(render(ReportFormat.JSON, stacks));

  test('has exactly the documented shape, version 1', () => {
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'findings', 'summary']);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'cdk-ha', version: VERSION });
    expect(report.summary).toEqual({ error: 1, warning: 0, info: 0, unknown: 1, suppressed: 1, resources: 4 });
  });

  test('each finding has every documented field, with null for what is not known', () => {
    const db = report.findings.find((f: any) => f.logicalId === 'Db');
    expect(db).toEqual({
      ruleId: 'HA-RDS1',
      title: 'RDS DB instance is not Multi-AZ',
      severity: 'error',
      status: 'fail',
      category: 'spof',
      stack: 'Shop',
      templatePath: 'Shop.template.json',
      logicalId: 'Db',
      resourceType: 'AWS::RDS::DBInstance',
      constructPath: 'Shop/Db/Resource',
      property: 'MultiAZ',
      raisedBy: null,
      message: expect.any(String),
      fullNames: null,
      remediation: expect.any(String),
      suppressed: false,
      suppressionReason: null,
    });
    const old = report.findings.find((f: any) => f.logicalId === 'Old');
    expect(old).toMatchObject({ constructPath: null, suppressed: true, suppressionReason: 'Archive | read-only, restored from S3' });
    expect(report.findings.find((f: any) => f.logicalId === 'Table')).toMatchObject({ status: 'unknown', severity: 'warning' });
  });
});

describe('SARIF', () => {
  const log = JSON.parse(render(ReportFormat.SARIF, stacks));

  test('is a valid SARIF 2.1.0 log', () => {
    expect(log).toBeValidSarifLog();
    expect({ ...log, runs: [{ results: [] }] }).not.toBeValidSarifLog();
  });

  test('lists every rule in tool.driver.rules and points each result at its rule, template and logical ID', () => {
    const run = log.runs[0];
    expect(run.tool.driver.rules.map((r: any) => r.id)).toEqual(ALL_RULES.map(r => r.id));
    const db = run.results.find((r: any) => r.locations[0].logicalLocations[0].name === 'Db');
    expect(db).toMatchObject({
      ruleId: 'HA-RDS1',
      ruleIndex: ALL_RULES.findIndex(r => r.id === 'HA-RDS1'),
      level: 'error',
      kind: 'fail',
      locations: [{ physicalLocation: { artifactLocation: { uri: 'Shop.template.json' } }, logicalLocations: [{ name: 'Db', fullyQualifiedName: 'Shop/Db/Resource', kind: 'resource' }] }],
    });
  });

  test('undecided checks are for review, acknowledged findings carry their justification', () => {
    const results = log.runs[0].results;
    expect(results.find((r: any) => r.ruleId === 'HA-DDB1')).toMatchObject({ kind: 'review', level: 'none' });
    expect(results.find((r: any) => r.ruleId === 'HA-RDS3')).toMatchObject({ suppressions: [{ kind: 'inSource', justification: 'Archive | read-only, restored from S3' }] });
  });
});

describe('GitLab code quality', () => {
  const issues = JSON.parse(render('codequality', stacks));
  const sarif = JSON.parse(render(ReportFormat.SARIF, stacks)).runs[0].results;

  test('one issue per unacknowledged finding, with GitLab\'s fields and severities', () => {
    expect(issues).toEqual([
      {
        type: 'issue',
        check_name: 'HA-RDS1',
        description: expect.stringMatching(/^\[HA-RDS1\] DB instance Db is Single-AZ/),
        categories: ['Bug Risk'],
        severity: 'critical',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        location: { path: 'Shop.template.json', lines: { begin: 1 } },
      },
      {
        type: 'issue',
        check_name: 'HA-DDB1',
        description: expect.stringMatching(/^\[HA-DDB1\] Could not be decided at synth time: /),
        categories: ['Bug Risk'],
        severity: 'info',
        fingerprint: expect.stringMatching(/^[0-9a-f]{32}$/),
        location: { path: 'Shop.template.json', lines: { begin: 1 } },
      },
    ]);
  });

  test('fingerprints are those of the SARIF report, and differ between findings', () => {
    const byRule = (rule: string) => sarif.find((r: any) => r.ruleId === rule).partialFingerprints['cdkHaFinding/v1'];
    expect(issues.map((i: any) => i.fingerprint)).toEqual([byRule('HA-RDS1'), byRule('HA-DDB1')]);
    expect(new Set(issues.map((i: any) => i.fingerprint)).size).toBe(2);
  });
});

describe('Markdown and text', () => {
  test('Markdown has a table per stack, with undecided and acknowledged findings apart, and escapes pipes', () => {
    const md = render(ReportFormat.MARKDOWN, stacks);
    expect(md.startsWith(`# cdk-ha report\n\ncdk-ha ${VERSION}: 1 error,`)).toBe(true);
    expect(md).toMatch(/^# cdk-ha report\n\ncdk-ha [\d.]+: 1 error, 0 warnings, 0 info, 1 unknown, 1 acknowledged in 4 resources of 2 stacks\./);
    expect(md).toMatch(/## Shop\n\nTemplate `Shop\.template\.json`, 3 resources\.\n\n\| Severity \| Rule \|[^\n]*\n\|---[^\n]*\n\| error \| HA-RDS1 \| `Db` \(AWS::RDS::DBInstance\)<br>`Shop\/Db\/Resource` \| `MultiAZ` \|/);
    expect(md).toMatch(/### Undecided at synth time\n[\s\S]*\| HA-DDB1 \| `Table`/);
    expect(md).toMatch(/### Acknowledged\n[\s\S]*Archive \\\| read-only/);
    expect(md).toMatch(/## Quiet\n\nTemplate `Quiet\.template\.json`, 1 resources\.\n\nNo findings\./);
  });

  test('text lists failures first, then undecided, then acknowledged', () => {
    const text = render('text', stacks);
    const labels = [...text.matchAll(/^ {2}(\S+) +HA-/gm)].map(m => m[1]);
    expect(labels).toEqual(['ERROR', 'UNKNOWN', 'ACKNOWLEDGED']);
    expect(text).toMatch(/Acknowledged: Archive \| read-only, restored from S3/);
  });
});
