import type { LinearScale } from './scale';

/** One point of a series in data units; a null y is "not measured here" (validation runs only at epoch ends). */
export interface XY {
  x: number;
  y: number | null;
}

/**
 * The SVG path `d` for a polyline through the measured points. Unmeasured (null or non-finite) points are
 * skipped and the line joins their neighbours: a validation curve measured once per epoch among per-step
 * training points must still read as a line, not as scattered dots.
 */
export function linePath(points: readonly XY[], x: LinearScale, y: LinearScale): string {
  let d = '';
  for (const p of points) {
    if (p.y === null || !Number.isFinite(p.y) || !Number.isFinite(p.x)) continue;
    d += `${d ? 'L' : 'M'}${round(x(p.x))},${round(y(p.y))}`;
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
