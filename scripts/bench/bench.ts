/**
 * Synth-time cost of the checks: `npx projen bench [--rounds N] [--sizes 200,1000,4000]`.
 *
 * For each app size it runs, round after round and in a rotating order, a plain synth, a synth with
 * the HaChecks aspect and a synth with the validation plugin (each in a fresh process), and the
 * `cdk-ha` command over the plain synth's cdk.out. It reports medians, the median of the per-round
 * ratios against plain synth (the machines are shared and noisy: ratios within a round are what
 * count), peak memory, and the added cost per 1,000 resources; then checks the budget.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

const ROOT = path.join(__dirname, '..', '..');
const VARIANTS = ['plain', 'aspect', 'plugin'] as const;
type Variant = typeof VARIANTS[number];

interface Sample { ms: number; maxRssKiB: number; resources: number; stacks: number; findings: number }

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const rounds = Number(option('rounds', '7'));
const sizes = option('sizes', '200,1000,4000').split(',').map(Number);
const env = { ...process.env, CDK_VALIDATION: 'false', JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };

function synth(variant: Variant, size: number, outdir: string): Sample {
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'run-variant.ts'), variant, String(size), outdir],
    { cwd: ROOT, env, encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`${variant} synth of ${size} resources failed:\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

function cli(outdir: string): number {
  const start = performance.now();
  const run = spawnSync(process.execPath, [path.join(ROOT, 'bin', 'cdk-ha'), 'check', outdir, '--format', 'json', '--output', path.join(outdir, 'bench-report.json'), '--fail-on', 'never'],
    { cwd: ROOT, env, encoding: 'utf-8' });
  const ms = performance.now() - start;
  if (run.status !== 0) throw new Error(`cdk-ha check failed:\n${run.stderr}`);
  return ms;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};
const mib = (kib: number) => kib / 1024;

interface SizeResult {
  size: number;
  resources: number;
  stacks: number;
  samples: Record<Variant, Sample[]>;
  ratios: Record<Variant, number[]>;
  cliMs: number[];
}

function measure(size: number): SizeResult {
  const samples = { plain: [], aspect: [], plugin: [] } as Record<Variant, Sample[]>;
  const ratios = { plain: [], aspect: [], plugin: [] } as Record<Variant, number[]>;
  const cliMs: number[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-bench-'));
  try {
    synth('plain', size, path.join(work, 'warmup'));
    for (let round = 0; round < rounds; round++) {
      const order = VARIANTS.map((_, i) => VARIANTS[(i + round) % VARIANTS.length]);
      const got = {} as Record<Variant, Sample>;
      for (const variant of order) {
        const outdir = path.join(work, `${variant}-${round}`);
        got[variant] = synth(variant, size, outdir);
        samples[variant].push(got[variant]);
        if (variant === 'plain') cliMs.push(cli(outdir));
        if (variant !== 'plain') fs.rmSync(outdir, { recursive: true, force: true });
      }
      for (const v of VARIANTS) ratios[v].push(got[v].ms / got.plain.ms);
      process.stderr.write(`  ${size}: round ${round + 1}/${rounds} ${VARIANTS.map(v => `${v} ${Math.round(got[v].ms)} ms`).join(', ')}\n`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return { size, resources: samples.plain[0].resources, stacks: samples.plain[0].stacks, samples, ratios, cliMs };
}

function machine(): string {
  const cpus = os.cpus();
  const cdk = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf-8')).version;
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, `
    + `Node ${process.version}, aws-cdk-lib ${cdk}, CDK_VALIDATION=false`;
}

function main(): void {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) throw new Error('compile first: npx projen compile');
  process.stderr.write(`Benchmark: ${rounds} rounds per size, sizes ${sizes.join(', ')}\n`);
  const results = sizes.map(measure);
  const lines: string[] = [];
  lines.push(`Machine: ${machine()}; ${rounds} rounds per size, variants alternated round by round.`, '');
  lines.push('| Resources (stacks) | Variant | Median synth | Median ratio vs plain | Peak RSS (median) | Added RSS | Added time per 1,000 resources | Findings |');
  lines.push('|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const plainMs = median(r.samples.plain.map(s => s.ms));
    const plainRss = median(r.samples.plain.map(s => s.maxRssKiB));
    for (const v of VARIANTS) {
      const ms = median(r.samples[v].map(s => s.ms));
      const rss = median(r.samples[v].map(s => s.maxRssKiB));
      const added = v === 'plain' ? '' : `${((median(r.ratios[v]) - 1) * plainMs / r.resources * 1000).toFixed(0)} ms`;
      lines.push(`| ${r.resources} (${r.stacks}) | ${v} | ${ms.toFixed(0)} ms | ${median(r.ratios[v]).toFixed(3)} | ${mib(rss).toFixed(0)} MiB | `
        + `${v === 'plain' ? '' : `${mib(rss - plainRss).toFixed(1)} MiB`} | ${added} | ${v === 'plain' ? '' : r.samples[v][0].findings} |`);
    }
    lines.push(`| ${r.resources} (${r.stacks}) | cdk-ha check cdk.out | ${median(r.cliMs).toFixed(0)} ms (whole process) | | | | | |`);
  }
  const big = results[results.length - 1];
  const mid = results.find(r => r.size === 1000);
  const perThousand = (r: SizeResult, v: Variant) => (median(r.ratios[v]) - 1) * median(r.samples.plain.map(s => s.ms)) / r.resources * 1000;
  const addedRss = (v: Variant) => mib(median(big.samples[v].map(s => s.maxRssKiB)) - median(big.samples.plain.map(s => s.maxRssKiB)));
  const checks: [string, boolean][] = [
    [`aspect at ${big.resources} resources: ${median(big.ratios.aspect).toFixed(3)} x plain synth (budget 1.10)`, median(big.ratios.aspect) <= 1.10],
    [`plugin at ${big.resources} resources: ${median(big.ratios.plugin).toFixed(3)} x plain synth (budget 1.05)`, median(big.ratios.plugin) <= 1.05],
    [`added peak RSS at ${big.resources} resources: aspect ${addedRss('aspect').toFixed(1)} MiB, plugin ${addedRss('plugin').toFixed(1)} MiB (budget 30)`, Math.max(addedRss('aspect'), addedRss('plugin')) <= 30],
    [`cdk-ha check over cdk.out at ${big.resources} resources: ${median(big.cliMs).toFixed(0)} ms (budget 1,500)`, median(big.cliMs) < 1500],
  ];
  if (mid && mid !== big) {
    for (const v of ['aspect', 'plugin'] as const) {
      checks.push([`${v} per 1,000 resources: ${perThousand(big, v).toFixed(0)} ms at ${big.resources}, ${perThousand(mid, v).toFixed(0)} ms at ${mid.resources} (no superlinear growth)`,
        perThousand(big, v) <= Math.max(perThousand(mid, v), 0) + 0.02 * median(big.samples.plain.map(s => s.ms)) / big.resources * 1000]);
    }
  }
  lines.push('', 'Budget:', ...checks.map(([text, ok]) => `- ${ok ? 'met' : 'NOT MET'}: ${text}`));
  process.stdout.write(`${lines.join('\n')}\n`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
}

main();
