import type { Evaluation } from '@studio/api';
import { LineChart } from '../../../charts/line-chart';
import { seriesColor } from '../../../charts/colors';
import { ksSeries } from '../eval-series';
import { ksAtLabel, pct } from '../../../lib/format-metric';

/** The KS plot: cumulative share of bads and goods by score band, and the gap whose maximum is KS. */
export function KsChart({ evaluation }: { evaluation: Evaluation }) {
  const s = ksSeries(evaluation.ksTable);
  return (
    <LineChart
      title={`KS plot: maximum separation ${pct(evaluation.ks)} ${ksAtLabel(evaluation.ksAtScore)}`}
      testId="ks-chart"
      series={[
        { name: 'Cumulative bads', color: seriesColor(4), points: s.bads },
        { name: 'Cumulative goods', color: seriesColor(2), points: s.goods },
        { name: 'KS (gap)', color: seriesColor(0), points: s.gap, dashed: true },
      ]}
      xLabel="Score band (riskiest first)"
      yLabel="Cumulative share"
      yDomain={[0, 1]}
      formatX={(x) => x.toFixed(0)}
      formatY={pct}
      dots
    />
  );
}
