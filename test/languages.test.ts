import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The packages of the other jsii languages, built as the README says (`npx projen package-all`, whose
 * non-JavaScript part is scripts/package-languages.sh), show the examples in their own language.
 * The test task compiles first, which also translates the examples (.jsii.tabl.json).
 */
const ROOT = path.join(__dirname, '..');
const README = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf-8');
const TS_BLOCKS = README.match(/^```ts$/gm)!.length;
/** What only TypeScript writes: declarations, `const`, arrow functions, `new` without a class keyword around it. */
const TYPESCRIPT = /declare const|^\s*const \w+ = |=> |: (?:ec2|acm|iam|route53|dynamodb)\.I?[A-Z]\w+;/m;

const fences = (text: string) => [...text.matchAll(/^```(\w*)$/gm)].map(m => m[1]).filter(Boolean);
/** The bodies of the fenced blocks of one language. */
const blocks = (text: string, language: string) =>
  [...text.matchAll(new RegExp(`^\`\`\`${language}\\n([\\s\\S]*?)^\`\`\`$`, 'gm'))].map(m => m[1]);

const TOOLS = (() => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-languages-'));
  const run = spawnSync(path.join(ROOT, 'scripts', 'package-languages.sh'), [dir], { cwd: ROOT, encoding: 'utf-8' });
  return { dir, run };
})();
afterAll(() => fs.rmSync(TOOLS.dir, { recursive: true, force: true }));
const out = (...p: string[]) => path.join(TOOLS.dir, ...p);
/** Without a Python that builds wheels offline the script stops before packaging anything (exit 2). */
const PYTHON_MISSING = TOOLS.run.status === 2 && /needs a python3 with pip, setuptools and wheel/.test(TOOLS.run.stderr);
const withPackages = PYTHON_MISSING ? describe.skip : describe;

test('the README\'s examples are TypeScript (the source every language is translated from)', () => {
  expect(TS_BLOCKS).toBeGreaterThanOrEqual(14);
  expect(fences(README).filter(f => !['ts', 'sh', 'json', 'yaml', 'xml'].includes(f))).toEqual([]);
});

withPackages(`the packages built here${PYTHON_MISSING ? ' (no Python with pip, setuptools and wheel here)' : ''}`, () => {
  test('the script succeeds and builds a wheel and an sdist', () => {
    expect(TOOLS.run.stderr).not.toMatch(/error/i);
    expect(TOOLS.run.status).toBe(0);
    expect(fs.readdirSync(out('python')).sort()).toEqual([expect.stringMatching(/^cdk-ha-.+\.tar\.gz$/), expect.stringMatching(/^cdk_ha-.+-py3-none-any\.whl$/)]);
  });

  test('Python: the wheel\'s description (the README on PyPI) shows every example in Python, and the docstrings too', () => {
    const wheel = fs.readdirSync(out('python')).find(f => f.endsWith('.whl'))!;
    const python = TOOLS.run.stdout.match(/built with (\S+) into/)![1];
    const read = (member: string) => execFileSync(python, ['-c',
      'import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); print(z.read(next(n for n in z.namelist() if n.endswith(sys.argv[2]))).decode())',
      out('python', wheel), member], { encoding: 'utf-8' });
    const metadata = read('.dist-info/METADATA');
    const description = metadata.slice(metadata.indexOf('\n\n') + 2);
    expect(fences(description).filter(f => f === 'python')).toHaveLength(TS_BLOCKS);
    expect(fences(description)).not.toContain('ts');
    for (const block of blocks(description, 'python')) expect(block).not.toMatch(TYPESCRIPT);
    expect(description).toContain('pip install cdk-ha');
    expect(description).toContain('ResilienceObjectives.declare(app, preset=ResiliencePreset.BUSINESS_CRITICAL)');
    expect(description).toContain('from cdk_ha import MultiAzWebTier, WebTierCompute');

    const module = read('cdk_ha/__init__.py');
    expect(module).toContain('db = ReplicatedDatabase(self, "Db", vpc=vpc)');
    expect(module).not.toMatch(/declare const/);
  });

  test('Go: the module\'s README and docs are Go', () => {
    const readme = fs.readFileSync(out('go', 'cdkha', 'README.md'), 'utf-8');
    expect(fences(readme).filter(f => f === 'go')).toHaveLength(TS_BLOCKS);
    expect(readme).toContain('cdkha.ResilienceObjectives_Declare(app, &ResilienceObjectivesOptions{');
    expect(readme).not.toMatch(/declare const/);
    expect(fs.readFileSync(out('go', 'cdkha', 'go.mod'), 'utf-8')).toMatch(/^module github\.com\/cdk-ha\/cdk-ha-go\/cdkha$/m);
  });

  test('Java: the package documentation and the class docs are Java', () => {
    const sources = out('java', 'src', 'main', 'java', 'io', 'github', 'cdkha');
    const overview = fs.readFileSync(path.join(sources, 'package-info.java'), 'utf-8');
    expect(overview).toContain('ResilienceObjectives.declare(app, ResilienceObjectivesOptions.builder().preset(ResiliencePreset.BUSINESS_CRITICAL).build());');
    expect(overview).not.toMatch(/declare const/);
    expect(fs.readFileSync(path.join(sources, 'ReplicatedDatabase.java'), 'utf-8')).toContain('ReplicatedDatabase db = ReplicatedDatabase.Builder.create(this, "Db").vpc(vpc).build();');
  });

  test('C#: the namespace documentation and the class docs are C#', () => {
    const sources = out('dotnet', 'CdkHa', 'CdkHa');
    const overview = fs.readFileSync(path.join(sources, 'NamespaceDoc.cs'), 'utf-8');
    expect(overview).toContain('ResilienceObjectives.Declare(app, new ResilienceObjectivesOptions { Preset = ResiliencePreset.BUSINESS_CRITICAL });');
    expect(overview).not.toMatch(/declare const/);
    expect(fs.readFileSync(path.join(sources, 'ReplicatedDatabase.cs'), 'utf-8')).toContain('var db = new ReplicatedDatabase(this, "Db", new ReplicatedDatabaseProps { Vpc = vpc });');
  });
});

test('npm: the README\'s install line works from a local build (the packed tarball)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-consumer-'));
  try {
    const tarball = path.join(dir, execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: ROOT, encoding: 'utf-8' }).trim());
    // The consumer pins the peers to the versions here, so npm takes them from its cache.
    const version = (name: string) => JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf-8')).version;
    const app = path.join(dir, 'app');
    fs.mkdirSync(app);
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({
      name: 'consumer',
      version: '1.0.0',
      private: true,
      dependencies: { 'aws-cdk-lib': version('aws-cdk-lib'), 'constructs': version('constructs') },
    }));
    expect(README).toContain('npm install /path/to/cdk-ha/dist/js/cdk-ha@0.0.0.jsii.tgz');
    execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error', tarball], { cwd: app, encoding: 'utf-8' });
    const printed = execFileSync(process.execPath, ['-e', `
      const { App, Stack } = require('aws-cdk-lib');
      const { ResilienceObjectives, ResiliencePreset } = require('cdk-ha');
      const app = new App();
      ResilienceObjectives.declare(new Stack(app, 'S'), { preset: ResiliencePreset.BUSINESS_CRITICAL });
      console.log(require.resolve('cdk-ha'), app.synth().getStackByName('S').template.Metadata['cdk-ha'].objectives.availability);`],
    { cwd: app, encoding: 'utf-8', env: { ...process.env, CDK_VALIDATION: 'false' } });
    expect(printed.trim()).toBe(`${path.join(app, 'node_modules', 'cdk-ha', 'lib', 'index.js')} 99.95`);
    const own = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8')).version;
    expect(execFileSync(path.join(app, 'node_modules', '.bin', 'cdk-ha'), ['--version'], { encoding: 'utf-8' }).trim()).toBe(own);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}, 120_000);
