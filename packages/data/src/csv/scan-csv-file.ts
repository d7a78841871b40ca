import { stat } from 'node:fs/promises';
import { UserError } from '@studio/ir';
import { DISTINCT_CAP, type ColumnType, type DatasetSchema } from '../schema';
import { fieldText } from './field';
import { assertRowWidth, headerNames } from './header';
import { streamRows } from './row-source';
import type { RowFields } from './tokenizer';
import { DEFAULT_MISSING_MARKERS, typeBits } from './value-kinds';

/** Options of `scanCsvFile`. */
export interface ScanOptions {
  /** Refuse files larger than this many bytes. */
  maxBytes?: number;
  /** Cell texts that mean "missing"; defaults to `DEFAULT_MISSING_MARKERS`. */
  missingMarkers?: readonly string[];
}

/** Column type from the AND of its cells' type bits (numeric 1, boolean 2, date 4). */
export function typeFromBits(bits: number, nonMissing: number): ColumnType {
  if (nonMissing === 0) return 'categorical';
  if (bits & 1) return 'numeric';
  if (bits & 2) return 'boolean';
  if (bits & 4) return 'date';
  return 'categorical';
}

/** Throws the user error for a CSV with no header or no data rows. */
export function assertHasRows(names: string[] | null, rowCount: number): asserts names is string[] {
  if (names === null) {
    throw new UserError('CSV_EMPTY', 'The file is empty. Upload a CSV whose first row names the columns.');
  }
  if (rowCount === 0) {
    throw new UserError(
      'CSV_NO_ROWS',
      'The file has a header row but no data rows. Upload a CSV with at least one row of data.',
    );
  }
}

/** Streams a CSV file once and infers its row count and, per column, type, missing count and distinct count. */
export async function scanCsvFile(path: string, opts: ScanOptions = {}): Promise<DatasetSchema> {
  const size = (await stat(path)).size;
  if (opts.maxBytes !== undefined && size > opts.maxBytes) {
    throw new UserError(
      'CSV_TOO_LARGE',
      `The file is ${(size / 1e6).toFixed(1)} MB, over the ${(opts.maxBytes / 1e6).toFixed(1)} MB limit. Upload a smaller sample or ask an administrator to raise the limit.`,
      { size, maxBytes: opts.maxBytes },
    );
  }
  const markers = new Set(opts.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  let names: string[] | null = null;
  let rowCount = 0;
  let bits: number[] = [];
  let missing: number[] = [];
  let distinct: Set<string>[] = [];
  let capped: boolean[] = [];
  await streamRows(path, (row: RowFields) => {
    if (names === null) {
      names = headerNames(row);
      bits = names.map(() => 7);
      missing = names.map(() => 0);
      distinct = names.map(() => new Set<string>());
      capped = names.map(() => false);
      return;
    }
    assertRowWidth(row, names.length);
    rowCount++;
    for (let k = 0; k < row.count; k++) {
      const s = row.starts[k]!;
      const e = row.ends[k]!;
      const text = fieldText(row.buf, s, e, row.flags[k]!);
      if (markers.has(text)) {
        missing[k]!++;
        continue;
      }
      bits[k]! &= typeBits(row.buf, s, e, text);
      const set = distinct[k]!;
      if (set.size < DISTINCT_CAP) set.add(text);
      else if (!set.has(text)) capped[k] = true;
    }
  });
  assertHasRows(names, rowCount);
  const header: string[] = names;
  return {
    rowCount,
    columns: header.map((name, k) => ({
      name,
      type: typeFromBits(bits[k]!, rowCount - missing[k]!),
      missingCount: missing[k]!,
      distinctCount: distinct[k]!.size,
      distinctCapped: capped[k]!,
    })),
  };
}
