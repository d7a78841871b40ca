import { useState } from 'react';
import type { Dataset } from '@studio/api';
import { useDatasetProfile } from '../../datasets/api';
import { DataWarnings } from '../../datasets/components/data-warnings';
import { errorMessage } from '../../../lib/error-message';
import { pct } from '../../../lib/format-metric';
import { guessTarget, targetChoices } from './guess-target';
import { columnsToLeaveOut } from './leave-out';

/** The confirmed target and the columns the new graph leaves out (empty when the analyst keeps them all). */
export interface TargetChoice {
  target: string;
  exclude: string[];
}

/**
 * The target step: the proposed target column with its bad rate, the data warnings against it, and the
 * ID-like or leaking columns that will be left out (one click keeps them in).
 */
export function StepTarget({
  dataset,
  initial,
  onNext,
  onBack,
  onCancel,
}: {
  dataset: Dataset;
  initial: TargetChoice | null;
  onNext: (choice: TargetChoice) => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const [target, setTarget] = useState(initial?.target ?? guessTarget(dataset.columns) ?? '');
  const [keepAll, setKeepAll] = useState(initial ? initial.exclude.length === 0 : false);
  const profile = useDatasetProfile(dataset.id, target || null, target !== '');
  const shown = profile.data?.target?.name === target ? profile.data : undefined;
  const leaveOut = shown ? columnsToLeaveOut(shown.warnings) : [];
  const guessed = guessTarget(dataset.columns);

  return (
    <form
      className="wizard-body"
      onSubmit={(e) => {
        e.preventDefault();
        if (target) onNext({ target, exclude: keepAll ? [] : leaveOut });
      }}
    >
      <p className="small muted">
        {dataset.name} · {dataset.rowCount.toLocaleString()} rows · {dataset.columns.length} columns
      </p>
      <label className="field">
        <span>Target: the 0/1 column that marks a default</span>
        <select
          data-testid="wizard-target"
          data-autofocus
          value={target}
          onChange={(e) => setTarget(e.target.value)}
        >
          {!guessed && <option value="">Choose the target column…</option>}
          {targetChoices(dataset.columns).map((c) => (
            <option key={c.name} value={c.name}>
              {c.name}
              {c.name === guessed ? ' (detected)' : c.binary ? ' (two values)' : ''}
            </option>
          ))}
        </select>
      </label>
      {target && !shown && !profile.error && <p className="muted small">Profiling against {target}…</p>}
      {profile.error && <p className="error-text">{errorMessage(profile.error)}</p>}
      {shown?.target && (
        <p className="wizard-bad-rate" data-testid="wizard-bad-rate">
          Bad rate <strong>{pct(shown.target.badRate)}</strong> (
          {Math.round(shown.target.badRate * shown.rowCount).toLocaleString()} of{' '}
          {shown.rowCount.toLocaleString()} rows are 1)
        </p>
      )}
      {shown && <DataWarnings warnings={shown.warnings} />}
      {leaveOut.length > 0 && (
        <label className="wizard-leave-out">
          <input
            type="checkbox"
            data-testid="wizard-leave-out"
            checked={!keepAll}
            onChange={(e) => setKeepAll(!e.target.checked)}
          />{' '}
          Leave out {leaveOut.map((c) => `"${c}"`).join(', ')} (ID-like or leaking): it never reaches a model
        </label>
      )}
      <div className="actions">
        <button type="button" className="ghost" onClick={onCancel}>
          Cancel
        </button>
        <button type="button" onClick={onBack}>
          Back
        </button>
        <button type="submit" className="primary" data-testid="wizard-next" disabled={!target || !shown}>
          Next: start from
        </button>
      </div>
    </form>
  );
}
