import { dataWarnings, type CheckOptions } from '../checks/column-checks';
import { binaryTarget } from '../split/binary-target';
import type { Table } from '../table';
import { categoricalProfile } from './categorical-profile';
import { numericProfile } from './numeric-profile';
import type { TableProfile } from './profile-types';

/** The target column to profile against, and which of its values means bad when that is not obvious. */
export interface ProfileTarget {
  column: string;
  badValue?: string | number;
}

/**
 * Profiles every column (missing rate, distinct count, statistics and quantiles or top categories, histogram)
 * and, with a target, the bad rate per histogram bin / category plus warnings for empty, constant, near-constant, mostly missing, ID-like and
 * leaking columns and a tiny outcome class.
 */
export function profileTable(
  table: Table,
  target?: string | ProfileTarget,
  checks?: CheckOptions,
): TableProfile {
  const t = typeof target === 'string' ? { column: target } : target;
  const y = t ? binaryTarget(table, t.column, t.badValue) : undefined;
  const columns = table.columns.map((c) =>
    c.type === 'categorical' ? categoricalProfile(c, y) : numericProfile(c, y),
  );
  const warnings = dataWarnings(table, t && y ? { name: t.column, y } : undefined, checks);
  return {
    version: 1,
    rowCount: table.rowCount,
    ...(t && y ? { target: { name: t.column, badRate: y.reduce((s, v) => s + v, 0) / y.length } } : {}),
    columns,
    warnings,
  };
}
