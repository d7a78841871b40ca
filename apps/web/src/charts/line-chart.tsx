import { useId, useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Axis } from './axis';
import { ChartFrame } from './chart-frame';
import { ChartTooltip } from './chart-tooltip';
import { chartLayout, innerSize } from './chart-layout';
import { linePath, nearestByX, type XY } from './line-path';
import { extent, linearScale, niceDomain } from './scale';

/** One line of a line chart. */
export interface LineSeries {
  name: string;
  color: string;
  points: readonly XY[];
  dashed?: boolean;
  /** Left out of the tooltip and the legend (a diagonal or other guide). */
  reference?: boolean;
}

interface LineChartProps {
  /** What the chart shows, read by screen readers (the SVG's title). */
  title: string;
  series: readonly LineSeries[];
  xLabel: string;
  yLabel: string;
  xDomain?: [number, number];
  yDomain?: [number, number];
  formatX?: (x: number) => string;
  formatY?: (y: number) => string;
  /** Draws a dot on every point (for short series such as calibration bins). */
  dots?: boolean;
  width?: number;
  height?: number;
  testId?: string;
}

const fmt = (v: number) => v.toFixed(3);

/**
 * An SVG line chart with axes, grid, legend and a hover (or arrow-key) tooltip listing each series' value
 * nearest to the pointer's x. It scales to its container's width.
 */
export function LineChart(props: LineChartProps) {
  const { title, series, xLabel, yLabel, formatX = fmt, formatY = fmt, dots, testId } = props;
  const layout = chartLayout(props.width, props.height);
  const { w, h } = innerSize(layout);
  const [hoverX, setHoverX] = useState<number | null>(null);

  const { x, y } = useMemo(() => {
    const all = series.flatMap((s) => s.points);
    const xd = props.xDomain ?? extent(all.map((p) => p.x));
    const yd = props.yDomain ?? niceDomain(...extent(all.flatMap((p) => (p.y === null ? [] : [p.y]))));
    return { x: linearScale(xd, [0, w]), y: linearScale(yd, [h, 0]) };
  }, [series, props.xDomain, props.yDomain, w, h]);

  const data = series.filter((s) => !s.reference);
  const stops = useMemo(
    () => [...new Set(data.flatMap((s) => s.points.map((p) => p.x)))].sort((a, b) => a - b),
    [data],
  );
  const hits =
    hoverX === null
      ? []
      : data.flatMap((s) => {
          const p = nearestByX(s.points, hoverX);
          return p && p.y !== null ? [{ s, p: { x: p.x, y: p.y } }] : [];
        });

  const onPointer = (e: PointerEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const sx = ((e.clientX - rect.left) * layout.width) / rect.width - layout.margin.left;
    setHoverX(sx < 0 || sx > w ? null : x.invert(sx));
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const i = hoverX === null ? -1 : stops.findIndex((v) => v >= hoverX);
    const next = e.key === 'ArrowRight' ? Math.min(stops.length - 1, i + 1) : Math.max(0, i - 1);
    setHoverX(stops[next] ?? null);
  };

  const anchor = hits[0]?.p;
  const clipId = `plot-${useId().replace(/:/g, '')}`;
  return (
    <ChartFrame
      testId={testId}
      title={title}
      layout={layout}
      legend={data.map((s) => ({ name: s.name, color: s.color, dashed: s.dashed }))}
      onPointerMove={onPointer}
      onKeyDown={onKey}
      onLeave={() => setHoverX(null)}
      tooltip={
        anchor && (
          <ChartTooltip
            left={(layout.margin.left + x(anchor.x)) / layout.width}
            top={(layout.margin.top + y(anchor.y)) / layout.height}
            title={`${xLabel} ${formatX(anchor.x)}`}
            rows={hits.map(({ s, p }) => ({ name: s.name, value: formatY(p.y), color: s.color }))}
          />
        )
      }
    >
      <g transform={`translate(0,${h})`}>
        <Axis orientation="bottom" scale={x} label={xLabel} gridLength={h} />
      </g>
      <Axis orientation="left" scale={y} label={yLabel} gridLength={w} />
      {/* Lines and dots stay inside the plot area whatever their data (a guide past a zoomed domain). */}
      <clipPath id={clipId}>
        <rect x={-4} y={-4} width={w + 8} height={h + 8} />
      </clipPath>
      {series.map((s) => (
        <g key={s.name} data-series={s.name} clipPath={`url(#${clipId})`}>
          <path
            d={linePath(s.points, x, y)}
            fill="none"
            stroke={s.color}
            strokeWidth={s.reference ? 1 : 2}
            strokeDasharray={s.dashed || s.reference ? '5 4' : undefined}
          />
          {/* A lone point (the first live step) draws no line, so it always gets its dot. */}
          {(dots || s.points.filter((p) => p.y !== null).length === 1) &&
            !s.reference &&
            s.points.map((p, i) =>
              p.y === null ? null : <circle key={i} cx={x(p.x)} cy={y(p.y)} r={3} fill={s.color} />,
            )}
        </g>
      ))}
      {anchor && (
        <g className="hover-marks" pointerEvents="none">
          <line x1={x(anchor.x)} x2={x(anchor.x)} y1={0} y2={h} className="hover-rule" />
          {hits.map(({ s, p }) => (
            <circle
              key={s.name}
              cx={x(p.x)}
              cy={y(p.y)}
              r={4}
              fill="var(--panel)"
              stroke={s.color}
              strokeWidth={2}
            />
          ))}
        </g>
      )}
    </ChartFrame>
  );
}
