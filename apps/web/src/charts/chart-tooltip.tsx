/** One line of a tooltip. */
export interface TooltipRow {
  name: string;
  value: string;
  color?: string;
}

interface ChartTooltipProps {
  /** Anchor as a share of the chart's width and height (0..1), so it follows the SVG when it scales. */
  left: number;
  top: number;
  title: string;
  rows: readonly TooltipRow[];
}

/** The hover box of a chart; it flips to the left of the pointer on the right half so it stays inside. */
export function ChartTooltip({ left, top, title, rows }: ChartTooltipProps) {
  const flip = left > 0.6;
  return (
    <div
      className="chart-tooltip"
      role="status"
      data-testid="chart-tooltip"
      style={{
        left: `${left * 100}%`,
        top: `${top * 100}%`,
        transform: flip ? 'translate(calc(-100% - 12px), -50%)' : 'translate(12px, -50%)',
      }}
    >
      <div className="chart-tooltip-title">{title}</div>
      {rows.map((r) => (
        <div key={r.name} className="chart-tooltip-row">
          {r.color && <span className="dot" style={{ background: r.color }} />}
          <span>{r.name}</span>
          <strong>{r.value}</strong>
        </div>
      ))}
    </div>
  );
}
