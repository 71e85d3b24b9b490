import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { checkPaths } from '../../src/checks/run';
import { GOOD_TEMPLATE, writeFile } from '../helpers/hostile-inputs';

// An error no input should cause, in the engine, for the workloads whose name says so.
jest.mock('../../src/checks/engine', () => {
  const actual = jest.requireActual('../../src/checks/engine');
  return {
    ...actual,
    checkWorkload: (workload: { name: string }, ...rest: unknown[]) => {
      if (/explodes/.test(workload.name)) throw new RangeError('Maximum call stack size exceeded\n    at somewhere (internal.js:1:1)');
      return actual.checkWorkload(workload, ...rest);
    },
  };
});

test('an unexpected error checking one input is a problem naming it; the other inputs are still checked', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cdk-ha-isolation-'));
  try {
    const good = writeFile(path.join(dir, 'good.json'), GOOD_TEMPLATE);
    const bad = writeFile(path.join(dir, 'explodes.json'), GOOD_TEMPLATE);
    const folder = path.dirname(writeFile(path.join(dir, 'explodes-too', 'db.json'), GOOD_TEMPLATE));
    const run = checkPaths([bad, good, folder]);
    expect(run.problems.map(p => p.message)).toEqual([
      expect.stringMatching(/explodes\.json: could not be checked \(an internal error: Maximum call stack size exceeded\)$/),
      expect.stringMatching(/explodes-too: could not be checked \(an internal error: Maximum call stack size exceeded\)$/),
    ]);
    expect(run.workloads.flatMap(w => w.stacks).map(s => `${s.stack} ${s.findings.some(f => f.ruleId === 'HA-RDS1')}`)).toEqual(['good true']);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
