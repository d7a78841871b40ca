import { useState } from 'react';
import type { FeatureImportance } from '@studio/api';
import { importanceRows } from '../importance-rows';

/**
 * Feature importance of a boosted-tree model: total split gain and mean |SHAP| (log-odds) on the evaluated rows,
 * the SHAP summary of how much each feature moves an applicant's risk on average.
 */
export function ImportancePanel({ importance }: { importance: readonly FeatureImportance[] }) {
  const [by, setBy] = useState<'gain' | 'shap'>('gain');
  const rows = importanceRows(importance, by);
  return (
    <div className="importance" data-testid="importance">
      <div className="tabs inline" role="tablist" aria-label="Order by">
        <button
          role="tab"
          aria-selected={by === 'gain'}
          className={by === 'gain' ? 'active' : ''}
          onClick={() => setBy('gain')}
        >
          Gain
        </button>
        <button
          role="tab"
          aria-selected={by === 'shap'}
          className={by === 'shap' ? 'active' : ''}
          onClick={() => setBy('shap')}
        >
          Mean |SHAP|
        </button>
      </div>
      <table className="importance-table">
        <thead>
          <tr>
            <th>Feature</th>
            <th>Gain</th>
            <th>Mean |SHAP| (log-odds)</th>
            <th>Splits</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.feature} data-testid="importance-row">
              <td title={r.source === r.feature ? undefined : `from column ${r.source}`}>{r.feature}</td>
              <td>
                <span className="importance-bar" style={{ width: `${(r.gainShare * 100).toFixed(1)}%` }} />
                {r.gain.toFixed(2)}
              </td>
              <td>
                <span
                  className="importance-bar shap"
                  style={{ width: `${(r.shapShare * 100).toFixed(1)}%` }}
                />
                {r.meanAbsShap.toFixed(4)}
              </td>
              <td>{r.splits}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
