/** A problem worth showing the analyst that does not stop the run (the affected column is named). */
export interface DataWarning {
  code: 'COLUMN_ALL_MISSING' | 'COLUMN_CONSTANT' | 'TARGET_LEAKAGE' | 'UNSEEN_CATEGORY';
  column: string;
  message: string;
  details?: Record<string, unknown>;
}
