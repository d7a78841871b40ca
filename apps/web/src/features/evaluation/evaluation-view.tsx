import { useState } from 'react';
import type { Run } from '@studio/api';
import { KpiCards } from './components/kpi-cards';
import { RocChart } from './components/roc-chart';
import { KsChart } from './components/ks-chart';
import { GainsChart } from './components/gains-chart';
import { LiftChart } from './components/lift-chart';
import { CalibrationChart } from './components/calibration-chart';
import { ConfusionMatrix } from './components/confusion-matrix';
import { WoePanel } from './components/woe-panel';
import { ScorecardTable } from './components/scorecard-table';
import { QuantizationCard } from './components/quantization-card';
import { ValidationSection } from '../validation/components/validation-section';
import { ImportancePanel } from './components/importance-panel';
import './evaluation.css';

/**
 * Everything an analyst reads about a finished run: headline metrics, INT8 quantization, curves, cutoff, WOE,
 * scorecard, and for boosted trees the gain and mean-|SHAP| importance.
 * A graph with several Evaluate nodes (champion vs challenger) gets a model picker and overlaid ROC curves.
 */
export function EvaluationView({ run }: { run: Run }) {
  const branches = run.evaluations && run.evaluations.length > 1 ? run.evaluations : null;
  const [picked, setPicked] = useState(0);
  const branch = branches ? (branches[picked] ?? branches[0]) : undefined;
  const ev = branch ? branch.evaluation : run.evaluation;
  const quantization = branch
    ? run.quantizations?.find((q) => q.modelNodeId === branch.modelNodeId)
    : run.quantization;
  const importance = (branch ?? run.evaluations?.[0])?.importance;
  const modelNodeId = (branch ?? run.evaluations?.[0])?.modelNodeId;
  const tuning = run.tunings?.find((t) => t.modelNodeId === modelNodeId);
  if (!ev) return <p className="muted">This run produced no evaluation (the graph has no Evaluate node).</p>;
  const curves = branches
    ? branches.map((b) => ({ name: b.label, evaluation: b.evaluation }))
    : [{ name: `Run v${run.versionNumber}`, evaluation: ev }];
  return (
    <div className="evaluation" data-testid="evaluation">
      {branches && (
        <div className="tabs inline" role="tablist" aria-label="Model">
          {branches.map((b, i) => (
            <button
              key={b.nodeId}
              role="tab"
              aria-selected={i === picked}
              className={i === picked ? 'active' : ''}
              onClick={() => setPicked(i)}
            >
              {b.label}
            </button>
          ))}
        </div>
      )}
      <KpiCards evaluation={ev} />
      {tuning?.best && (
        <p className="small" data-testid="tuned-config">
          Trained with the configuration its Tune node chose (
          {tuning.best.trial === 0 ? "the model's own setting" : `trial ${tuning.best.trial}`},{' '}
          {tuning.metric} {tuning.best.score.toFixed(4)} on {tuning.evaluation}):{' '}
          {Object.entries(tuning.best.params)
            .map(([k, v]) => `${k} ${typeof v === 'number' ? Number(v.toPrecision(4)) : v}`)
            .join(', ')}
          .
        </p>
      )}
      {quantization && <QuantizationCard report={quantization} />}
      <div className="chart-grid">
        <section className="card">
          <h2>ROC curve</h2>
          <RocChart curves={curves} />
        </section>
        <section className="card">
          <h2>KS</h2>
          <KsChart evaluation={ev} />
        </section>
        <section className="card">
          <h2>Cumulative gains</h2>
          <GainsChart evaluation={ev} />
        </section>
        <section className="card">
          <h2>Lift</h2>
          <LiftChart evaluation={ev} />
        </section>
        <section className="card">
          <h2>Calibration</h2>
          <CalibrationChart evaluation={ev} />
        </section>
        <section className="card">
          <h2>Confusion matrix</h2>
          <ConfusionMatrix key={picked} evaluation={ev} />
        </section>
      </div>
      {importance && importance.length > 0 && (
        <section className="card">
          <h2>Feature importance</h2>
          <ImportancePanel importance={importance} />
        </section>
      )}
      <ValidationSection evaluation={branch ?? run.evaluations?.[0]} />
      {run.woe && run.woe.length > 0 && (
        <section className="card">
          <h2>Weight of evidence and information value</h2>
          <WoePanel variables={run.woe} />
        </section>
      )}
      {run.scorecard && (
        <section className="card">
          <h2>Scorecard</h2>
          <ScorecardTable scorecard={run.scorecard} />
        </section>
      )}
    </div>
  );
}
