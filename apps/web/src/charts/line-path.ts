import type { LinearScale } from './scale';

/** One point of a series in data units; a null y breaks the line (a gap, e.g. epochs without validation). */
export interface XY {
  x: number;
  y: number | null;
}

/** The SVG path `d` for a polyline through the points, with a gap wherever y is null or not finite. */
export function linePath(points: readonly XY[], x: LinearScale, y: LinearScale): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y) || !Number.isFinite(p.x)) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${round(x(p.x))},${round(y(p.y))}`;
    pen = true;
  }
  return d;
}

/** The point whose x is closest to `target` (points sorted by x or not); null for an empty series. */
export function nearestByX<P extends XY>(points: readonly P[], target: number): P | null {
  let best: P | null = null;
  let bestDist = Infinity;
  for (const p of points) {
    if (p.y === null) continue;
    const dist = Math.abs(p.x - target);
    if (dist < bestDist) {
      best = p;
      bestDist = dist;
    }
  }
  return best;
}

// Two decimals keep paths short (hundreds of ROC points) with no visible loss.
function round(v: number): number {
  return Math.round(v * 100) / 100;
}
