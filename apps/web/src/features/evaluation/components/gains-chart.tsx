import type { Evaluation } from '@studio/api';
import { LineChart } from '../../../charts/line-chart';
import { REFERENCE_COLOR, seriesColor } from '../../../charts/colors';
import { DIAGONAL, gainsPoints } from '../eval-series';
import { pct } from '../../../lib/format-metric';

/** Cumulative gains: the share of bads caught when reviewing the riskiest share of applicants. */
export function GainsChart({ evaluation }: { evaluation: Evaluation }) {
  return (
    <LineChart
      title="Cumulative gains: share of bads caught against share of applicants reviewed"
      testId="gains-chart"
      series={[
        { name: 'Model', color: seriesColor(0), points: gainsPoints(evaluation.gains, evaluation.rows) },
        { name: 'Random', color: REFERENCE_COLOR, points: DIAGONAL, reference: true },
      ]}
      xLabel="Share of applicants (riskiest first)"
      yLabel="Share of bads caught"
      xDomain={[0, 1]}
      yDomain={[0, 1]}
      formatX={pct}
      formatY={pct}
      dots
    />
  );
}
