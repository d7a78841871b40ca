import { useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { Axis } from './axis';
import { bandAt, bands } from './band';
import { ChartFrame } from './chart-frame';
import type { LegendItem } from './chart-legend';
import { ChartTooltip } from './chart-tooltip';
import { chartLayout, innerSize } from './chart-layout';
import { linePath } from './line-path';
import { extent, linearScale, niceDomain } from './scale';
import { SERIES_COLORS } from './colors';

/** One bar, with an optional value for the overlay line (read on the right axis). */
export interface Bar {
  /** The bar's name in the tooltip. */
  label: string;
  /** A shorter name under the bar (a bin's lower edge), when the label is too long for the axis. */
  tick?: string;
  value: number;
  line?: number | null;
}

interface BarChartProps {
  title: string;
  bars: readonly Bar[];
  xLabel: string;
  valueLabel: string;
  /** Name of the overlay line; the line and its right axis are drawn only when given and some bar has a value. */
  lineLabel?: string;
  formatValue?: (v: number) => string;
  formatLine?: (v: number) => string;
  width?: number;
  height?: number;
  testId?: string;
}

// About 6 SVG units per character at the 11px tick font, plus a gap, decides how many labels fit.
const CHAR_WIDTH = 6;
const barColor = SERIES_COLORS[0];
const lineColor = SERIES_COLORS[1];

/**
 * An SVG bar chart over categories or bins (negative values hang below zero, as WOE does), with an optional
 * overlay line on a right axis (the bad rate per bin) and a hover (or arrow-key) tooltip per bar.
 */
export function BarChart(props: BarChartProps) {
  const { title, bars, xLabel, valueLabel, lineLabel, testId } = props;
  const formatValue =
    props.formatValue ??
    ((v: number) => v.toLocaleString('en-US', { notation: 'compact', maximumFractionDigits: 1 }));
  const formatLine = props.formatLine ?? ((v: number) => `${(v * 100).toFixed(1)}%`);
  const lineValues = bars.flatMap((b) => (b.line === null || b.line === undefined ? [] : [b.line]));
  const withLine = lineLabel !== undefined && lineValues.length > 0;
  const layout = chartLayout(props.width, props.height, withLine);
  const { w, h } = innerSize(layout);
  const [hover, setHover] = useState<number | null>(null);

  const { y, y2, slots } = useMemo(() => {
    const yd = niceDomain(
      ...extent(
        bars.map((b) => b.value),
        [0],
      ),
    );
    const ld = niceDomain(
      ...extent(
        bars.flatMap((b) => (b.line == null ? [] : [b.line])),
        [0],
      ),
    );
    return {
      y: linearScale(yd, [h, 0]),
      y2: linearScale(ld, [h, 0]),
      slots: bands(bars.length, w),
    };
  }, [bars, w, h]);

  const ticksText = bars.map((b) => {
    const t = b.tick ?? b.label;
    return t.length > 12 ? `${t.slice(0, 11)}…` : t;
  });
  const widest = Math.max(1, ...ticksText.map((t) => t.length)) * CHAR_WIDTH + 8;
  const every = Math.max(1, Math.ceil(bars.length / Math.max(1, Math.floor(w / widest))));
  const centre = (i: number) => (slots[i]?.x ?? 0) + (slots[i]?.width ?? 0) / 2;
  const linePoints = bars.map((b, i) => ({ x: centre(i), y: b.line ?? null }));
  const identity = linearScale([0, w], [0, w]);

  const onPointer = (e: PointerEvent<SVGSVGElement>) => {
    const rect = e.currentTarget.getBoundingClientRect();
    const sx = ((e.clientX - rect.left) * layout.width) / rect.width - layout.margin.left;
    setHover(sx < 0 || sx > w ? null : bandAt(bars.length, w, sx));
  };
  const onKey = (e: KeyboardEvent<SVGSVGElement>) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    e.preventDefault();
    const i = hover ?? -1;
    setHover(e.key === 'ArrowRight' ? Math.min(bars.length - 1, i + 1) : Math.max(0, i - 1));
  };

  const hovered = hover === null ? undefined : bars[hover];
  const legend: LegendItem[] = [{ name: valueLabel, color: barColor, bar: true }];
  if (withLine) legend.push({ name: lineLabel, color: lineColor });
  return (
    <ChartFrame
      testId={testId}
      title={title}
      layout={layout}
      legend={legend}
      onPointerMove={onPointer}
      onKeyDown={onKey}
      onLeave={() => setHover(null)}
      tooltip={
        hovered &&
        hover !== null && (
          <ChartTooltip
            left={(layout.margin.left + centre(hover)) / layout.width}
            top={(layout.margin.top + Math.min(y(hovered.value), y(0))) / layout.height}
            title={hovered.label}
            rows={[
              { name: valueLabel, value: formatValue(hovered.value), color: barColor },
              ...(withLine && hovered.line !== null && hovered.line !== undefined
                ? [{ name: lineLabel, value: formatLine(hovered.line), color: lineColor }]
                : []),
            ]}
          />
        )
      }
    >
      <Axis orientation="left" scale={y} label={valueLabel} gridLength={w} format={formatValue} />
      {withLine && (
        <g transform={`translate(${w},0)`}>
          <Axis orientation="right" scale={y2} format={formatLine} />
        </g>
      )}
      {bars.map((b, i) => {
        const top = Math.min(y(b.value), y(0));
        return (
          <rect
            key={i}
            x={slots[i]?.x}
            width={slots[i]?.width}
            y={top}
            height={Math.max(Math.abs(y(b.value) - y(0)), b.value === 0 ? 0 : 1)}
            fill={barColor}
            opacity={hover === null || hover === i ? 0.85 : 0.45}
          />
        );
      })}
      <line x1={0} x2={w} y1={y(0)} y2={y(0)} className="axis-line" />
      {withLine && (
        <>
          <path d={linePath(linePoints, identity, y2)} fill="none" stroke={lineColor} strokeWidth={2} />
          {linePoints.map((p, i) =>
            p.y === null ? null : <circle key={i} cx={p.x} cy={y2(p.y)} r={3} fill={lineColor} />,
          )}
        </>
      )}
      <g transform={`translate(0,${h})`} aria-hidden="true">
        {ticksText.map((t, i) =>
          i % every === 0 ? (
            <text key={i} x={centre(i)} y={16} textAnchor="middle" className="bar-label">
              {t}
            </text>
          ) : null,
        )}
        <text className="axis-label" x={w / 2} y={34} textAnchor="middle">
          {xLabel}
        </text>
      </g>
    </ChartFrame>
  );
}
