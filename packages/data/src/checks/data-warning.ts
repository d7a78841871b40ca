/** Codes of the data warnings, in the order the profile lists them. */
export const DATA_WARNING_CODES = [
  'COLUMN_ALL_MISSING',
  'COLUMN_CONSTANT',
  'COLUMN_NEAR_CONSTANT',
  'COLUMN_MOSTLY_MISSING',
  'COLUMN_ID_LIKE',
  'TARGET_LEAKAGE',
  'TARGET_TINY_CLASS',
  'UNSEEN_CATEGORY',
] as const;
export type DataWarningCode = (typeof DATA_WARNING_CODES)[number];

/** Codes whose columns a template leaves out by default: they make a model look good and fail in production. */
export const EXCLUDED_BY_DEFAULT: readonly DataWarningCode[] = ['COLUMN_ID_LIKE', 'TARGET_LEAKAGE'];

/** A problem worth showing the analyst that does not stop the run (the affected column is named). */
export interface DataWarning {
  code: DataWarningCode;
  column: string;
  message: string;
  details?: Record<string, unknown>;
}
