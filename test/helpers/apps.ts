import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, AppProps } from 'aws-cdk-lib';
import { main } from '../../src/cli/main';

/** An app that synthesizes into a fresh temporary folder, removed by `cleanup()`. */
export function tempApp(props: AppProps = {}): { app: App; outdir: string; cleanup: () => void } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-app-'));
  return { app: new App({ ...props, outdir }), outdir, cleanup: () => fs.rmSync(outdir, { recursive: true, force: true }) };
}

/** A captured run of the command line. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Runs the `cdk-ha` command in-process. */
export function runCli(args: string[]): CliRun {
  let stdout = '';
  let stderr = '';
  const code = main(args, { stdout: t => { stdout += t; }, stderr: t => { stderr += t; } });
  return { code, stdout, stderr };
}

/** The environment without AWS credentials, so that `cdk synth` cannot look anything up. */
export function withoutCredentials(env: NodeJS.ProcessEnv, dir: string): NodeJS.ProcessEnv {
  const kept = Object.fromEntries(Object.entries(env).filter(([k]) => !k.startsWith('AWS_') && !k.startsWith('CDK_DEFAULT_')));
  const none = path.join(dir, 'no-such-file');
  return { ...kept, AWS_SHARED_CREDENTIALS_FILE: none, AWS_CONFIG_FILE: none, AWS_EC2_METADATA_DISABLED: 'true' };
}

/** The message of the error a function throws, or '' when it throws none. */
export function errorOf(fn: () => unknown): string {
  try {
    fn();
    return '';
  } catch (e) {
    return (e as Error).message;
  }
}
