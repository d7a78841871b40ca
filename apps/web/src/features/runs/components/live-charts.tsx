import { LineChart } from '../../../charts/line-chart';
import { seriesColor } from '../../../charts/colors';
import type { HistoryPoint } from '../live-run';

/** Training loss (and validation loss) and validation AUC by step, redrawn as SSE points arrive. */
export function LiveCharts({ history }: { history: readonly HistoryPoint[] }) {
  if (history.length === 0) {
    return <p className="muted small">The loss chart starts with the first training step.</p>;
  }
  const hasVal = history.some((p) => p.valLoss !== null);
  const hasAuc = history.some((p) => p.valAuc !== null);
  return (
    <div className="chart-grid" data-testid="live-charts">
      <section className="card">
        <h2>Loss</h2>
        <LineChart
          title="Training and validation loss by step"
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
          xLabel="Step"
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
            title="Validation AUC by step"
            testId="auc-chart"
            series={[
              {
                name: 'Validation AUC',
                color: seriesColor(2),
                points: history.map((p) => ({ x: p.step, y: p.valAuc })),
              },
            ]}
            xLabel="Step"
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
