/**
 * One measured synthesis, in its own process: `run-variant.ts <plain|aspect|plugin|empty-plugin> <resources> <outdir> [stacks|linked]`.
 * aws-cdk-lib is loaded before the clock starts (every variant pays it alike); loading cdk-ha is
 * timed, because users pay it. Prints one JSON line: wall milliseconds, the milliseconds spent in
 * cdk-ha's own code (loading it, the aspect's checks, the plugin's validation), the part of it
 * spent loading, peak RSS, resources and findings.
 */
import * as fs from 'fs';
import * as path from 'path';
import { performance } from 'perf_hooks';
import { App, Stack, Validations } from 'aws-cdk-lib';
import { buildWorkload, Shape } from './workload';

const [variant, size, outdir, shape = 'stacks'] = process.argv.slice(2);
let ownMs = 0;
let loadMs = 0;
/** Time spent rendering templates (CDK's work, which plain synth does too) while cdk-ha's code runs. */
let renderingMs = 0;
let inOwnCode = false;

/** Wraps a method so that the time spent in it counts as cdk-ha's own, less the templates CDK renders meanwhile. */
function timed(prototype: any, method: string): void {
  const original = prototype[method];
  prototype[method] = function (this: unknown, ...args: unknown[]) {
    const outer = !inOwnCode;
    const start = performance.now();
    const rendered = renderingMs;
    inOwnCode = true;
    try {
      return original.apply(this, args);
    } finally {
      if (outer) {
        inOwnCode = false;
        ownMs += performance.now() - start - (renderingMs - rendered);
      }
    }
  };
}

// The aspect renders each template once, when synthesis validates the stacks, and synthesis writes that
// template instead of rendering it again: rendering is synthesis's own cost, not the checks'.
const render = (Stack.prototype as any)._toCloudFormation;
(Stack.prototype as any)._toCloudFormation = function (this: Stack) {
  if (!inOwnCode) return render.call(this);
  const start = performance.now();
  try {
    return render.call(this);
  } finally {
    renderingMs += performance.now() - start;
  }
};

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
  const applying = performance.now();
  const checks = HaChecks.applyTo(app);
  ownMs += performance.now() - applying;
  // The aspect applyTo registered (internal to cdk-ha). Its visits only note each resource (a few
  // milliseconds in all): timing them would cost more.
  const aspect = Object.getPrototypeOf(checks.aspect);
  timed(aspect, 'validate');
  timed(aspect, 'renderedTemplate');
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
buildWorkload(app, Number(size), shape as Shape);
app.synth();
const ms = performance.now() - start;
// Every template synthesis wrote, nested stacks' included.
const templates = fs.readdirSync(outdir).filter(f => f.endsWith('.template.json'));
const resources = templates
  .reduce((n, f) => n + Object.keys(JSON.parse(fs.readFileSync(path.join(outdir, f), 'utf-8')).Resources ?? {}).length, 0);
process.stdout.write(`${JSON.stringify({ ms, ownMs, loadMs, maxRssKiB: process.resourceUsage().maxRSS, resources, stacks: templates.length, findings: findings() })}\n`);
