import { monotoneOf, withMonotone, type Monotone, type MonotoneLists } from '../graph/monotone';

interface MonotonePickerProps {
  /** Columns of the dataset upstream (the target excluded by the caller). */
  columns: readonly string[];
  lists: MonotoneLists;
  readOnly: boolean;
  onCommit: (lists: MonotoneLists) => void;
}

const CHOICES: { value: Monotone; label: string }[] = [
  { value: 'none', label: 'none' },
  { value: 'increasing', label: 'risk rises' },
  { value: 'decreasing', label: 'risk falls' },
];

/**
 * One row per column with its monotone constraint (none, increasing, decreasing), so a regulator's
 * requirement reads as it is written. A constrained column that is no longer upstream stays listed, to be removed.
 */
export function MonotonePicker({ columns, lists, readOnly, onCommit }: MonotonePickerProps) {
  const listed = [...lists.monotoneIncreasing, ...lists.monotoneDecreasing];
  const rows = [...columns, ...listed.filter((c) => !columns.includes(c))];
  if (rows.length === 0)
    return <p className="muted small">Choose the dataset first to constrain its columns.</p>;
  return (
    <table className="monotone-picker" data-testid="monotone-picker">
      <tbody>
        {rows.map((column) => (
          <tr key={column}>
            <td className={columns.includes(column) ? undefined : 'error-text'}>{column}</td>
            <td>
              <select
                aria-label={`Monotone constraint of ${column}`}
                data-testid={`monotone-${column}`}
                disabled={readOnly}
                value={monotoneOf(lists, column)}
                onChange={(e) => onCommit(withMonotone(lists, column, e.target.value as Monotone))}
              >
                {CHOICES.map((c) => (
                  <option key={c.value} value={c.value}>
                    {c.label}
                  </option>
                ))}
              </select>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
