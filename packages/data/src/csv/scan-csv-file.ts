import { stat } from 'node:fs/promises';
import { UserError } from '@studio/ir';
import type { DatasetSchema } from '../schema';
import { withFileErrors } from './read-failure';
import { streamRows } from './row-source';
import { SchemaAccumulator } from './schema-accumulator';
import { DEFAULT_MISSING_MARKERS } from './value-kinds';

/** Options of `scanCsvFile`. */
export interface ScanOptions {
  /** Refuse files larger than this many bytes. */
  maxBytes?: number;
  /** Cell texts that mean "missing"; defaults to `DEFAULT_MISSING_MARKERS`. */
  missingMarkers?: readonly string[];
}

/** Streams a CSV file once and infers its row count and, per column, type, missing count and distinct count. */
export async function scanCsvFile(path: string, opts: ScanOptions = {}): Promise<DatasetSchema> {
  return withFileErrors(path, () => scan(path, opts));
}

async function scan(path: string, opts: ScanOptions): Promise<DatasetSchema> {
  const size = (await stat(path)).size;
  if (opts.maxBytes !== undefined && size > opts.maxBytes) {
    throw new UserError(
      'CSV_TOO_LARGE',
      `The file is ${(size / 1e6).toFixed(1)} MB, over the ${(opts.maxBytes / 1e6).toFixed(1)} MB limit. Upload a smaller sample or ask an administrator to raise the limit.`,
      { size, maxBytes: opts.maxBytes },
    );
  }
  const acc = new SchemaAccumulator(new Set(opts.missingMarkers ?? DEFAULT_MISSING_MARKERS));
  await streamRows(path, acc.add);
  return acc.result();
}
