import type { Evaluation } from '@studio/api';

type CutoffRow = Evaluation['cutoffs'][number];

/** The confusion matrix at one cutoff with the rates an analyst reads off it ("bad" is the positive class). */
export interface Confusion extends CutoffRow {
  total: number;
  accuracy: number;
  /** Share of predicted bads that are bad. */
  precision: number;
  /** Share of bads caught (true positive rate). */
  recall: number;
  /** Share of goods wrongly refused. */
  falsePositiveRate: number;
  /** Share of applicants accepted (predicted good). */
  approvalRate: number;
}

/**
 * The confusion matrix at the tabulated cutoff closest to `cutoff`. The server sends a grid of cutoffs so the
 * slider needs no round trip; null when the evaluation has no grid.
 */
export function confusionAtCutoff(cutoffs: readonly CutoffRow[], cutoff: number): Confusion | null {
  let row: CutoffRow | null = null;
  for (const c of cutoffs) {
    if (row === null || Math.abs(c.cutoff - cutoff) < Math.abs(row.cutoff - cutoff)) row = c;
  }
  if (row === null) return null;
  const { tp, fp, tn, fn } = row;
  const total = tp + fp + tn + fn;
  return {
    ...row,
    total,
    accuracy: ratio(tp + tn, total),
    precision: ratio(tp, tp + fp),
    recall: ratio(tp, tp + fn),
    falsePositiveRate: ratio(fp, fp + tn),
    approvalRate: ratio(tn + fn, total),
  };
}

/** The slider's range and step from the tabulated grid (sorted ascending). */
export function cutoffRange(cutoffs: readonly CutoffRow[]): { min: number; max: number; step: number } {
  const values = cutoffs.map((c) => c.cutoff).sort((a, b) => a - b);
  if (values.length < 2) return { min: 0, max: 1, step: 0.01 };
  let step = Infinity;
  for (let i = 1; i < values.length; i++) {
    const d = (values[i] as number) - (values[i - 1] as number);
    if (d > 0 && d < step) step = d;
  }
  return { min: values[0] as number, max: values[values.length - 1] as number, step };
}

function ratio(a: number, b: number): number {
  return b === 0 ? 0 : a / b;
}
