import type { Evaluation } from '@studio/api';
import { fixed3, ksAtLabel, pct } from '../../../lib/format-metric';

/** The four headline metrics of a run, each with a one-line reading for an analyst. */
export function KpiCards({ evaluation }: { evaluation: Evaluation }) {
  const cards = [
    { id: 'auc', label: 'AUC', value: fixed3(evaluation.auc), hint: 'ranking power; 0.5 is random' },
    { id: 'gini', label: 'Gini', value: fixed3(evaluation.gini), hint: '2 × AUC − 1' },
    {
      id: 'ks',
      label: 'KS',
      value: fixed3(evaluation.ks),
      hint: `max bad/good gap, ${ksAtLabel(evaluation.ksAtScore)}`,
    },
    { id: 'brier', label: 'Brier score', value: fixed3(evaluation.brier), hint: 'PD error; lower is better' },
  ];
  return (
    <div className="kpis">
      {cards.map((c) => (
        <div key={c.id} className="kpi" data-testid={`kpi-${c.id}`}>
          <div className="kpi-label">{c.label}</div>
          <div className="kpi-value" data-testid={`kpi-${c.id}-value`}>
            {c.value}
          </div>
          <div className="kpi-hint small muted">{c.hint}</div>
        </div>
      ))}
      <div className="kpi">
        <div className="kpi-label">Test rows</div>
        <div className="kpi-value">{evaluation.rows.toLocaleString()}</div>
        <div className="kpi-hint small muted">
          {pct(evaluation.rows ? evaluation.bads / evaluation.rows : 0)} bad
        </div>
      </div>
    </div>
  );
}
