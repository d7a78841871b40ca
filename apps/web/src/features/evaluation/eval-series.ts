import type { Evaluation } from '@studio/api';
import type { XY } from '../../charts/line-path';

/** ROC points as chart coordinates, starting at (0, 0) and ending at (1, 1) even if the server trimmed them. */
export function rocPoints(roc: Evaluation['roc']): XY[] {
  const pts = roc.map((p) => ({ x: p.fpr, y: p.tpr }));
  if (pts[0]?.x !== 0 || pts[0]?.y !== 0) pts.unshift({ x: 0, y: 0 });
  const last = pts[pts.length - 1];
  if (last?.x !== 1 || last?.y !== 1) pts.push({ x: 1, y: 1 });
  return pts;
}

/** The KS plot's three lines by score band: cumulative share of bads, of goods, and their gap. */
export function ksSeries(table: Evaluation['ksTable']): { bads: XY[]; goods: XY[]; gap: XY[] } {
  const start = { x: 0, y: 0 };
  return {
    bads: [start, ...table.map((r) => ({ x: r.band, y: r.cumBadShare }))],
    goods: [start, ...table.map((r) => ({ x: r.band, y: r.cumGoodShare }))],
    gap: [start, ...table.map((r) => ({ x: r.band, y: r.ks }))],
  };
}

/** The cumulative gains curve: share of bads caught against share of the population reviewed. */
export function gainsPoints(gains: Evaluation['gains'], rows: number): XY[] {
  return [{ x: 0, y: 0 }, ...gains.map((g) => ({ x: rows > 0 ? g.cumCount / rows : 0, y: g.cumBadShare }))];
}

/** The diagonal of a random model, from (0, 0) to (1, 1). */
export const DIAGONAL: readonly XY[] = [
  { x: 0, y: 0 },
  { x: 1, y: 1 },
];

/** The y = x diagonal inside the square domain `[lo, hi]`, so a zoomed chart never draws it past its frame. */
export function diagonalWithin([lo, hi]: readonly [number, number]): XY[] {
  return [
    { x: lo, y: lo },
    { x: hi, y: hi },
  ];
}
