import { useEffect, useState, type ReactNode } from 'react';
import type { ParamField } from '@studio/ir';
import type { Dataset } from '@studio/api';

interface FieldInputProps {
  field: ParamField;
  value: unknown;
  readOnly: boolean;
  datasets: readonly Dataset[];
  /** Columns of the dataset this node reads (its own datasetId, or the one upstream), for column pickers. */
  columns: readonly string[];
  onCommit: (value: unknown) => void;
}

/**
 * One inspector control generated from a catalogue field. Text and number inputs commit on Enter or blur,
 * so typing "0.25" is one undo step rather than four.
 */
export function FieldInput({ field, value, readOnly, datasets, columns, onCommit }: FieldInputProps) {
  const id = `field-${field.name}`;
  const testId = `param-${field.name}`;
  switch (field.kind) {
    case 'boolean':
      return (
        <input
          id={id}
          type="checkbox"
          data-testid={testId}
          disabled={readOnly}
          checked={value === true}
          onChange={(e) => onCommit(e.target.checked)}
        />
      );
    case 'enum':
      return (
        <Select id={id} testId={testId} value={String(value ?? '')} readOnly={readOnly} onCommit={onCommit}>
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </Select>
      );
    case 'dataset':
      return (
        <Select id={id} testId={testId} value={String(value ?? '')} readOnly={readOnly} onCommit={onCommit}>
          <option value="">{datasets.length ? 'Choose a dataset…' : 'Upload a dataset first'}</option>
          {datasets.map((d) => (
            <option key={d.id} value={d.id}>
              {d.name} ({d.rowCount} rows)
            </option>
          ))}
        </Select>
      );
    case 'column':
      return (
        <Select id={id} testId={testId} value={String(value ?? '')} readOnly={readOnly} onCommit={onCommit}>
          <option value="">{columns.length ? '(none)' : 'Choose the dataset first'}</option>
          {withCurrent(columns, value).map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </Select>
      );
    case 'columns':
      return (
        <select
          id={id}
          multiple
          data-testid={testId}
          disabled={readOnly}
          value={Array.isArray(value) ? value.map(String) : []}
          onChange={(e) => onCommit([...e.target.selectedOptions].map((o) => o.value))}
          size={Math.min(8, Math.max(3, columns.length))}
        >
          {columns.map((c) => (
            <option key={c} value={c}>
              {c}
            </option>
          ))}
        </select>
      );
    case 'search-space':
      // A Tune node's space needs the model it is attached to; the inspector renders SearchSpaceEditor for it.
      return null;
    case 'number':
    case 'integer':
    case 'string':
      return <TextField id={id} field={field} value={value} readOnly={readOnly} onCommit={onCommit} />;
  }
}

// A saved value that is no longer among the columns must stay visible, not silently show as "(none)".
function withCurrent(columns: readonly string[], value: unknown): string[] {
  return typeof value === 'string' && value && !columns.includes(value) ? [...columns, value] : [...columns];
}

function Select(props: {
  id: string;
  testId: string;
  value: string;
  readOnly: boolean;
  onCommit: (v: unknown) => void;
  children: ReactNode;
}) {
  return (
    <select
      id={props.id}
      data-testid={props.testId}
      disabled={props.readOnly}
      value={props.value}
      onChange={(e) => props.onCommit(e.target.value)}
    >
      {props.children}
    </select>
  );
}

function TextField(props: {
  id: string;
  field: ParamField;
  value: unknown;
  readOnly: boolean;
  onCommit: (v: unknown) => void;
}) {
  const { field, value } = props;
  const shown = value === undefined || value === null ? '' : String(value);
  const [draft, setDraft] = useState(shown);
  // Undo, redo or another node's selection replaces the value from outside; show it.
  useEffect(() => setDraft(shown), [shown]);
  const numeric = field.kind !== 'string';
  const commit = () => {
    if (draft === shown) return;
    if (!numeric) return props.onCommit(draft);
    const n = Number(draft);
    // An unparsable number is kept as text so validation names the problem instead of us dropping the edit.
    props.onCommit(draft.trim() !== '' && Number.isFinite(n) ? n : draft);
  };
  return (
    <input
      id={props.id}
      data-testid={`param-${field.name}`}
      type={numeric ? 'number' : 'text'}
      inputMode={numeric ? 'decimal' : undefined}
      min={field.min}
      max={field.max}
      step={field.step ?? (field.kind === 'integer' ? 1 : 'any')}
      placeholder={numeric ? undefined : String(field.default)}
      readOnly={props.readOnly}
      value={draft}
      onChange={(e) => setDraft(e.target.value)}
      onBlur={commit}
      onKeyDown={(e) => {
        if (e.key === 'Enter') commit();
        if (e.key === 'Escape') setDraft(shown);
      }}
    />
  );
}
