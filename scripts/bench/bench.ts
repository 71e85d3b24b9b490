/**
 * Synth-time cost of the checks: `npx projen bench [--rounds N] [--sizes 200,1000,4000,linked-4000]`.
 * A size is a number of resources, in independent stacks, or prefixed `linked-`, in one workload of
 * linked stacks (a network stack, application stacks with nested stacks, a monitoring stack).
 *
 * For each app size it runs, round after round and in a rotating order, a plain synth, a synth with
 * the HaChecks aspect, a synth with the validation plugin and a synth with an empty validation plugin
 * (what CDK's policy validation costs whatever the plugin; each in a fresh process), and the `cdk-ha`
 * command over the plain synth's cdk.out. It reports medians, the median of the per-round
 * ratios against plain synth, the time spent in cdk-ha's own code within each run (steady where
 * ratios between runs swing with the load of a shared machine), peak memory, and the cost per 1,000
 * resources; then checks the budget and exits 1 when a part of it is not met.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { performance } from 'perf_hooks';

const ROOT = path.join(__dirname, '..', '..');
const VARIANTS = ['plain', 'aspect', 'plugin', 'empty-plugin'] as const;
type Variant = typeof VARIANTS[number];

/**
 * ms: app construction and synthesis, in process; ownMs: the part of it spent in cdk-ha's code;
 * processMs: the whole `node` process, as the cdk CLI runs the app.
 */
interface Sample {
  ms: number; ownMs: number; loadMs: number; processMs: number; maxRssKiB: number; resources: number; stacks: number; findings: number;
}

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}

const rounds = Number(option('rounds', '9'));
const sizes = option('sizes', '200,1000,4000,linked-4000').split(',');
const env = { ...process.env, CDK_VALIDATION: 'false', JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: '20' };

/** A size as the command line gives it: `4000`, or `linked-4000` for the linked shape. */
function parseSize(size: string): { resources: number; shape: string } {
  const m = /^(?:(linked|stacks)-)?(\d+)$/.exec(size);
  if (!m) throw new Error(`--sizes: '${size}' is not a number of resources, optionally prefixed with linked-`);
  return { resources: Number(m[2]), shape: m[1] ?? 'stacks' };
}

function synth(variant: Variant, size: string, outdir: string): Sample {
  const start = performance.now();
  const { resources, shape } = parseSize(size);
  const run = spawnSync(process.execPath, ['-r', 'ts-node/register/transpile-only', path.join(__dirname, 'run-variant.ts'), variant, String(resources), outdir, shape],
    { cwd: ROOT, env, encoding: 'utf-8', maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`${variant} synth of ${size} resources failed:\n${run.stderr}`);
  const processMs = performance.now() - start;
  return { ...JSON.parse(run.stdout.trim().split('\n').pop()!), processMs };
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
  size: string;
  resources: number;
  stacks: number;
  /** Per variant, one sample per round, in round order. */
  samples: Record<Variant, Sample[]>;
  cliMs: number[];
}

function measure(size: string): SizeResult {
  const samples = Object.fromEntries(VARIANTS.map(v => [v, []])) as unknown as Record<Variant, Sample[]>;
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
      process.stderr.write(`  ${size}: round ${round + 1}/${rounds} ${VARIANTS.map(v => `${v} ${Math.round(got[v].ms)} ms (process ${Math.round(got[v].processMs)} ms)`).join(', ')}\n`);
    }
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
  return { size, resources: samples.plain[0].resources, stacks: samples.plain[0].stacks, samples, cliMs };
}

function machine(): string {
  const cpus = os.cpus();
  const cdk = JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', 'aws-cdk-lib', 'package.json'), 'utf-8')).version;
  return `${cpus[0]?.model.trim() ?? 'unknown CPU'}, ${cpus.length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, `
    + `Node ${process.version}, aws-cdk-lib ${cdk}, CDK_VALIDATION=false`;
}

/** The median over rounds of the ratio of a variant's time to another's (plain synth) in the same round. */
function ratio(r: SizeResult, v: Variant, key: 'ms' | 'processMs' = 'ms', base: Variant = 'plain'): number {
  return median(r.samples[v].map((sample, round) => sample[key] / r.samples[base][round][key]));
}

const medianOf = (samples: Sample[], key: 'ms' | 'ownMs' | 'loadMs' | 'processMs' | 'maxRssKiB') => median(samples.map(s => s[key]));

/**
 * The median over rounds of a variant's synth time against the same run without cdk-ha's own code:
 * both sides share the run's machine speed, so this stays steady where wall-time ratios between runs
 * swing with the machine's load. It leaves out indirect costs (more garbage to collect), which the
 * wall-time ratio includes.
 */
function ownRatio(r: SizeResult, v: Variant): number {
  return median(r.samples[v].map(s => s.ms / (s.ms - s.ownMs)));
}

function main(): void {
  if (!fs.existsSync(path.join(ROOT, 'lib', 'index.js'))) throw new Error('compile first: npx projen compile');
  process.stderr.write(`Benchmark: ${rounds} rounds per size, sizes ${sizes.join(', ')}\n`);
  const results = sizes.map(measure);
  const lines: string[] = [];
  lines.push(`Machine: ${machine()}; ${rounds} rounds per size, variants alternated round by round.`, '');
  lines.push('| Resources (stacks) | Variant | Median synth | Ratio vs plain | Median process | Process ratio | cdk-ha code (ratio) | of which loading | Peak RSS | Added RSS | cdk-ha code per 1,000 resources | Findings |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|---|');
  for (const r of results) {
    const plainRss = medianOf(r.samples.plain, 'maxRssKiB');
    for (const v of VARIANTS) {
      const rss = medianOf(r.samples[v], 'maxRssKiB');
      const plain = v === 'plain' || v === 'empty-plugin';
      lines.push(`| ${r.resources} (${r.stacks}) | ${v} | ${medianOf(r.samples[v], 'ms').toFixed(0)} ms | ${ratio(r, v).toFixed(3)} | `
        + `${medianOf(r.samples[v], 'processMs').toFixed(0)} ms | ${ratio(r, v, 'processMs').toFixed(3)} | `
        + `${plain ? '' : `${medianOf(r.samples[v], 'ownMs').toFixed(0)} ms (${ownRatio(r, v).toFixed(3)})`} | ${plain ? '' : `${medianOf(r.samples[v], 'loadMs').toFixed(0)} ms`} | `
        + `${mib(rss).toFixed(0)} MiB | `
        + `${plain ? '' : `${mib(rss - plainRss).toFixed(1)} MiB`} | ${plain ? '' : `${perThousand(r, v).toFixed(0)} ms`} | ${plain ? '' : r.samples[v][0].findings} |`);
    }
    lines.push(`| ${r.resources} (${r.stacks}) | cdk-ha check cdk.out | | | ${median(r.cliMs).toFixed(0)} ms | | | | | | | |`);
  }
  const big = results.filter(r => !r.size.startsWith('linked')).pop() ?? results[results.length - 1];
  const mid = results.find(r => r.size === '1000');
  const linked = results.find(r => r.size.startsWith('linked') && r !== big);
  const addedRss = (v: Variant) => mib(medianOf(big.samples[v], 'maxRssKiB') - medianOf(big.samples.plain, 'maxRssKiB'));
  const checks: [string, boolean][] = [
    [`aspect at ${big.resources} resources: ${ratio(big, 'aspect').toFixed(3)} x plain synth (budget 1.10)`, ratio(big, 'aspect') <= 1.10],
    [`plugin at ${big.resources} resources: ${ratio(big, 'plugin').toFixed(3)} x plain synth (budget 1.05)`, ratio(big, 'plugin') <= 1.05],
    [`cdk-ha's own code at ${big.resources} resources: aspect ${ownRatio(big, 'aspect').toFixed(3)} x, plugin ${ownRatio(big, 'plugin').toFixed(3)} x the same synth without it (budgets 1.10 and 1.05)`,
      ownRatio(big, 'aspect') <= 1.10 && ownRatio(big, 'plugin') <= 1.05],
    [`added peak RSS at ${big.resources} resources: aspect ${addedRss('aspect').toFixed(1)} MiB, plugin ${addedRss('plugin').toFixed(1)} MiB (budget 30)`, Math.max(addedRss('aspect'), addedRss('plugin')) <= 30],
    [`cdk-ha check over cdk.out at ${big.resources} resources: ${median(big.cliMs).toFixed(0)} ms (budget 1,500)`, median(big.cliMs) < 1500],
  ];
  if (linked) {
    const linkedRss = (v: Variant) => mib(medianOf(linked.samples[v], 'maxRssKiB') - medianOf(linked.samples.plain, 'maxRssKiB'));
    checks.push(
      [`linked stacks, ${linked.resources} resources in ${linked.stacks} stacks: aspect ${ratio(linked, 'aspect').toFixed(3)} x plain synth (budget 1.10), own code aspect ${ownRatio(linked, 'aspect').toFixed(3)} x, plugin ${ownRatio(linked, 'plugin').toFixed(3)} x (budgets 1.10 and 1.05)`,
        ratio(linked, 'aspect') <= 1.10 && ownRatio(linked, 'aspect') <= 1.10 && ownRatio(linked, 'plugin') <= 1.05],
      [`linked stacks: added peak RSS aspect ${linkedRss('aspect').toFixed(1)} MiB, plugin ${linkedRss('plugin').toFixed(1)} MiB (budget 30); cdk-ha check ${median(linked.cliMs).toFixed(0)} ms (budget 1,500)`,
        Math.max(linkedRss('aspect'), linkedRss('plugin')) <= 30 && median(linked.cliMs) < 1500],
    );
  }
  if (mid && mid !== big) {
    for (const v of ['aspect', 'plugin'] as const) {
      checks.push([`${v} code per 1,000 resources: ${perThousand(big, v).toFixed(0)} ms at ${big.resources}, ${perThousand(mid, v).toFixed(0)} ms at ${mid.resources} (no superlinear growth)`,
        perThousand(big, v) <= perThousand(mid, v)]);
    }
  }
  const plainMs = big.samples.plain.map(x => x.ms);
  lines.push('', `Machine noise: plain synth at ${big.resources} resources took ${Math.min(...plainMs).toFixed(0)} to ${Math.max(...plainMs).toFixed(0)} ms across rounds.`);
  lines.push('', 'Budget (synth ratios: app construction and synthesis in one process):', ...checks.map(([text, ok]) => `- ${ok ? 'met' : 'NOT MET'}: ${text}`));
  lines.push('', `For reference: CDK's policy validation with an empty plugin costs ${ratio(big, 'empty-plugin').toFixed(3)} x plain synth at ${big.resources} resources; `
    + `the cdk-ha plugin costs ${ratio(big, 'plugin', 'ms', 'empty-plugin').toFixed(3)} x the synth with the empty plugin.`);
  process.stdout.write(`${lines.join('\n')}\n`);
  if (checks.some(([, ok]) => !ok)) process.exitCode = 1;
}

/** The time spent in cdk-ha's code per 1,000 resources (its loading included). */
function perThousand(r: SizeResult, v: Variant): number {
  return medianOf(r.samples[v], 'ownMs') / r.resources * 1000;
}

main();
