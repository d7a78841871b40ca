import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { repoRoot, sharedDataset, tempCsv } from './index';

describe('test support', () => {
  it('finds the repository root and the shared datasets beside it', () => {
    expect(existsSync(`${repoRoot()}/pnpm-workspace.yaml`)).toBe(true);
    for (const name of ['german_credit.csv', 'taiwan_default.csv'] as const) {
      const path = sharedDataset(name);
      expect(existsSync(path), path).toBe(true);
      expect(readFileSync(path, 'utf8').slice(0, 200)).toContain(',');
    }
  });

  it('writes each tempCsv to its own file', () => {
    const a = tempCsv('a,b\n1,2\n');
    const b = tempCsv(new Uint8Array([0x78, 0x0a]));
    expect(a).not.toBe(b);
    expect(readFileSync(a, 'utf8')).toBe('a,b\n1,2\n');
    expect(readFileSync(b, 'utf8')).toBe('x\n');
  });
});
