import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runCli } from './helpers/apps';

/** Cloud assemblies of ten public CDK apps (see test/corpus/real-cdk-apps/README.md). */
const APPS_DIR = path.join(__dirname, 'corpus', 'real-cdk-apps');
const APPS = fs.readdirSync(APPS_DIR, { withFileTypes: true }).filter(e => e.isDirectory()).map(e => e.name).sort();

function templatesIn(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap(e => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? templatesIn(full) : e.name.endsWith('.template.json') ? [full] : [];
  });
}

/** `ruleId logicalId template` of each failed finding of a check. */
function failures(args: string[]): Set<string> {
  const run = runCli(['check', ...args, '--format', 'json', '--fail-on', 'never']);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  return new Set(JSON.parse(run.stdout).findings.filter((f: any) => f.status === 'fail')
    .map((f: any) => `${f.ruleId} ${f.logicalId} ${path.basename(f.templatePath)}`));
}

test('the corpus holds the ten apps', () => {
  expect(APPS).toHaveLength(10);
});

describe.each(APPS)('%s', app => {
  test('checking its cloud assembly finds at least what checking the folder of its templates finds', () => {
    const folder = fs.mkdtempSync(path.join(os.tmpdir(), `cdk-ha-${app}-`));
    try {
      // The same templates side by side, without the manifest: nested stacks cannot be linked to their parents.
      for (const file of templatesIn(path.join(APPS_DIR, app))) fs.copyFileSync(file, path.join(folder, path.basename(file)));
      const fromFolder = failures([folder]);
      const fromAssembly = failures([path.join(APPS_DIR, app)]);
      expect([...fromFolder].filter(f => !fromAssembly.has(f))).toEqual([]);
    } finally {
      fs.rmSync(folder, { recursive: true, force: true });
    }
  });
});
