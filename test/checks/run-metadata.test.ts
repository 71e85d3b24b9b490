import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { checkPaths } from '../../src/checks/run';

// Count the files the checks open (fs.openSync cannot be spied on directly).
jest.mock('fs', () => {
  const actual = jest.requireActual('fs');
  return { ...actual, openSync: jest.fn(actual.openSync) };
});

test("checking a cloud assembly reads a stack's metadata file once, for acknowledgements and construct paths alike", () => {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-lazy-'));
  try {
    const app = new App({ outdir });
    new sqs.Queue(new Stack(new Stage(app, 'Prod'), 'Shop'), 'Orders');
    app.synth();
    const reads = fs.openSync as unknown as jest.Mock;
    const metadataReads = () => reads.mock.calls.filter(([file]) => String(file).endsWith('.metadata.json')).length;
    const separateFile = fs.readdirSync(path.join(outdir, 'assembly-Prod')).some(f => f.endsWith('.metadata.json'));
    reads.mockClear();

    const findings = checkPaths([outdir]).workloads.flatMap(w => w.stacks).flatMap(s => s.findings);
    expect(findings.length).toBeGreaterThan(0);
    // Read (not parsed: it records no acknowledgement) to look for CDK's own acknowledgements of the findings.
    const expected = separateFile ? 1 : 0; // aws-cdk-lib versions that keep the metadata in manifest.json have no file to read
    expect(metadataReads()).toBe(expected);
    expect(findings[0].constructPath).toBe('Prod/Shop/Orders/Resource');
    expect(metadataReads()).toBe(expected);
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
});
