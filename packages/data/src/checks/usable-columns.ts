import type { Column, Table } from '../table';
import type { DataWarning } from './data-warning';

function presentCount(c: Column): number {
  let n = 0;
  if (c.type === 'categorical') {
    for (const v of c.codes) if (v >= 0) n++;
  } else for (const v of c.values) if (!Number.isNaN(v)) n++;
  return n;
}

/** Drops columns with no values at all, returning the smaller table and one warning per dropped column. */
export function dropAllMissingColumns(table: Table): { table: Table; warnings: DataWarning[] } {
  const warnings: DataWarning[] = [];
  const columns = table.columns.filter((c) => {
    if (presentCount(c) > 0) return true;
    warnings.push({
      code: 'COLUMN_ALL_MISSING',
      column: c.name,
      message: `Column "${c.name}" is empty in every row, so it was left out. Check the export if it should have values.`,
    });
    return false;
  });
  return { table: { rowCount: table.rowCount, columns }, warnings };
}
