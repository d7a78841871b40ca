/** One legend entry. */
export interface LegendItem {
  name: string;
  color: string;
  dashed?: boolean;
  /** Drawn as a bar swatch rather than a line. */
  bar?: boolean;
}

/** The legend under a chart: a swatch and a name per series (dashed series show a dashed swatch). */
export function ChartLegend({ items }: { items: readonly LegendItem[] }) {
  if (items.length === 0) return null;
  return (
    <ul className="chart-legend">
      {items.map((it) => (
        <li key={it.name}>
          <svg width="18" height="10" aria-hidden="true">
            {it.bar ? (
              <rect x="3" y="1" width="12" height="8" fill={it.color} />
            ) : (
              <line
                x1="1"
                x2="17"
                y1="5"
                y2="5"
                stroke={it.color}
                strokeWidth="2"
                strokeDasharray={it.dashed ? '4 3' : undefined}
              />
            )}
          </svg>
          {it.name}
        </li>
      ))}
    </ul>
  );
}
