import type { Column, Table } from '../table';
import type { DataWarning } from './data-warning';

/** Whether the column has any value (stops at the first one). */
function hasAnyValue(c: Column): boolean {
  if (c.type === 'categorical') {
    const codes = c.codes;
    for (let i = 0; i < codes.length; i++) if (codes[i]! >= 0) return true;
    return false;
  }
  const values = c.values;
  for (let i = 0; i < values.length; i++) if (values[i] === values[i]) return true;
  return false;
}

/** Drops columns with no values at all, returning the smaller table and one warning per dropped column. */
export function dropAllMissingColumns(table: Table): { table: Table; warnings: DataWarning[] } {
  const warnings: DataWarning[] = [];
  const columns = table.columns.filter((c) => {
    if (hasAnyValue(c)) return true;
    warnings.push({
      code: 'COLUMN_ALL_MISSING',
      column: c.name,
      message: `Column "${c.name}" is empty in every row, so it was left out. Check the export if it should have values.`,
    });
    return false;
  });
  return { table: { rowCount: table.rowCount, columns }, warnings };
}
