import * as fs from 'fs';
import { parseArgs } from 'util';
import { Objectives, ObjectivesError, readInlineObjectives, readObjectives } from '../checks/objectives/objectives';
import { render, OutputFormat } from '../checks/report';
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

Options:
  --format <text|json|sarif|markdown>  report format (default: text)
  --output <file>                      write the report to this file instead of standard output
  --fail-on <error|warning|never>      exit 1 when unacknowledged findings reach this severity
                                       (default: error)
  --objectives <file | preset | settings>
                                       resilience objectives to judge every stack against, overriding
                                       those the templates declare: a JSON or YAML file, a preset
                                       (mission-critical, business-critical, non-production), or
                                       settings such as preset=business-critical,az.rto=15m,az.rpo=5m
  -h, --help                           show this help
  -v, --version                        show the version

Exit status: 0 when no unacknowledged finding reaches the --fail-on severity, 1 when one does,
2 on a usage error or an input that cannot be read (every other input is still checked).
`;

const FORMATS: readonly OutputFormat[] = ['text', ReportFormat.JSON, ReportFormat.SARIF, ReportFormat.MARKDOWN];
const FAIL_ON: readonly string[] = [FailOn.ERROR, FailOn.WARNING, FailOn.NEVER];

class UsageError extends Error {}

/** `--objectives`: a file, a preset name, or inline settings. */
function objectivesOption(value: string): Objectives {
  try {
    if (fs.existsSync(value) && fs.statSync(value).isFile()) {
      const text = fs.readFileSync(value, 'utf-8');
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const data = /^\s*[{[]/.test(text) ? JSON.parse(text) : (require('yaml') as typeof import('yaml')).parse(text);
      return readObjectives(data, value);
    }
    return readInlineObjectives(value, '--objectives');
  } catch (e) {
    if (e instanceof ObjectivesError) throw new UsageError(e.message);
    throw new UsageError(`--objectives ${value}: ${(e as Error).message.split('\n')[0]}`);
  }
}

/** Runs the `cdk-ha` command; returns its exit status. */
export function main(argv: readonly string[], out: CliOutput = PROCESS_OUTPUT): number {
  try {
    return run(argv, out);
  } catch (e) {
    if (e instanceof UsageError) {
      out.stderr(`cdk-ha: ${e.message}\nRun 'cdk-ha --help' for usage.\n`);
      return 2;
    }
    out.stderr(`cdk-ha: internal error: ${(e as Error).message}\n`);
    return 2;
  }
}

function run(argv: readonly string[], out: CliOutput): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
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
  const { values, positionals } = parsed;
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

  const objectives = values.objectives === undefined ? undefined : objectivesOption(values.objectives);
  const result = checkPaths(inputs, { objectives });
  for (const problem of result.problems) out.stderr(`cdk-ha: ${problem.message}\n`);
  if (result.skipped.length) {
    out.stderr(`cdk-ha: skipped ${result.skipped.length} file(s) that are not CloudFormation templates: ${result.skipped.join(', ')}\n`);
  }
  const report = render(format, result.workloads);
  if (values.output) {
    try {
      fs.writeFileSync(values.output, report);
    } catch (e) {
      out.stderr(`cdk-ha: ${values.output}: cannot write the report (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})\n`);
      return 2;
    }
    out.stdout(`cdk-ha: wrote ${format} report to ${values.output}: ${summaryLine(summarize(result.workloads), stacksOf(result.workloads).length)}\n`);
  } else {
    out.stdout(report);
  }
  if (result.problems.length) return 2;
  const blocking = stacksOf(result.workloads).some(s => s.findings.some(f => isBlocking(f, failOn as FailOn)));
  return blocking ? 1 : 0;
}
