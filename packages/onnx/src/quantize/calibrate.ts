/** Activation scales for symmetric INT8 quantisation (zero point 0), from samples of the activations. */
import { UserError } from '@studio/ir';

function absSorted(samples: ArrayLike<number>): Float64Array {
  const a = Float64Array.from(samples, Math.abs).filter((v) => !Number.isNaN(v));
  if (a.length === 0)
    throw new UserError(
      'QUANT_NO_SAMPLES',
      'Calibration needs at least one sample value; pass some rows of the training data.',
    );
  return a.sort();
}

function toScale(range: number): number {
  return range > 0 ? range / 127 : 1;
}

/** Scale that maps the largest |value| seen onto 127. */
export function calibrateMinMax(samples: ArrayLike<number>): number {
  const a = absSorted(samples);
  return toScale(a[a.length - 1]!);
}

/** Scale that maps the p-th percentile (0 < p ≤ 100) of |value| onto 127, clipping rarer outliers. */
export function calibratePercentile(samples: ArrayLike<number>, p: number): number {
  if (!(p > 0 && p <= 100))
    throw new UserError('QUANT_BAD_PERCENTILE', `The percentile must be in (0, 100]; got ${p}.`, { p });
  const a = absSorted(samples);
  const rank = (p / 100) * (a.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.min(a.length - 1, lo + 1);
  return toScale(a[lo]! + (a[hi]! - a[lo]!) * (rank - lo));
}
