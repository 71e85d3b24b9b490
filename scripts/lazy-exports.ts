/**
 * Makes the compiled entry point load each module on first use: `lazy-exports.ts lib/index.js`.
 *
 * `src/index.ts` re-exports every module (jsii reads the exports from it), and TypeScript compiles
 * that to `__exportStar(require('./x'), exports)`, which loads the whole library, the building
 * blocks with the aws-cdk-lib modules they use included, for an app that only wants the checks.
 * This step replaces each of those lines with one getter per exported name, as aws-cdk-lib does
 * for its own modules. The names are read from the compiled modules, so the exports stay the same.
 * Running it again changes nothing.
 */
import * as fs from 'fs';
import * as path from 'path';

const RE_EXPORT = /^__exportStar\(require\("(\.[^"]+)"\), exports\);$/gm;

function lazyExports(file: string): void {
  const text = fs.readFileSync(file, 'utf-8');
  const seen = new Set<string>();
  let changed = false;
  const rewritten = text.replace(RE_EXPORT, (_, module: string) => {
    changed = true;
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const names = Object.keys(require(path.resolve(path.dirname(file), module))).filter(n => n !== '__esModule' && n !== 'default');
    return names.filter(n => !seen.has(n) && seen.add(n)).map(n =>
      `Object.defineProperty(exports, ${JSON.stringify(n)}, { enumerable: true, configurable: true, get: function () { return require(${JSON.stringify(module)}).${n}; } });`,
    ).join('\n');
  });
  if (!changed) return;
  // The source map no longer matches the lines, and there is no logic left to map.
  fs.writeFileSync(file, rewritten.replace(/^\/\/# sourceMappingURL=.*$/m, '').trimEnd() + '\n');
}

const target = process.argv[2];
if (!target) {
  process.stderr.write('usage: lazy-exports.ts <compiled entry point, e.g. lib/index.js>\n');
  process.exit(2);
}
lazyExports(path.resolve(target));
