import type { Evaluation } from '@studio/api';
import { LineChart, type LineSeries } from '../../../charts/line-chart';
import { REFERENCE_COLOR, seriesColor } from '../../../charts/colors';
import { DIAGONAL, rocPoints } from '../eval-series';
import { pct } from '../../../lib/format-metric';

/** ROC curves of one or more runs, overlaid, with the random-model diagonal. */
export function RocChart({ curves }: { curves: readonly { name: string; evaluation: Evaluation }[] }) {
  const series: LineSeries[] = curves.map((c, i) => ({
    name: `${c.name} (AUC ${c.evaluation.auc.toFixed(3)})`,
    color: seriesColor(i),
    points: rocPoints(c.evaluation.roc),
    // Every other curve dashed, so near-identical runs stay distinguishable where they overlap.
    dashed: i % 2 === 1,
  }));
  series.push({ name: 'Random', color: REFERENCE_COLOR, points: DIAGONAL, reference: true });
  return (
    <LineChart
      title="ROC curve: true positive rate against false positive rate"
      testId="roc-chart"
      series={series}
      xLabel="False positive rate"
      yLabel="True positive rate"
      xDomain={[0, 1]}
      yDomain={[0, 1]}
      formatX={pct}
      formatY={pct}
    />
  );
}
