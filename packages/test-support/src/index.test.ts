import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { pinnedMismatches, repoRoot, sharedDataset, tempCsv } from './index';

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

  it('lists the cases that differ from a pinned JSON, and cases on one side only', () => {
    const path = tempCsv(JSON.stringify({ note: 'n', results: { a: [1, 0.1], b: { x: null }, gone: 1 } }));
    expect(pinnedMismatches({ a: [1, 0.1], b: { x: Infinity }, gone: 1 }, path)).toEqual([]);
    expect(pinnedMismatches({ a: [1, 0.1], b: { x: 2 }, added: 0 }, path)).toEqual([
      { key: 'b', actual: { x: 2 }, pinned: { x: null } },
      { key: 'gone', actual: undefined, pinned: 1 },
      { key: 'added', actual: 0, pinned: undefined },
    ]);
  });
});
