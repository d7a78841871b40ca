import type { DataWarning } from '../checks/data-warning';
import { leakageWarnings } from '../checks/leakage';
import { binaryTarget } from '../split/binary-target';
import type { Table } from '../table';
import { categoricalProfile } from './categorical-profile';
import { numericProfile } from './numeric-profile';
import type { ColumnProfile, TableProfile } from './profile-types';

/** The target column to profile against, and which of its values means bad when that is not obvious. */
export interface ProfileTarget {
  column: string;
  badValue?: string | number;
}

function columnWarnings(p: ColumnProfile): DataWarning[] {
  if (p.count === 0) {
    return [
      {
        code: 'COLUMN_ALL_MISSING',
        column: p.name,
        message: `Column "${p.name}" is empty in every row; it will be left out of training.`,
      },
    ];
  }
  if (p.distinctCount === 1) {
    return [
      {
        code: 'COLUMN_CONSTANT',
        column: p.name,
        message: `Column "${p.name}" has the same value in every filled row, so it cannot help the model; consider removing it.`,
      },
    ];
  }
  return [];
}

/**
 * Profiles every column (missing rate, distinct count, statistics and quantiles or top categories, histogram)
 * and, with a target, the bad rate per histogram bin / category plus warnings for empty, constant and leaking columns.
 */
export function profileTable(table: Table, target?: string | ProfileTarget): TableProfile {
  const t = typeof target === 'string' ? { column: target } : target;
  const y = t ? binaryTarget(table, t.column, t.badValue) : undefined;
  const columns = table.columns.map((c) =>
    c.type === 'categorical' ? categoricalProfile(c, y) : numericProfile(c, y),
  );
  const warnings = columns.flatMap(columnWarnings);
  if (t && y) warnings.push(...leakageWarnings(table, t.column, y));
  return {
    version: 1,
    rowCount: table.rowCount,
    ...(t && y ? { target: { name: t.column, badRate: y.reduce((s, v) => s + v, 0) / y.length } } : {}),
    columns,
    warnings,
  };
}
