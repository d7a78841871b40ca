import type { DataWarning } from '../checks/data-warning';

/** Quantiles reported for every numeric column. */
export interface Quantiles {
  p1: number;
  p5: number;
  p25: number;
  p50: number;
  p75: number;
  p95: number;
  p99: number;
}

/** One histogram bin [lower, upper) (the last bin includes its upper edge). */
export interface HistogramBin {
  lower: number;
  upper: number;
  count: number;
  /** Share of bads among the bin's rows (null for an empty bin); present when a target was given. */
  badRate?: number | null;
}

/** Profile of a numeric, boolean (0/1) or date (epoch ms) column. */
export interface NumericProfile {
  name: string;
  type: 'numeric' | 'boolean' | 'date';
  count: number;
  missingCount: number;
  missingRate: number;
  /** Distinct values, counted up to DISTINCT_CAP. */
  distinctCount: number;
  /** True when `distinctCount` stopped at the cap: there are at least that many (show "≥ N"). */
  distinctCapped?: boolean;
  /** Statistics are null when the column has no values (std also with a single value): JSON has no NaN. */
  min: number | null;
  max: number | null;
  mean: number | null;
  /** Sample standard deviation (n − 1), as pandas reports it. */
  std: number | null;
  quantiles: Quantiles | null;
  histogram: HistogramBin[];
  /** Bad rate among rows where this column is missing (null when none are); present with a target. */
  missingBadRate?: number | null;
}

/** One category and how often it occurs. */
export interface CategoryCount {
  value: string;
  count: number;
  badRate?: number;
}

/** Profile of a categorical column. */
export interface CategoricalProfile {
  name: string;
  type: 'categorical';
  count: number;
  missingCount: number;
  missingRate: number;
  distinctCount: number;
  /** Most frequent categories, largest first. */
  top: CategoryCount[];
  /** Rows in categories beyond `top`. */
  otherCount: number;
  missingBadRate?: number | null;
}

/** Profile of one column. */
export type ColumnProfile = NumericProfile | CategoricalProfile;

/** Profile of a whole table, with the target's bad rate and data warnings when a target was given. */
export interface TableProfile {
  version: 1;
  rowCount: number;
  target?: { name: string; badRate: number };
  columns: ColumnProfile[];
  warnings: DataWarning[];
}
