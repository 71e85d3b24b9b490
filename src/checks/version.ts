import * as fs from 'fs';
import * as path from 'path';

let cached: string | undefined;

/** This package's version, from its package.json. */
export function toolVersion(): string {
  if (cached) return cached;
  for (let dir = __dirname; ; dir = path.dirname(dir)) {
    const file = path.join(dir, 'package.json');
    if (fs.existsSync(file)) {
      const pkg = JSON.parse(fs.readFileSync(file, 'utf-8'));
      if (pkg.name === 'cdk-ha') return cached = pkg.version;
    }
    if (path.dirname(dir) === dir) return cached = '0.0.0';
  }
}

export const TOOL_NAME = 'cdk-ha';
export const TOOL_URL = 'https://github.com/cdk-ha/cdk-ha';
