/**
 * What hostile and odd inputs cost `cdk-ha check`: `npx projen compile && npx ts-node --project
 * scripts/tsconfig.json scripts/bench/hostile.ts [--rounds 3]`. Not run by CI, which only checks
 * that each case gives its clear line (test/cli/hostile-input.test.ts).
 *
 * Each case is generated once in a temporary folder, then run round after round, each run in a
 * fresh process that calls the command's `main` and reports its own time and peak memory. It prints
 * the median time, the largest peak resident memory and the exit status of each case, and checks
 * the budget of the two large cases (a folder of 10,000 resources in 20 templates, a folder of 500
 * templates): under 3 s and 300 MiB each. It exits 1 when the budget is not met.
 */
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import {
  aliasBomb, bigMapping, branchingFindInMap, bulkyForEach, conditionChain, cyclicFindInMap, deepJson, deepYaml, GOOD_TEMPLATE, hugeAliasString,
  makeFifo, manyDirectives, mixedTemplate, nestedForEach, unclosedSub, writeFile, writeNestedFanOut, writeTemplateFolder,
} from '../../test/helpers/hostile-inputs';

const ROOT = path.join(__dirname, '..', '..');
const MAIN = path.join(ROOT, 'lib', 'cli', 'main.js');
const BUDGET = { ms: 3000, rssMiB: 300 };

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1] : fallback;
}
const rounds = Number(option('rounds', '3'));

interface Case {
  readonly name: string;
  /** The arguments after `check`, relative to the case folder. */
  readonly inputs: string[];
  readonly budget?: boolean;
}

/** Generates every case in one folder; returns them in the order they are reported. */
function generate(dir: string): Case[] {
  const file = (name: string, content: unknown) => writeFile(path.join(dir, name), content) && name;
  const cases: Case[] = [
    { name: '10,000 resources in 20 templates (one folder)', inputs: [writeTemplateFolder(path.join(dir, 'r10k'), 20, 500) && 'r10k'], budget: true },
    { name: '500 templates of 24 resources (one folder)', inputs: [writeTemplateFolder(path.join(dir, 't500'), 500, 20) && 't500'], budget: true },
    { name: 'one template of 500 resources', inputs: [file('r500.json', mixedTemplate(500))] },
    { name: 'Fn::ForEach: 3 nested loops over 100 names', inputs: [file('loops.json', nestedForEach(3, 100))] },
    { name: 'Fn::ForEach: one loop over 100,000 names', inputs: [file('long.json', nestedForEach(1, 100_000))] },
    { name: 'Fn::ForEach: 100 copies of a 100 KB body that give nothing', inputs: [file('copies.json', bulkyForEach(100, 100_000, true))] },
    { name: 'nested stacks: 20 in each of 5 levels (3.2 million stacks)', inputs: [path.relative(dir, writeNestedFanOut(path.join(dir, 'fan'), 5, 20))] },
    { name: 'nested stacks: 30 of 400 topics each', inputs: [path.relative(dir, writeNestedFanOut(path.join(dir, 'wide'), 1, 30, 400, 'AWS::SNS::Topic'))] },
    { name: 'YAML alias bomb (10^10 nodes)', inputs: [file('bomb.yaml', aliasBomb())] },
    { name: 'YAML alias of a 1 MB string, 900 times', inputs: [file('huge.yaml', hugeAliasString())] },
    { name: 'Fn::FindInMap on itself', inputs: [file('cyclic.json', cyclicFindInMap())] },
    { name: 'Fn::FindInMap on itself through two keys (branching)', inputs: [file('branching.json', branchingFindInMap())] },
    { name: '2,000 chained conditions used by 200 databases', inputs: [file('conditions.json', conditionChain(2000, 200))] },
    { name: 'a mapping of 44,000 keys looked up by 490 databases', inputs: [file('mapping.json', bigMapping(44_000, 490))] },
    { name: '40,000 distinct preprocessor tags', inputs: [file('tags.yaml', manyDirectives(40_000))] },
    { name: 'Fn::Sub strings of 100,000 unclosed ${', inputs: [file('unclosed.json', unclosedSub(100_000))] },
    { name: 'YAML nested 10,000 levels deep', inputs: [file('deep.yaml', deepYaml(10_000))] },
    { name: 'JSON nested 10,000 levels deep', inputs: [file('deep.json', deepJson(10_000))] },
    { name: 'a template of more than 1 MiB', inputs: [file('big.json', { Resources: { Q: { Type: 'AWS::SQS::Queue', Metadata: { x: 'x'.repeat(1024 * 1024) } } } })] },
    {
      name: 'manifest templateFile ../../../dev/zero',
      inputs: [file('zero.out/manifest.json', { version: '36.0.0', artifacts: { S: { type: 'aws:cloudformation:stack', properties: { templateFile: '../../../../../../../../dev/zero' } } } }) && 'zero.out'],
    },
  ];
  if (makeFifo(path.join(dir, 'fifo.out', 'manifest.json'))) cases.push({ name: 'manifest.json that is a FIFO', inputs: ['fifo.out'] });
  file('good.json', GOOD_TEMPLATE);
  return cases;
}

interface Sample { ms: number; rssKiB: number; code: number }

/** One run of `cdk-ha check` in a fresh process, which measures itself. */
function measure(dir: string, inputs: string[]): Sample {
  const script = `
    const { performance } = require('perf_hooks');
    const start = performance.now();
    const code = require(${JSON.stringify(MAIN)}).main(process.argv.slice(1), { stdout() {}, stderr() {} });
    console.log(JSON.stringify({ ms: performance.now() - start, rssKiB: process.resourceUsage().maxRSS, code }));`;
  const run = spawnSync(process.execPath, ['-e', script, 'check', ...inputs, 'good.json', '--format', 'json', '--fail-on', 'never'],
    { cwd: dir, encoding: 'utf-8', timeout: 120_000 });
  if (run.status !== 0) throw new Error(`cdk-ha check ${inputs.join(' ')} failed (${run.signal ?? run.status}):\n${run.stderr}`);
  return JSON.parse(run.stdout.trim().split('\n').pop()!);
}

function main(): number {
  if (!fs.existsSync(MAIN)) {
    console.error('lib/ is missing: run `npx projen compile` first.');
    return 2;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-hostile-bench-'));
  try {
    const cases = generate(dir);
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    console.log(`Machine: ${cpu}, ${os.cpus().length} cores, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}; ${rounds} rounds per case.\n`);
    console.log('Each case is checked with a good template beside it (`good.json`, whose finding must survive).\n');
    console.log('| Case | Exit | Median time | Peak RSS |');
    console.log('|---|---|---|---|');
    const misses: string[] = [];
    for (const c of cases) {
      const samples = Array.from({ length: rounds }, () => measure(dir, c.inputs));
      const ms = samples.map(s => s.ms).sort((a, b) => a - b)[Math.floor(rounds / 2)];
      const rssMiB = Math.max(...samples.map(s => s.rssKiB)) / 1024;
      console.log(`| ${c.name} | ${samples[0].code} | ${Math.round(ms)} ms | ${Math.round(rssMiB)} MiB |`);
      if (c.budget && (ms > BUDGET.ms || rssMiB > BUDGET.rssMiB)) misses.push(`${c.name}: ${Math.round(ms)} ms, ${Math.round(rssMiB)} MiB`);
    }
    console.log(`\nBudget for the large cases: under ${BUDGET.ms} ms and ${BUDGET.rssMiB} MiB each: ${misses.length ? `NOT MET (${misses.join('; ')})` : 'met'}.`);
    return misses.length ? 1 : 0;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

process.exitCode = main();
