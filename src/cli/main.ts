import * as fs from 'fs';
import { parseArgs } from 'util';
import { readInputFile, TemplateError } from '../checks/model/input-files';
import { MAX_RESOURCES, MAX_TEMPLATE_BYTES, MAX_VALUE_DEPTH } from '../checks/model/limits';
import { MAX_EVALUATION_DEPTH } from '../checks/model/values';
import { Objectives, ObjectivesError, PRESETS, readInlineObjectives, readObjectives } from '../checks/objectives/objectives';
import { render, OutputFormat, writeReportFile } from '../checks/report';
import { printable } from '../checks/report/printable';
import { isBlocking, stacksOf, summarize } from '../checks/report/summary';
import { summaryLine } from '../checks/report/text';
import { checkPaths } from '../checks/run';
import { FailOn, ReportFormat } from '../checks/types';
import { toolVersion } from '../checks/version';

/** Where the command writes. */
export interface CliOutput {
  stdout(text: string): void;
  stderr(text: string): void;
}

const PROCESS_OUTPUT: CliOutput = {
  stdout: text => process.stdout.write(text),
  stderr: text => process.stderr.write(text),
};

export const USAGE = `Usage: cdk-ha check <template | cdk.out | folder>... [options]

Checks CloudFormation templates (JSON or YAML) and CDK cloud assemblies for single points
of failure and missing failover, backup and recovery settings.

Options (each at most once):
  --format <text|json|sarif|markdown|codequality>
                                       report format (default: text); codequality is GitLab's
                                       code quality report (artifacts:reports:codequality)
  --output <file | ->                  write the report to this file (a symbolic link is not
                                       followed) instead of standard output (-, the default)
  --fail-on <error|warning|never>      exit 1 when unacknowledged findings reach this severity
                                       (default: error)
  --objectives <file | preset | settings>
                                       resilience objectives to judge every stack against, overriding
                                       those the templates declare: a JSON or YAML file, a preset
                                       (mission-critical, business-critical, non-production), or
                                       settings such as preset=business-critical,az.rto=15m,az.rpo=5m
  -h, --help                           show this help
  -v, --version                        show the version

Inputs are read as CloudFormation reads them, within its limits: a template of at most
${MAX_TEMPLATE_BYTES} bytes (1 MiB) and ${MAX_RESOURCES} resources once Fn::ForEach loops are
expanded; YAML without aliases, merge keys (<<) or the !!binary, !!omap, !!pairs, !!set and
!!timestamp tags; no key twice in one mapping. cdk-ha reads values nested at most ${MAX_VALUE_DEPTH}
levels deep and follows intrinsic functions ${MAX_EVALUATION_DEPTH} levels deep (deeper, a value is
undecided). Files that a cloud assembly's manifest names must be inside the assembly. In a folder,
files that are not templates are skipped and counted; symbolic links are followed once, within
the folder.

Exit status:
  0  no unacknowledged finding reaches the --fail-on severity
  1  one does
  2  a usage error, or an input that cannot be read, is past a limit or holds no template: each
     gets one line on standard error, and every other input is still checked and reported
`;

const FORMATS: readonly OutputFormat[] = ['text', ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.MARKDOWN, 'codequality'];
const FAIL_ON: readonly string[] = [FailOn.ERROR, FailOn.WARNING, FailOn.NEVER];
/** The largest objectives file read. */
const MAX_OBJECTIVES_BYTES = 1024 * 1024;

class UsageError extends Error {}

/** `--objectives`: a file, a preset name, or inline settings; it must declare an objective that can be judged. */
function objectivesOption(value: string): Objectives {
  const example = `a preset (${Object.keys(PRESETS).join(', ')}), a file, or settings such as az.rto=15m,az.rpo=5m`;
  if (value.split(',').every(part => part.trim() === '')) throw new UsageError(`--objectives is empty: give ${example}`);
  let objectives: Objectives;
  try {
    if (fs.existsSync(value) || (!/[=,]/.test(value) && /[\\/]|\.(json|ya?ml)$/i.test(value))) {
      objectives = readObjectives(objectivesFile(value), value);
    } else {
      objectives = readInlineObjectives(value, '--objectives');
    }
  } catch (e) {
    if (e instanceof ObjectivesError) throw new UsageError(e.message);
    if (e instanceof TemplateError) throw new UsageError(`--objectives ${e.message}`);
    throw new UsageError(`--objectives ${value}: ${(e as Error).message.split('\n')[0]}`);
  }
  const judged = objectives.availabilityPercent !== undefined || objectives.instance || objectives.az || objectives.region
    || objectives.surviveRegionFailure || objectives.tier === 'non-production';
  if (!judged) throw new UsageError(`--objectives ${value} declares no objective: give ${example}`);
  if (objectives.surviveRegionFailure && (objectives.region?.rtoSeconds === undefined || objectives.region?.rpoSeconds === undefined)) {
    throw new UsageError(`--objectives ${value}: surviving a Region failure (region=yes) needs the Region's recovery objectives: `
      + 'add region.rto and region.rpo (for example region=yes,region.rto=4h,region.rpo=1h), or use a preset');
  }
  return objectives;
}

/** An objectives file's data: JSON, or YAML without aliases (as templates are read). */
function objectivesFile(file: string): unknown {
  const text = readInputFile(file, { shownAs: file, maxBytes: MAX_OBJECTIVES_BYTES, what: 'objectives file' });
  if (/^\s*[{[]/.test(text)) return JSON.parse(text);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('yaml') as typeof import('yaml')).parse(text, { maxAliasCount: 0, logLevel: 'error' });
}

/** Runs the `cdk-ha` command; returns its exit status. */
export function main(argv: readonly string[], out: CliOutput = PROCESS_OUTPUT): number {
  try {
    return run(argv, out);
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`cdk-ha: ${printable(e.message)}\nRun 'cdk-ha --help' for usage.\n`);
      return 2;
    }
    out.stderr(`cdk-ha: internal error: ${printable(String((e as Error)?.message ?? e).split('\n')[0])}\n`);
    return 2;
  }
}

function run(argv: readonly string[], out: CliOutput): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      tokens: true,
      options: {
        'format': { type: 'string' },
        'output': { type: 'string' },
        'fail-on': { type: 'string' },
        'objectives': { type: 'string' },
        'help': { type: 'boolean', short: 'h' },
        'version': { type: 'boolean', short: 'v' },
      },
    });
  } catch (e) {
    throw new UsageError((e as Error).message.split('\n')[0]);
  }
  const { values, positionals, tokens } = parsed;
  // parseArgs keeps the last of a repeated option: a second --output or --format is more likely a mistake.
  const given = new Map<string, number>();
  for (const token of tokens) if (token.kind === 'option') given.set(token.name, (given.get(token.name) ?? 0) + 1);
  for (const [name, count] of given) if (count > 1) throw new UsageError(`--${name} is given ${count} times: give it once`);
  if (values.help) {
    out.stdout(USAGE);
    return 0;
  }
  if (values.version) {
    out.stdout(`${toolVersion()}\n`);
    return 0;
  }
  const [command, ...inputs] = positionals;
  if (command === undefined) throw new UsageError('no command given: use `cdk-ha check <template | cdk.out | folder>...`');
  if (command !== 'check') throw new UsageError(`unknown command '${command}': the only command is 'check'`);
  if (inputs.length === 0) throw new UsageError('check needs at least one template, cdk.out or folder');
  const format = (values.format ?? 'text') as OutputFormat;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, not '${values.format}'`);
  const failOn = values['fail-on'] ?? FailOn.ERROR;
  if (!FAIL_ON.includes(failOn)) throw new UsageError(`--fail-on must be one of ${FAIL_ON.join(', ')}, not '${failOn}'`);
  if (values.output === '') throw new UsageError('--output needs a file name, or - for standard output');
  const output = values.output === '-' ? undefined : values.output;

  const objectives = values.objectives === undefined ? undefined : objectivesOption(values.objectives);
  const result = checkPaths(inputs, { objectives });
  for (const problem of result.problems) out.stderr(`cdk-ha: ${printable(problem.message)}\n`);
  if (result.skipped.length) {
    out.stderr(`cdk-ha: skipped ${result.skipped.length} file(s) that are not CloudFormation templates: ${printable(result.skipped.join(', '))}\n`);
  }
  const report = render(format, result.workloads);
  if (output !== undefined) {
    const problem = writeReportFile(output, report);
    if (problem) {
      out.stderr(`cdk-ha: ${printable(output)}: cannot write the report (${problem})\n`);
      return 2;
    }
    out.stdout(`cdk-ha: wrote ${format} report to ${printable(output)}: ${summaryLine(summarize(result.workloads), stacksOf(result.workloads).length)}\n`);
  } else {
    out.stdout(report);
  }
  if (result.problems.length) return 2;
  const blocking = stacksOf(result.workloads).some(s => s.findings.some(f => isBlocking(f, failOn as FailOn)));
  return blocking ? 1 : 0;
}
