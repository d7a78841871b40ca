import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const dir = mkdtempSync(join(tmpdir(), 'studio-data-test-'));
let n = 0;

/** Writes `content` to a fresh temporary file and returns its path (tests only). */
export function tempCsv(content: string | Uint8Array): string {
  const path = join(dir, `t${n++}.csv`);
  writeFileSync(path, content);
  return path;
}

/** Absolute path of a shared reference dataset. */
export function datasetPath(name: 'german_credit.csv' | 'taiwan_default.csv'): string {
  return join(import.meta.dirname, '../../../../../shared/datasets', name);
}
