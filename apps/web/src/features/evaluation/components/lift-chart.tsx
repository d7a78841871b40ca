import type { Evaluation } from '@studio/api';
import { LineChart } from '../../../charts/line-chart';
import { REFERENCE_COLOR, seriesColor } from '../../../charts/colors';

/** Lift by band (how many times the average bad rate each band holds) and cumulative lift. */
export function LiftChart({ evaluation }: { evaluation: Evaluation }) {
  const bands = evaluation.gains;
  const first = bands[0]?.band ?? 0;
  const last = bands[bands.length - 1]?.band ?? 1;
  return (
    <LineChart
      title="Lift by score band"
      testId="lift-chart"
      series={[
        { name: 'Lift', color: seriesColor(0), points: bands.map((g) => ({ x: g.band, y: g.lift })) },
        {
          name: 'Cumulative lift',
          color: seriesColor(1),
          points: bands.map((g) => ({ x: g.band, y: g.cumLift })),
        },
        {
          name: 'No lift',
          color: REFERENCE_COLOR,
          points: [
            { x: first, y: 1 },
            { x: last, y: 1 },
          ],
          reference: true,
        },
      ]}
      xLabel="Score band (riskiest first)"
      yLabel="Lift"
      formatX={(x) => x.toFixed(0)}
      formatY={(y) => `${y.toFixed(2)}×`}
      dots
    />
  );
}
