import { formatTick, niceStep, ticks, type LinearScale } from './scale';

interface AxisProps {
  orientation: 'bottom' | 'left' | 'right';
  scale: LinearScale;
  /** Length of the other side of the plot, so grid lines can cross it (0 draws no grid). */
  gridLength?: number;
  label?: string;
  tickCount?: number;
  format?: (value: number) => string;
}

/** A numeric axis with ticks, optional grid lines and a title; placed by the parent's transform. */
export function Axis({ orientation, scale, gridLength = 0, label, tickCount = 5, format }: AxisProps) {
  const [d0, d1] = scale.domain;
  const lo = Math.min(d0, d1);
  const hi = Math.max(d0, d1);
  const values = ticks(lo, hi, tickCount);
  const step = niceStep(lo, hi, tickCount);
  const text = format ?? ((v: number) => formatTick(v, step));
  const [r0, r1] = scale.range;
  const horizontal = orientation === 'bottom';
  const sign = orientation === 'left' ? -1 : 1;
  return (
    <g className="axis" aria-hidden="true">
      {horizontal ? (
        <line x1={r0} x2={r1} y1={0} y2={0} className="axis-line" />
      ) : (
        <line x1={0} x2={0} y1={r0} y2={r1} className="axis-line" />
      )}
      {values.map((v) => {
        const p = scale(v);
        return horizontal ? (
          <g key={v} transform={`translate(${p},0)`}>
            {gridLength > 0 && <line y1={0} y2={-gridLength} className="grid-line" />}
            <line y1={0} y2={4} className="axis-line" />
            <text y={16} textAnchor="middle">
              {text(v)}
            </text>
          </g>
        ) : (
          <g key={v} transform={`translate(0,${p})`}>
            {gridLength > 0 && <line x1={0} x2={gridLength} className="grid-line" />}
            <line x1={0} x2={4 * sign} className="axis-line" />
            <text x={8 * sign} dy="0.32em" textAnchor={sign < 0 ? 'end' : 'start'}>
              {text(v)}
            </text>
          </g>
        );
      })}
      {label &&
        (horizontal ? (
          <text className="axis-label" x={(r0 + r1) / 2} y={34} textAnchor="middle">
            {label}
          </text>
        ) : (
          <text
            className="axis-label"
            transform={`translate(${sign * 46},${(r0 + r1) / 2}) rotate(${sign * -90})`}
            textAnchor="middle"
          >
            {label}
          </text>
        ))}
    </g>
  );
}
