import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isErrorCode, RUN_WARNING_CODES } from '@studio/api';
import { repoRoot } from './repo-paths';

/** Source files of the server, the packages and the native engine (tests and generated code left out). */
function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (!['node_modules', 'build', 'dist', 'generated'].includes(entry.name)) sources(p, out);
    } else if (/\.(ts|mjs|cpp|h)$/.test(entry.name) && !/\.test\.ts$/.test(entry.name)) out.push(p);
  }
  return out;
}

// `new XError('CODE'`, `userError('CODE'`, `HttpUserError(409, 'CODE'`, `code: 'CODE'` — the code literals thrown.
const THROWN =
  /(?:\w*Error\(\s*(?:\d+\s*,\s*)?|code:\s*|code\s*=\s*|CODE\s*=\s*)['"]([A-Z][A-Z0-9_]{2,})['"]/g;

describe('error codes', () => {
  it('every code the server, the packages and the engine throw is listed in @studio/api', () => {
    const root = repoRoot;
    const files = [
      ...sources(join(root, 'apps/server/src')),
      ...sources(join(root, 'packages')),
      ...sources(join(root, 'native/src')),
    ];
    const warnings = new Set<string>(RUN_WARNING_CODES);
    const unlisted = new Set<string>();
    let seen = 0;
    for (const f of files) {
      for (const m of readFileSync(f, 'utf8').matchAll(THROWN)) {
        seen++;
        const code = m[1]!;
        // TEST_* codes belong to test support and never reach a response.
        if (!isErrorCode(code) && !warnings.has(code) && !code.startsWith('TEST_'))
          unlisted.add(`${code} (${f.slice(root.length + 1)})`);
      }
    }
    expect(seen).toBeGreaterThan(150);
    expect([...unlisted]).toEqual([]);
  });
});
