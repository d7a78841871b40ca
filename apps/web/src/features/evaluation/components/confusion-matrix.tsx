import { useState } from 'react';
import type { Evaluation } from '@studio/api';
import { confusionAtCutoff, cutoffRange } from '../confusion-at-cutoff';
import { pct } from '../../../lib/format-metric';

/**
 * The confusion matrix at a cutoff probability the analyst drags; recomputed in the browser from the
 * evaluation's cutoff grid. An applicant whose PD is at or above the cutoff is predicted bad (refused).
 */
export function ConfusionMatrix({ evaluation }: { evaluation: Evaluation }) {
  const [cutoff, setCutoff] = useState(evaluation.defaultCutoff);
  const range = cutoffRange(evaluation.cutoffs);
  const c = confusionAtCutoff(evaluation.cutoffs, cutoff);
  if (!c) return <p className="muted">This run has no cutoff grid.</p>;
  const cell = (n: number, kind: string, testId: string) => (
    <td className={`cm-cell ${kind}`} data-testid={testId}>
      <strong>{n.toLocaleString()}</strong>
      <span className="small muted">{pct(c.total ? n / c.total : 0)}</span>
    </td>
  );
  return (
    <div className="confusion" data-testid="confusion-matrix">
      <label className="cutoff-slider">
        <span>
          Cutoff PD <strong data-testid="cutoff-value">{c.cutoff.toFixed(2)}</strong>
        </span>
        <input
          type="range"
          data-testid="cutoff-slider"
          min={range.min}
          max={range.max}
          step={range.step}
          value={c.cutoff}
          onChange={(e) => setCutoff(Number(e.target.value))}
          aria-valuetext={`cutoff ${c.cutoff.toFixed(2)}`}
        />
      </label>
      <table className="cm">
        <thead>
          <tr>
            <th />
            <th scope="col">Predicted bad (refuse)</th>
            <th scope="col">Predicted good (accept)</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">Actual bad</th>
            {cell(c.tp, 'good-call', 'cm-tp')}
            {cell(c.fn, 'bad-call', 'cm-fn')}
          </tr>
          <tr>
            <th scope="row">Actual good</th>
            {cell(c.fp, 'bad-call', 'cm-fp')}
            {cell(c.tn, 'good-call', 'cm-tn')}
          </tr>
        </tbody>
      </table>
      <dl className="cm-rates small">
        <div>
          <dt>Approval rate</dt>
          <dd>{pct(c.approvalRate)}</dd>
        </div>
        <div>
          <dt>Bads caught (recall)</dt>
          <dd>{pct(c.recall)}</dd>
        </div>
        <div>
          <dt>Precision</dt>
          <dd>{pct(c.precision)}</dd>
        </div>
        <div>
          <dt>Goods refused</dt>
          <dd>{pct(c.falsePositiveRate)}</dd>
        </div>
        <div>
          <dt>Accuracy</dt>
          <dd>{pct(c.accuracy)}</dd>
        </div>
      </dl>
    </div>
  );
}
