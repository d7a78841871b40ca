import type { Evaluation } from '@studio/api';
import { LineChart } from '../../../charts/line-chart';
import { REFERENCE_COLOR, seriesColor } from '../../../charts/colors';
import { extent, niceDomain } from '../../../charts/scale';
import { diagonalWithin } from '../eval-series';
import { pct } from '../../../lib/format-metric';

/** Calibration: observed bad rate against mean predicted PD per bin; a calibrated model sits on the diagonal. */
export function CalibrationChart({ evaluation }: { evaluation: Evaluation }) {
  const points = evaluation.calibration.map((c) => ({ x: c.meanPredicted, y: c.observedRate }));
  // Zoom to where the bins are (PDs are often all below 0.5), keeping the chart square in data terms.
  const [, hi] = extent(
    points.flatMap((p) => [p.x, p.y ?? 0]),
    [0],
  );
  const domain = niceDomain(0, Math.min(1, hi));
  return (
    <LineChart
      title="Calibration: observed bad rate against predicted probability of default"
      testId="calibration-chart"
      series={[
        { name: 'Model', color: seriesColor(0), points },
        {
          name: 'Perfect calibration',
          color: REFERENCE_COLOR,
          points: diagonalWithin(domain),
          reference: true,
        },
      ]}
      xLabel="Mean predicted PD"
      yLabel="Observed bad rate"
      xDomain={domain}
      yDomain={domain}
      formatX={pct}
      formatY={pct}
      dots
    />
  );
}
