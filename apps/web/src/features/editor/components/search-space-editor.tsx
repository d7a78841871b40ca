import { useEffect, useState } from 'react';
import {
  effectiveSearchSpace,
  FAMILY_TITLE,
  tunableParams,
  type SearchDimension,
  type TunableFamily,
  type TunableParam,
} from '@studio/ir';
import { editSpace, formatChoices, parseChoices, startingDimension } from '../graph/search-space';

interface SearchSpaceEditorProps {
  /** The family of the model the Tune node is attached to; null while it is not attached. */
  family: TunableFamily | null;
  value: readonly SearchDimension[];
  readOnly: boolean;
  onCommit: (space: SearchDimension[]) => void;
}

/**
 * One row per parameter of the attached model: searched or not, and its range (min, max, linear or log
 * scale) or its choices. An empty space searches the model's defaults, shown as such until one is edited.
 */
export function SearchSpaceEditor({ family, value, readOnly, onCommit }: SearchSpaceEditorProps) {
  if (family === null)
    return (
      <p className="muted small" data-testid="search-space-editor">
        Connect a model&apos;s output to this node to choose what it searches.
      </p>
    );
  const space = effectiveSearchSpace(family, value);
  const edit = (param: string, next: SearchDimension | null) =>
    onCommit(editSpace(family, value, param, next));
  return (
    <div data-testid="search-space-editor">
      <p className="small muted" style={{ margin: '0 0 4px' }}>
        {value.length === 0
          ? `The default space for ${FAMILY_TITLE[family]}; edit a row to change it.`
          : `Your own space for ${FAMILY_TITLE[family]}.`}{' '}
        {value.length > 0 && !readOnly && (
          <button type="button" className="link" data-testid="search-reset" onClick={() => onCommit([])}>
            Reset to defaults
          </button>
        )}
      </p>
      <div className="search-space">
        {tunableParams(family).map((t) => (
          <SearchRow
            key={t.param}
            tunable={t}
            dimension={space.find((d) => d.param === t.param) ?? null}
            readOnly={readOnly}
            onToggle={(on) => edit(t.param, on ? startingDimension(family, t) : null)}
            onChange={(d) => edit(t.param, d)}
          />
        ))}
      </div>
    </div>
  );
}

function SearchRow(props: {
  tunable: TunableParam;
  dimension: SearchDimension | null;
  readOnly: boolean;
  onToggle: (on: boolean) => void;
  onChange: (d: SearchDimension) => void;
}) {
  const { tunable: t, dimension: d, readOnly, onChange } = props;
  const numeric = t.field.kind !== 'enum';
  return (
    <div className="search-row" data-testid={`search-row-${t.param}`}>
      <label className="search-param">
        <input
          type="checkbox"
          data-testid={`search-on-${t.param}`}
          checked={d !== null}
          disabled={readOnly}
          onChange={(e) => props.onToggle(e.target.checked)}
        />{' '}
        {t.param}
      </label>
      {d === null ? (
        <span className="muted small">the model&apos;s own value</span>
      ) : (
        <>
          {numeric && (
            <select
              aria-label={`How ${t.param} is searched`}
              data-testid={`search-type-${t.param}`}
              disabled={readOnly}
              value={d.type}
              onChange={(e) =>
                onChange(
                  e.target.value === 'choice'
                    ? {
                        param: t.param,
                        type: 'choice',
                        values: d.type === 'range' ? [d.min, d.max] : d.values,
                      }
                    : {
                        param: t.param,
                        type: 'range',
                        min: Number(d.type === 'choice' ? d.values[0] : 0) || 0,
                        max: Number(d.type === 'choice' ? d.values.at(-1) : 1) || 1,
                        scale: 'linear',
                      },
                )
              }
            >
              <option value="range">range</option>
              <option value="choice">choices</option>
            </select>
          )}
          {d.type === 'range' ? (
            <>
              <NumberCell
                label={`Lowest ${t.param}`}
                testId={`search-min-${t.param}`}
                value={d.min}
                readOnly={readOnly}
                onCommit={(min) => onChange({ ...d, min })}
              />
              {' to '}
              <NumberCell
                label={`Highest ${t.param}`}
                testId={`search-max-${t.param}`}
                value={d.max}
                readOnly={readOnly}
                onCommit={(max) => onChange({ ...d, max })}
              />{' '}
              <select
                aria-label={`Scale of ${t.param}`}
                data-testid={`search-scale-${t.param}`}
                disabled={readOnly}
                value={d.scale}
                onChange={(e) => onChange({ ...d, scale: e.target.value === 'log' ? 'log' : 'linear' })}
              >
                <option value="linear">linear</option>
                <option value="log">log</option>
              </select>
            </>
          ) : (
            <ChoicesCell
              label={`Choices of ${t.param}`}
              testId={`search-values-${t.param}`}
              values={d.values}
              numeric={numeric}
              readOnly={readOnly}
              onCommit={(values) => onChange({ ...d, values })}
            />
          )}
        </>
      )}
    </div>
  );
}

/** A number that commits on Enter or blur; text that is not a number is kept so validation names it. */
function NumberCell(props: {
  label: string;
  testId: string;
  value: number;
  readOnly: boolean;
  onCommit: (v: number) => void;
}) {
  const shown = String(props.value);
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);
  const commit = () => {
    const n = Number(draft);
    if (draft.trim() === '' || !Number.isFinite(n)) return setDraft(shown);
    if (n !== props.value) props.onCommit(n);
  };
  return (
    <input
      aria-label={props.label}
      data-testid={props.testId}
      type="number"
      step="any"
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

/** Comma-separated choices ("64, 128, 256"), committed on Enter or blur. */
function ChoicesCell(props: {
  label: string;
  testId: string;
  values: readonly (number | string)[];
  numeric: boolean;
  readOnly: boolean;
  onCommit: (v: (number | string)[]) => void;
}) {
  const shown = formatChoices(props.values);
  const [draft, setDraft] = useState(shown);
  useEffect(() => setDraft(shown), [shown]);
  const commit = () => {
    if (draft !== shown) props.onCommit(parseChoices(draft, props.numeric));
  };
  return (
    <input
      aria-label={props.label}
      data-testid={props.testId}
      type="text"
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
