import * as fs from 'fs';
import * as path from 'path';
import { runCli } from './helpers/apps';

const CORPUS = path.join(__dirname, 'corpus', 'aws-cloudformation-templates');

function templates(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return templates(full);
    return /\.(json|ya?ml)$/.test(e.name) ? [full] : [];
  }).sort();
}

const FILES = templates(CORPUS);

test('the corpus holds JSON and YAML templates', () => {
  expect(FILES.filter(f => f.endsWith('.json')).length).toBeGreaterThan(100);
  expect(FILES.filter(f => /\.ya?ml$/.test(f)).length).toBeGreaterThan(100);
});

/** The findings of each corpus template, by rule and logical ID: reviewed, and pinned so any change shows. */
const pinned: Record<string, string[]> = {};

test.each(FILES.map(f => [path.relative(CORPUS, f), f]))('cdk-ha check reads %s (exit 0 or 1, never 2)', (name, file) => {
  const run = runCli(['check', file, '--format', 'json', '--fail-on', 'error']);
  expect(run.stderr).toBe('');
  expect([0, 1]).toContain(run.code);
  const report = JSON.parse(run.stdout);
  const findings: string[] = report.findings.map((f: any) => `${f.ruleId} ${f.logicalId} ${f.status}${f.status === 'fail' ? ` ${f.severity}` : ''}`).sort();
  expect(run.code).toBe(findings.some(f => f.endsWith(' fail error')) ? 1 : 0);
  if (findings.length) pinned[name.split(path.sep).join('/')] = findings;
});

test('the pinned findings on the corpus', () => {
  expect(pinned).toMatchSnapshot();
});
