import * as fs from 'fs';
import * as path from 'path';
import { RuleCases } from './cases';

/** Every RuleCases exported by the `<area>.cases.ts` files of this folder. */
export function allCases(): RuleCases[] {
  return fs.readdirSync(__dirname)
    .filter(f => f.endsWith('.cases.ts'))
    .sort()
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    .flatMap(f => Object.values(require(path.join(__dirname, f)) as Record<string, unknown>))
    .filter((v): v is RuleCases[] => Array.isArray(v) && v.every(x => x && typeof x === 'object' && 'rule' in x && 'compliant' in x))
    .flat();
}
