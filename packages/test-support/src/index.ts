import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/**
 * Helpers every package's and app's tests share (tests only: nothing shipped imports this package).
 * Node only; the browser's tests do not read files.
 */

/** The repository root (this file is packages/test-support/src/index.ts). */
export function repoRoot(): string {
  return join(import.meta.dirname, '..', '..', '..');
}

/** The reference datasets of this machine (`../shared/datasets` beside the repository). */
export type SharedDatasetName = 'german_credit.csv' | 'taiwan_default.csv';

/** Absolute path of a shared reference dataset: German credit (1,000 rows) or Taiwan default (30,000 rows). */
export function sharedDataset(name: SharedDatasetName): string {
  return join(repoRoot(), '..', 'shared', 'datasets', name);
}

let dir: string | null = null;
let n = 0;

/** Writes `content` to a fresh file in this process's temporary folder and returns its path. */
export function tempCsv(content: string | Uint8Array): string {
  dir ??= mkdtempSync(join(tmpdir(), 'studio-test-'));
  const path = join(dir, `t${n++}.csv`);
  writeFileSync(path, content);
  return path;
}
