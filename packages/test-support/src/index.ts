import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { isDeepStrictEqual } from 'node:util';

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

/**
 * German-credit columns a Dataset node leaves out so that a network reads 8 of the 20 columns: few enough for
 * exact Shapley values (every coalition) in the reason-code tests.
 */
export const GERMAN_EXACT_SHAPLEY_EXCLUDED: readonly string[] = [
  'present_employment_since',
  'installment_rate_in_percentage_of_disposable_income',
  'personal_status_and_sex',
  'other_debtors_or_guarantors',
  'present_residence_since',
  'property',
  'other_installment_plans',
  'housing',
  'number_of_existing_credits_at_this_bank',
  'job',
  'number_of_people_being_liable_to_provide_maintenance_for',
  'telephone',
];

/**
 * The cases of `results` (through JSON, as written) that differ from the `results` of the pinned JSON file at
 * `path` (written by an earlier implementation), each with both values; a case on one side only counts too.
 * Empty when every case agrees exactly.
 */
export function pinnedMismatches(
  results: Record<string, unknown>,
  path: string,
): { key: string; actual: unknown; pinned: unknown }[] {
  const pinned = (JSON.parse(readFileSync(path, 'utf8')) as { results: Record<string, unknown> }).results;
  const actual = JSON.parse(JSON.stringify(results)) as Record<string, unknown>;
  return [...new Set([...Object.keys(pinned), ...Object.keys(actual)])]
    .filter((key) => !isDeepStrictEqual(actual[key], pinned[key]))
    .map((key) => ({ key, actual: actual[key], pinned: pinned[key] }));
}
