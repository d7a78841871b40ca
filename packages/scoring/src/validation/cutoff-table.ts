import { UserError } from '@studio/ir';
import { assertLabelsAndScores } from '../inputs';
import { orderStatistics } from '../order-statistics';

/** Loss assumptions: loss given default (share of the exposure lost) and exposure at default per loan. */
export interface LossAssumption {
  /** Loss given default in [0, 1] (default 0.45, the Basel foundation figure for senior unsecured). */
  lgd?: number;
  /** Exposure at default: one figure for every loan (default 1, so losses read in loan units) or one per row. */
  ead?: number | ArrayLike<number>;
}

/** The book a cut-off gives: applicants with a predicted PD below the cut-off are approved. */
export interface CutoffRow {
  cutoff: number;
  approved: number;
  approvalRate: number;
  approvedBads: number;
  /** Bad rate among the approved (NaN when nobody is approved). */
  badRate: number;
  /** Share of all bads that the cut-off declines. */
  badsDeclined: number;
  /** Σ PD × LGD × EAD over the approved: the loss the model expects. */
  expectedLoss: number;
  /** Approved bads × LGD × EAD: the loss these rows actually carried. */
  observedLoss: number;
}

export interface CutoffTable {
  lgd: number;
  eadPerLoan: number | null;
  rows: CutoffRow[];
}

/** The next double above a finite x, so that "PD < cut-off" approves every row at the last cut-off. */
export function nextUp(x: number): number {
  if (Number.isNaN(x) || x === Infinity) return x;
  if (x === 0) return Number.MIN_VALUE;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigInt64(0);
  view.setBigInt64(0, x > 0 ? bits + 1n : bits - 1n);
  return view.getFloat64(0);
}

/**
 * The PDs at which 10%, 20%, …, 90% of the rows are approved (numpy's linear quantiles) and the next double
 * above the largest, from order statistics rather than a sort: the values `quantileSorted` reads.
 */
function decileCutoffs(prob: ArrayLike<number>): number[] {
  const n = prob.length;
  if (n === 0) return [...Array.from({ length: 9 }, () => NaN), nextUp(1)];
  const at = Array.from({ length: 9 }, (_, k) => {
    const h = (n - 1) * ((k + 1) / 10);
    const lo = Math.floor(h);
    return { h, lo, hi: Math.min(n - 1, lo + 1) };
  });
  const values = new Float64Array(n);
  for (let i = 0; i < n; i++) values[i] = prob[i]!;
  const ranks = [...at.flatMap((q) => [q.lo, q.hi]), n - 1];
  const v = orderStatistics(values, ranks);
  return [
    ...at.map((q, k) => v[2 * k]! + (q.h - q.lo) * (v[2 * k + 1]! - v[2 * k]!)),
    nextUp(v[ranks.length - 1]!),
  ];
}

/**
 * Strategy table: for each cut-off on the predicted probability of default (by default the PDs at which 10%,
 * 20%, …, 100% of the sample is approved, plus `extra`), the approval rate, bad rate of the approved and the
 * expected and observed loss under an LGD/EAD assumption.
 */
export function cutoffTable(
  y: ArrayLike<number>,
  prob: ArrayLike<number>,
  loss: LossAssumption = {},
  cutoffs?: number[],
): CutoffTable {
  assertLabelsAndScores(y, prob, false);
  const lgd = loss.lgd ?? 0.45;
  if (!(lgd >= 0 && lgd <= 1)) {
    throw new UserError('LOSS_LGD_RANGE', `Loss given default must lie between 0 and 1; ${lgd} was given.`, {
      lgd,
    });
  }
  const ead = loss.ead ?? 1;
  if (typeof ead !== 'number' && ead.length !== y.length) {
    throw new UserError(
      'LOSS_EAD_LENGTH',
      `There are ${y.length} rows but ${ead.length} exposures; give one exposure per row or one for all.`,
    );
  }
  const chosen = cutoffs ?? decileCutoffs(prob);
  let totalBads = 0;
  for (let i = 0; i < y.length; i++) totalBads += y[i]!;
  const at = [...new Set(chosen)].sort((a, b) => a - b);
  // One pass over the rows for every cut-off (each one's losses still summed in row order), starting at the
  // first cut-off that approves the row.
  const m = at.length;
  const approved = new Float64Array(m);
  const approvedBads = new Float64Array(m);
  const expectedLoss = new Float64Array(m);
  const observedLoss = new Float64Array(m);
  for (let i = 0; i < y.length; i++) {
    const p = prob[i]!;
    let j = 0;
    while (j < m && !(p < at[j]!)) j++;
    if (j === m) continue;
    const bad = y[i]!;
    const exposure = typeof ead === 'number' ? ead : ead[i]!;
    const expected = p * lgd * exposure;
    const observed = bad * lgd * exposure;
    for (; j < m; j++) {
      if (!(p < at[j]!)) continue;
      approved[j]!++;
      approvedBads[j]! += bad;
      expectedLoss[j]! += expected;
      observedLoss[j]! += observed;
    }
  }
  const rows = at.map((cutoff, j): CutoffRow => ({
    cutoff,
    approved: approved[j]!,
    approvalRate: y.length ? approved[j]! / y.length : NaN,
    approvedBads: approvedBads[j]!,
    badRate: approved[j] ? approvedBads[j]! / approved[j]! : NaN,
    badsDeclined: totalBads ? (totalBads - approvedBads[j]!) / totalBads : NaN,
    expectedLoss: expectedLoss[j]!,
    observedLoss: observedLoss[j]!,
  }));
  return { lgd, eadPerLoan: typeof ead === 'number' ? ead : null, rows };
}
