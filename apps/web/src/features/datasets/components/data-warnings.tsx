import type { DataWarning } from '@studio/data';

const TITLES: Record<DataWarning['code'], string> = {
  COLUMN_ALL_MISSING: 'All missing',
  COLUMN_CONSTANT: 'Constant',
  COLUMN_NEAR_CONSTANT: 'Nearly constant',
  COLUMN_MOSTLY_MISSING: 'Mostly missing',
  COLUMN_ID_LIKE: 'Looks like an ID',
  TARGET_LEAKAGE: 'Possible leakage',
  TARGET_TINY_CLASS: 'Too few cases',
  UNSEEN_CATEGORY: 'Unseen category',
};

/** The profile's data warnings (empty, constant, ID-like columns, leakage, tiny classes), each naming its column. */
export function DataWarnings({ warnings }: { warnings: readonly DataWarning[] }) {
  if (warnings.length === 0)
    return (
      <p className="muted small" data-testid="no-warnings">
        No data warnings.
      </p>
    );
  return (
    <ul className="notice warn warnings" data-testid="data-warnings">
      {warnings.map((w) => (
        <li key={`${w.code}-${w.column}`} data-testid="data-warning" data-code={w.code}>
          <strong>{TITLES[w.code] ?? w.code}</strong> · <code>{w.column}</code>: {w.message}
        </li>
      ))}
    </ul>
  );
}
