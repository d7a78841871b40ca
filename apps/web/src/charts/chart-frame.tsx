import { useId, type KeyboardEvent, type PointerEvent, type ReactNode } from 'react';
import { ChartLegend, type LegendItem } from './chart-legend';
import type { ChartLayout } from './chart-layout';
import './charts.css';

interface ChartFrameProps {
  testId: string | undefined;
  title: string;
  layout: ChartLayout;
  legend: readonly LegendItem[];
  /** Drawn over the SVG, outside it, so it is not clipped. */
  tooltip: ReactNode;
  onPointerMove: (e: PointerEvent<SVGSVGElement>) => void;
  onKeyDown: (e: KeyboardEvent<SVGSVGElement>) => void;
  /** Hover ends when the pointer leaves or focus moves away. */
  onLeave: () => void;
  /** The plot, in inner coordinates (the margins are already applied). */
  children: ReactNode;
}

/** The frame every chart shares: an accessible, focusable SVG with hover and arrow-key input, tooltip and legend. */
export function ChartFrame(props: ChartFrameProps) {
  const { layout } = props;
  const titleId = useId();
  return (
    <figure className="chart" data-testid={props.testId}>
      <div className="chart-canvas">
        <svg
          viewBox={`0 0 ${layout.width} ${layout.height}`}
          role="img"
          aria-labelledby={titleId}
          tabIndex={0}
          onPointerMove={props.onPointerMove}
          onPointerLeave={props.onLeave}
          onKeyDown={props.onKeyDown}
          onBlur={props.onLeave}
        >
          <title id={titleId}>{props.title}</title>
          <g transform={`translate(${layout.margin.left},${layout.margin.top})`}>{props.children}</g>
        </svg>
        {props.tooltip}
      </div>
      <ChartLegend items={props.legend} />
    </figure>
  );
}
