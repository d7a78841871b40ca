import { UserError } from '@studio/ir';
import { fieldText } from './field';
import type { RowFields } from './tokenizer';

/** Column names from the header row; rejects empty and duplicate names with a message saying which. */
export function headerNames(row: RowFields): string[] {
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (let k = 0; k < row.count; k++) {
    const name = fieldText(row.buf, row.starts[k]!, row.ends[k]!, row.flags[k]!).trim();
    if (name === '') {
      throw new UserError(
        'CSV_EMPTY_HEADER',
        `Column ${k + 1} of the header row (line ${row.line}) has no name. Give every column a name in the first row.`,
        { column: k + 1 },
      );
    }
    const prev = seen.get(name);
    if (prev !== undefined) {
      throw new UserError(
        'CSV_DUPLICATE_HEADER',
        `Columns ${prev + 1} and ${k + 1} are both named "${name}". Rename one so every column name is unique.`,
        { name, columns: [prev + 1, k + 1] },
      );
    }
    seen.set(name, k);
    names.push(name);
  }
  return names;
}

/** Throws a user error when a data row has a different number of fields than the header. */
export function assertRowWidth(row: RowFields, expected: number): void {
  if (row.count === expected) return;
  throw new UserError(
    'CSV_RAGGED_ROW',
    `Line ${row.line} has ${row.count} fields but the header has ${expected}. Check that line for a missing or extra comma, or quote values that contain commas.`,
    { line: row.line, expected, found: row.count },
  );
}
