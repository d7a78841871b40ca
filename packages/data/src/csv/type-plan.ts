import { UserError } from '@studio/ir';
import type { ColumnType } from '../schema';
import type { ReadCsvOptions } from './read-csv';

/** Column types (overrides applied, unknown override names refused) and a row-count estimate for a file of `size` bytes. */
export function typePlan(
  sample: Sample,
  opts: ReadCsvOptions,
  size: number,
): { types: ColumnType[]; isForced: boolean[]; estimate: number } {
  const forced = opts.types ?? {};
  for (const name of Object.keys(forced)) {
    if (!sample.names.includes(name)) {
      throw new UserError(
        'COLUMN_NOT_FOUND',
        `A type is set for column "${name}", which the file does not have.`,
        {
          name,
        },
      );
    }
  }
  const types = sample.names.map((n, k) => forced[n] ?? sample.types[k]!);
  const isForced = sample.names.map((n) => forced[n] !== undefined);
  const estimate = Math.ceil((size / Math.max(sample.bytes, 1)) * Math.max(sample.rows, 1) * 1.1) + 16;
  return { types, isForced, estimate };
}

/** The type sample of a file: its column names and types, rows and bytes (and with `record`, its numbers). */
export interface Sample {
  names: string[];
  types: ColumnType[];
  rows: number;
  bytes: number;
  /** With `record`: the sampled rows' cells as numbers (row-major), where they end in the file, the next line. */
  recorded?: { values: Float64Array; stride: number; rows: number; end: number; line: number };
}

/** The user error for a cell that contradicts its column's set type. */
export function badValueError(name: string, type: ColumnType, line: number, text: string): UserError {
  return new UserError(
    'CSV_BAD_VALUE',
    `Column "${name}" is set to ${type} but line ${line} has "${text}". Set the column to categorical, or fix or blank that value.`,
    { column: name, line, value: text },
  );
}
