import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

/**
 * The local parts of the release pipeline: the version bump from conventional commits with its
 * changelog (the `bump` and `unbump` tasks that `npx projen release` runs around the build), and the
 * API compatibility check against a packed previous version (`npx projen compat`).
 */
const ROOT = path.join(__dirname, '..');
const PACKAGE = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf-8'));

describe('versions from conventional commits', () => {
  const repo = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-release-'));
  afterAll(() => fs.rmSync(repo, { recursive: true, force: true }));
  const git = (...args: string[]) => execFileSync('git', ['-c', 'user.name=cdk-ha', '-c', 'user.email=cdk-ha@example.invalid', ...args], { cwd: repo, encoding: 'utf-8' });
  const commit = (message: string, body?: string) => {
    fs.writeFileSync(path.join(repo, 'change.txt'), `${message}\n`);
    git('add', '-A');
    git('commit', '-q', '-m', message, ...(body ? ['-m', body] : []));
  };
  /** The project's own tasks (.projen/tasks.json), run as `npx projen release` runs them. */
  const projen = (task: string) => execFileSync(path.join(ROOT, 'node_modules', '.bin', 'projen'), [task], {
    cwd: repo, encoding: 'utf-8', env: { ...process.env, RELEASE: 'true' },
  });
  const released = () => ({
    version: fs.readFileSync(path.join(repo, 'dist', 'version.txt'), 'utf-8'),
    tag: fs.readFileSync(path.join(repo, 'dist', 'releasetag.txt'), 'utf-8'),
    changelog: fs.readFileSync(path.join(repo, 'dist', 'changelog.md'), 'utf-8'),
    packageVersion: JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf-8')).version,
  });
  /** The steps of `npx projen release` around the build: a fresh dist, bump, (build), unbump. */
  const release = () => {
    fs.rmSync(path.join(repo, 'dist'), { recursive: true, force: true });
    projen('bump');
    const result = released();
    projen('unbump');
    git('tag', result.tag);
    return result;
  };

  beforeAll(() => {
    git('init', '-q', '-b', 'main');
    fs.mkdirSync(path.join(repo, '.projen'));
    fs.copyFileSync(path.join(ROOT, '.projen', 'tasks.json'), path.join(repo, '.projen', 'tasks.json'));
    // package.json as between releases: version 0.0.0 (a release build bumps it, and restores it after).
    fs.writeFileSync(path.join(repo, 'package.json'), `${JSON.stringify({ name: PACKAGE.name, version: '0.0.0', repository: PACKAGE.repository }, undefined, 2)}\n`);
    fs.writeFileSync(path.join(repo, '.gitignore'), 'node_modules\ndist\n');
    fs.symlinkSync(path.join(ROOT, 'node_modules'), path.join(repo, 'node_modules'));
    commit('chore: start');
  });

  test('the first release is the version in package.json, with the features in its changelog', () => {
    commit('feat(objectives): Resilience Hub output');
    const first = release();
    expect(first).toMatchObject({ version: '0.0.0', tag: 'v0.0.0', packageVersion: '0.0.0' });
    expect(first.changelog).toMatch(/### Features\n\n\* \*\*objectives:\*\* Resilience Hub output \(\[[0-9a-f]{7}\]\(https:\/\/github\.com\/cdk-ha\/cdk-ha\/commit\/[0-9a-f]{40}\)\)/);
    expect(released().packageVersion).toBe('0.0.0');
  }, 60_000);

  test('a fix bumps the patch version; commits that are not features or fixes do not appear', () => {
    commit('fix(checks): a finding on the right resource');
    commit('chore: tidy up');
    const next = release();
    expect(next).toMatchObject({ version: '0.0.1', tag: 'v0.0.1' });
    expect(next.changelog).toMatch(/^\s*## \[0\.0\.1\]\(https:\/\/github\.com\/cdk-ha\/cdk-ha\/compare\/v0\.0\.0\.\.\.v0\.0\.1\)/);
    expect(next.changelog).toMatch(/### Bug Fixes\n\n\* \*\*checks:\*\* a finding on the right resource/);
    expect(next.changelog).not.toMatch(/tidy up|Resilience Hub output/);
  }, 60_000);

  test('a feature bumps the minor version; before 1.0 a breaking change does too, and the changelog lists it', () => {
    commit('feat(patterns)!: WebTierCapacity is now WebTierCapacityOptions', 'BREAKING CHANGE: WebTierCapacity is renamed WebTierCapacityOptions');
    const next = release();
    expect(next).toMatchObject({ version: '0.1.0', tag: 'v0.1.0', packageVersion: '0.1.0' });
    expect(next.changelog).toMatch(/### ⚠ BREAKING CHANGES\n\n\* \*\*patterns:\*\* WebTierCapacity is renamed WebTierCapacityOptions/);
    expect(JSON.parse(fs.readFileSync(path.join(repo, 'package.json'), 'utf-8')).version).toBe('0.0.0');
  }, 60_000);
});

describe('API compatibility with a packed previous version (npx projen compat)', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-compat-'));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
  /** The current build packed as published: the test task compiles first. */
  const tarball = path.join(dir, execFileSync('npm', ['pack', '--pack-destination', dir, '--silent'], { cwd: ROOT, encoding: 'utf-8' }).trim());

  /** A previous version: the current package whose API had one more member, which the current one lacks. */
  function previousWithExtraMember(): string {
    const unpacked = fs.mkdtempSync(path.join(dir, 'previous-'));
    execFileSync('tar', ['-xzf', tarball, '-C', unpacked]);
    const file = path.join(unpacked, 'package', '.jsii');
    const assembly = JSON.parse(fs.readFileSync(file, 'utf-8'));
    const props = assembly.types['cdk-ha.ResilienceObjectivesOptions'];
    props.properties.push({ ...props.properties.find((p: any) => p.name === 'preset'), name: 'removedSinceThen', type: { primitive: 'string' } });
    delete assembly.fingerprint;
    fs.writeFileSync(file, JSON.stringify(assembly));
    const packed = path.join(unpacked, 'cdk-ha-previous.tgz');
    execFileSync('tar', ['-czf', packed, '-C', unpacked, 'package']);
    return packed;
  }
  const compat = (baseline: string, ignoreFile?: string) => spawnSync(path.join(ROOT, 'scripts', 'compat.sh'), [baseline], {
    cwd: ROOT, encoding: 'utf-8', env: { ...process.env, ...(ignoreFile ? { COMPAT_IGNORE_FILE: ignoreFile } : {}) },
  });

  test('the same API passes', () => {
    const run = compat(tarball);
    expect(run.stdout).toContain(`compat: ${path.basename(tarball)} -> this checkout`);
    expect(run.status).toBe(0);
  }, 120_000);

  test('a member that is gone fails, in an experimental API too, with the key to acknowledge it; acknowledged, it passes', () => {
    const previous = previousWithExtraMember();
    const run = compat(previous);
    expect(run.status).toBe(1);
    expect(`${run.stdout}${run.stderr}`).toMatch(/err {2}- PROP cdk-ha\.ResilienceObjectivesOptions\.removedSinceThen: has been removed \[removed:cdk-ha\.ResilienceObjectivesOptions\.removedSinceThen\]/);

    const ignore = path.join(dir, 'compatignore');
    fs.writeFileSync(ignore, '# intended\nremoved:cdk-ha.ResilienceObjectivesOptions.removedSinceThen\n');
    expect(compat(previous, ignore).status).toBe(0);
  }, 120_000);

  test('a baseline that is neither a file nor a revision is a usage error', () => {
    const run = compat('no-such-release');
    expect(run.status).toBe(2);
    expect(run.stderr).toContain('compat: no-such-release is neither a file nor a git revision');
  });
});
