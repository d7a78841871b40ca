/** Outer size and inner margins of a chart, in SVG user units (the SVG scales to its container's width). */
export interface ChartLayout {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
}

/** The default layout: room for tick labels on the left and bottom, and a right axis when asked. */
export function chartLayout(width = 460, height = 260, rightAxis = false): ChartLayout {
  return { width, height, margin: { top: 12, right: rightAxis ? 52 : 16, bottom: 40, left: 60 } };
}

/** Width and height of the plotting area inside the margins. */
export function innerSize(layout: ChartLayout): { w: number; h: number } {
  const { width, height, margin } = layout;
  return { w: width - margin.left - margin.right, h: height - margin.top - margin.bottom };
}
