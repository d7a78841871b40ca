import type { DataWarning } from '@studio/data';

/**
 * The columns a new graph leaves out by default: ID-like ones and those that leak the outcome. The same rule
 * as packages/data's `columnsToLeaveOut`, restated here because that package's entry point also holds the
 * Node-only CSV reader, which the browser bundle must not pull in.
 */
export function columnsToLeaveOut(warnings: readonly DataWarning[]): string[] {
  return [
    ...new Set(
      warnings.filter((w) => w.code === 'COLUMN_ID_LIKE' || w.code === 'TARGET_LEAKAGE').map((w) => w.column),
    ),
  ];
}
