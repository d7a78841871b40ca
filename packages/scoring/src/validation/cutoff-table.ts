import { UserError } from '@studio/ir';
import { assertLabelsAndScores } from '../inputs';
import { quantileSorted } from './rng';

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

/**
 * Strategy table: for each cut-off on the predicted probability of default (by default the PDs at which 10%,
 * 20%, …, 100% of the sample is approved, plus `extra`), the approval rate, bad rate of the approved and the
 * expected and observed loss under an LGD/EAD assumption.
 */
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
  const eadOf = (i: number) => (typeof ead === 'number' ? ead : ead[i]!);
  const sorted = Float64Array.from(prob).sort();
  const chosen =
    cutoffs ??
    Array.from({ length: 10 }, (_, k) =>
      k === 9 ? nextUp(sorted[sorted.length - 1] ?? 1) : quantileSorted(sorted, (k + 1) / 10),
    );
  let totalBads = 0;
  for (let i = 0; i < y.length; i++) totalBads += y[i]!;
  const rows = [...new Set(chosen)]
    .sort((a, b) => a - b)
    .map((cutoff): CutoffRow => {
      let approved = 0;
      let approvedBads = 0;
      let expectedLoss = 0;
      let observedLoss = 0;
      for (let i = 0; i < y.length; i++) {
        if (!(prob[i]! < cutoff)) continue;
        approved++;
        approvedBads += y[i]!;
        expectedLoss += prob[i]! * lgd * eadOf(i);
        observedLoss += y[i]! * lgd * eadOf(i);
      }
      return {
        cutoff,
        approved,
        approvalRate: y.length ? approved / y.length : NaN,
        approvedBads,
        badRate: approved ? approvedBads / approved : NaN,
        badsDeclined: totalBads ? (totalBads - approvedBads) / totalBads : NaN,
        expectedLoss,
        observedLoss,
      };
    });
  return { lgd, eadPerLoan: typeof ead === 'number' ? ead : null, rows };
}
