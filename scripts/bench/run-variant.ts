/**
 * One measured synthesis, in its own process: `run-variant.ts <plain|aspect|plugin|empty-plugin> <resources> <outdir>`.
 * aws-cdk-lib is loaded before the clock starts (every variant pays it alike); loading cdk-ha is
 * timed, because users pay it. Prints one JSON line: wall milliseconds, the milliseconds spent in
 * cdk-ha's own code (loading it, the aspect's checks, the plugin's validation), the part of it
 * spent loading, peak RSS, resources and findings.
 */
import { performance } from 'perf_hooks';
import { App, Validations } from 'aws-cdk-lib';
import { buildWorkload } from './workload';

const [variant, size, outdir] = process.argv.slice(2);
let ownMs = 0;
let loadMs = 0;

/** Wraps a method so that the time spent in it counts as cdk-ha's own. */
function timed(prototype: any, method: string): void {
  const original = prototype[method];
  prototype[method] = function (this: unknown, ...args: unknown[]) {
    const start = performance.now();
    try {
      return original.apply(this, args);
    } finally {
      ownMs += performance.now() - start;
    }
  };
}

const start = performance.now();
const app = new App({ outdir });
let findings: () => number = () => 0;
// cdk-ha is loaded inside the clock, and from the compiled library users install.
/* eslint-disable @typescript-eslint/no-require-imports */
/** Loads one export of cdk-ha; the library loads its modules on first use, so the clock runs until it has the export. */
function loadCdkHa(name: string) {
  const loading = performance.now();
  const exported = require('../../lib')[name];
  ownMs += loadMs = performance.now() - loading;
  return exported;
}
if (variant === 'aspect') {
  const HaChecks = loadCdkHa('HaChecks');
  // Its visits only note each resource (a few milliseconds in all): timing them would cost more.
  timed(HaChecks.prototype, 'prepare');
  timed(HaChecks.prototype, 'check');
  const applying = performance.now();
  const checks = HaChecks.applyTo(app);
  ownMs += performance.now() - applying;
  findings = () => checks.findings.length;
} else if (variant === 'plugin') {
  const HaValidationPlugin = loadCdkHa('HaValidationPlugin');
  timed(HaValidationPlugin.prototype, 'validate');
  const constructing = performance.now();
  const plugin = new HaValidationPlugin();
  ownMs += performance.now() - constructing;
  Validations.of(app).addPlugins(plugin);
  findings = () => plugin.findings.length;
} else if (variant === 'empty-plugin') {
  // What CDK's policy validation costs with any plugin: one that checks nothing.
  Validations.of(app).addPlugins({ name: 'empty', validate: () => ({ success: true, violations: [] }) });
} else if (variant !== 'plain') {
  throw new Error(`unknown variant ${variant}`);
}
/* eslint-enable @typescript-eslint/no-require-imports */
buildWorkload(app, Number(size));
const assembly = app.synth();
const ms = performance.now() - start;
const resources = assembly.stacks.reduce((n, s) => n + Object.keys(s.template.Resources ?? {}).length, 0);
process.stdout.write(`${JSON.stringify({ ms, ownMs, loadMs, maxRssKiB: process.resourceUsage().maxRSS, resources, stacks: assembly.stacks.length, findings: findings() })}\n`);
