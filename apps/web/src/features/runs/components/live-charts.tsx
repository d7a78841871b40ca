import { useState } from 'react';
import { LineChart } from '../../../charts/line-chart';
import { seriesColor } from '../../../charts/colors';
import type { HistoryPoint } from '../live-run';
import { modelCurves } from '../model-curves';

/**
 * The learning curves of a run, redrawn as SSE points arrive; a run with several models (champion vs
 * challengers) gets one curve per model behind a picker, the model training now shown first.
 */
export function LiveCharts({
  history,
  labels,
  byTrees = false,
}: {
  history: readonly HistoryPoint[];
  /** Model labels by node id. */
  labels?: Readonly<Record<string, string>>;
  /** For runs stored before points named their model: whether their one curve is by trees. */
  byTrees?: boolean;
}) {
  const curves = modelCurves(history, labels);
  const [picked, setPicked] = useState<string | null>(null);
  const curve = curves.find((c) => c.nodeId === picked) ?? curves.at(-1);
  if (!curve) return <CurveCharts history={[]} byTrees={byTrees} />;
  return (
    <>
      {curves.length > 1 && (
        <div className="tabs inline" role="tablist" aria-label="Learning curve of">
          {curves.map((c) => (
            <button
              key={c.nodeId}
              role="tab"
              data-testid={`curve-${c.nodeId}`}
              aria-selected={c === curve}
              className={c === curve ? 'active' : ''}
              onClick={() => setPicked(c.nodeId)}
            >
              {c.label}
            </button>
          ))}
        </div>
      )}
      <CurveCharts history={curve.points} byTrees={curve.byTrees || (curve.nodeId === '' && byTrees)} />
    </>
  );
}

/**
 * Training loss (and validation loss) and validation AUC of one model by step. For boosted trees (`byTrees`) a
 * step is a tree: the early-stopping curve by number of trees.
 */
function CurveCharts({ history, byTrees }: { history: readonly HistoryPoint[]; byTrees: boolean }) {
  const unit = byTrees ? 'Trees' : 'Step';
  const by = byTrees ? 'by number of trees' : 'by step';
  if (history.length === 0) {
    return <p className="muted small">The loss chart starts with the first training step.</p>;
  }
  const hasVal = history.some((p) => p.valLoss !== null);
  const hasAuc = history.some((p) => p.valAuc !== null);
  return (
    <div className="chart-grid" data-testid="live-charts">
      <section className="card">
        <h2>{byTrees ? 'Early stopping: loss' : 'Loss'}</h2>
        <LineChart
          title={`Training and validation loss ${by}`}
          testId="loss-chart"
          series={[
            {
              name: 'Training loss',
              color: seriesColor(0),
              points: history.map((p) => ({ x: p.step, y: p.loss })),
            },
            ...(hasVal
              ? [
                  {
                    name: 'Validation loss',
                    color: seriesColor(1),
                    points: history.map((p) => ({ x: p.step, y: p.valLoss })),
                  },
                ]
              : []),
          ]}
          xLabel={unit}
          yLabel="Log loss"
          formatX={(x) => x.toFixed(0)}
          formatY={(y) => y.toFixed(4)}
          width={460}
          height={220}
        />
      </section>
      {hasAuc && (
        <section className="card">
          <h2>Validation AUC</h2>
          <LineChart
            title={`Validation AUC ${by}`}
            testId="auc-chart"
            series={[
              {
                name: 'Validation AUC',
                color: seriesColor(2),
                points: history.map((p) => ({ x: p.step, y: p.valAuc })),
              },
            ]}
            xLabel={unit}
            yLabel="AUC"
            formatX={(x) => x.toFixed(0)}
            formatY={(y) => y.toFixed(3)}
            width={460}
            height={220}
          />
        </section>
      )}
    </div>
  );
}
