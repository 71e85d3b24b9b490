import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/** The compiled entry point, as the package ships it (the test task compiles first). */
const ROOT = path.join(__dirname, '..');
const ENTRY = path.join(ROOT, 'lib', 'index.js');

/** Runs a snippet in a fresh Node process and returns what it prints. */
function node(script: string): string {
  return execFileSync(process.execPath, ['-e', script], { cwd: ROOT, encoding: 'utf-8' });
}

describe('the package entry point', () => {
  test('exports exactly what src/index.ts exports, the same objects as the modules', () => {
    const exported = JSON.parse(node(`
      const lib = require(${JSON.stringify(ENTRY)});
      console.log(JSON.stringify(Object.keys(lib).map(n => [n, lib[n] === require('./lib/patterns/multi-az-web-tier')[n] || lib[n] === require('./lib/checks/hosts/aspect')[n] || undefined])));`));
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    expect(exported.map(([n]: [string]) => n).sort()).toEqual(Object.keys(require('../src')).sort());
    expect(exported.filter(([, same]: [string, boolean]) => same).map(([n]: [string]) => n).sort())
      .toEqual(['HaChecks', 'MultiAzWebTier', 'WebTierCompute']);
  });

  test('an app that uses only the checks does not load the building blocks or the aws-cdk-lib modules they use', () => {
    const loaded: string[] = JSON.parse(node(`
      require(${JSON.stringify(ENTRY)}).HaChecks;
      console.log(JSON.stringify(Object.keys(require.cache)));`));
    expect(loaded.some(f => f.includes(`${path.sep}lib${path.sep}checks${path.sep}hosts${path.sep}aspect.js`))).toBe(true);
    expect(loaded.filter(f => f.startsWith(path.join(ROOT, 'lib', 'patterns')))).toEqual([]);
    expect(loaded.filter(f => /aws-route53|aws-autoscaling/.test(f))).toEqual([]);
  });

  test('making the exports lazy again changes nothing', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-entry-'));
    try {
      const copy = path.join(dir, 'index.js');
      fs.copyFileSync(ENTRY, copy);
      execFileSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(ROOT, 'scripts', 'lazy-exports.ts'), copy], { cwd: ROOT });
      expect(fs.readFileSync(copy, 'utf-8')).toBe(fs.readFileSync(ENTRY, 'utf-8'));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
