/**
 * Tests of behaviour that only newer aws-cdk-lib versions have. The suite also runs against the
 * oldest supported version (2.257.0); there these tests are skipped, and their titles say why.
 */
// eslint-disable-next-line @typescript-eslint/no-require-imports
export const CDK_VERSION: string = require('aws-cdk-lib/package.json').version;

/** True when the installed aws-cdk-lib is at least this version. */
export function cdkAtLeast(version: string): boolean {
  const [a, b] = [CDK_VERSION, version].map(v => v.split('.').map(Number));
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i] > b[i];
  return true;
}

/** `describe` that runs only with aws-cdk-lib `version` or later (skipped, with the reason in its title, before). */
export function describeFromCdk(version: string, reason: string, title: string, fn: () => void): void {
  if (cdkAtLeast(version)) describe(title, fn);
  else describe.skip(`${title} (needs aws-cdk-lib ${version}+ for ${reason}; installed ${CDK_VERSION})`, fn);
}

/** `test` that runs only with aws-cdk-lib older than `version` (skipped, with the reason in its title, from it on). */
export function testBeforeCdk(version: string, reason: string, title: string, fn: () => void): void {
  if (!cdkAtLeast(version)) test(title, fn);
  else test.skip(`${title} (tests aws-cdk-lib before ${version}, which ${reason}; installed ${CDK_VERSION})`, fn);
}

/** Turns aws-cdk-lib's built-in CloudFormation validation back on for the tests of the enclosing `describe` (ordinary tests turn it off). */
export function withCdkValidation(): void {
  let saved: string | undefined;
  beforeEach(() => {
    saved = process.env.CDK_VALIDATION;
    delete process.env.CDK_VALIDATION;
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.CDK_VALIDATION;
    else process.env.CDK_VALIDATION = saved;
  });
}
