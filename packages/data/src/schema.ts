/** The logical type of a column, inferred from its values or set by the user. */
export type ColumnType = 'numeric' | 'categorical' | 'boolean' | 'date';

/** What a scan learns about one column. */
export interface ColumnSchema {
  name: string;
  type: ColumnType;
  missingCount: number;
  /** Distinct non-missing values (numbers compared as numbers, so "1" and "1.0" are one), counted up to `DISTINCT_CAP`. */
  distinctCount: number;
  /** True when `distinctCount` stopped at the cap. */
  distinctCapped: boolean;
}

/** What a scan learns about a whole CSV file. */
export interface DatasetSchema {
  rowCount: number;
  columns: ColumnSchema[];
}

/** Distinct values are counted up to this many per column. */
export const DISTINCT_CAP = 10_000;
