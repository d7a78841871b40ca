import { UserError } from '@studio/ir';
import { psi } from '../psi';

/** Reading of a PSI/CSI figure by the usual rule of thumb. */
export type StabilityReading = 'stable' | 'watch' | 'shifted';

export function stabilityReading(index: number): StabilityReading {
  return index < 0.1 ? 'stable' : index <= 0.25 ? 'watch' : 'shifted';
}

/** One category (or numeric bin) of a characteristic stability breakdown. */
export interface StabilityBin {
  label: string;
  expectedShare: number;
  actualShare: number;
  contribution: number;
}

export interface StabilityIndex {
  index: number;
  reading: StabilityReading;
  bins: StabilityBin[];
}

const FLOOR = 1e-4;

/**
 * Characteristic stability index of a categorical characteristic: Σ (a − e) · ln(a / e) over its categories
 * (code −1, missing, is a category of its own); empty shares are floored at 0.01% like `psi`.
 */
export function categoricalStability(
  expected: ArrayLike<number>,
  actual: ArrayLike<number>,
  levels: readonly string[],
): StabilityIndex {
  if (expected.length === 0 || actual.length === 0) {
    throw new UserError(
      'PSI_EMPTY_SAMPLE',
      'A stability index needs rows in both the baseline and the compared sample.',
    );
  }
  const k = levels.length;
  const share = (codes: ArrayLike<number>) => {
    const c = new Float64Array(k + 1);
    for (let i = 0; i < codes.length; i++) {
      const v = codes[i]!;
      c[v >= 0 && v < k ? v : k]!++;
    }
    return c.map((x) => x / codes.length);
  };
  const e = share(expected);
  const a = share(actual);
  const bins: StabilityBin[] = [];
  let index = 0;
  for (let b = 0; b <= k; b++) {
    if (e[b] === 0 && a[b] === 0) continue;
    const es = Math.max(e[b]!, FLOOR);
    const as = Math.max(a[b]!, FLOOR);
    const contribution = (as - es) * Math.log(as / es);
    index += contribution;
    bins.push({
      label: b === k ? '(missing)' : levels[b]!,
      expectedShare: e[b]!,
      actualShare: a[b]!,
      contribution,
    });
  }
  return { index, reading: stabilityReading(index), bins };
}

const edge = (v: number) => (Number.isFinite(v) ? String(Math.round(v * 1e6) / 1e6) : v > 0 ? '∞' : '−∞');

/** Stability of a numeric characteristic or of the score: `psi` over the baseline's deciles, with labels. */
export function numericStability(
  expected: ArrayLike<number>,
  actual: ArrayLike<number>,
  bins = 10,
): StabilityIndex {
  const r = psi(expected, actual, bins);
  return {
    index: r.psi,
    reading: stabilityReading(r.psi),
    bins: r.bins.map((b) => ({
      label: Number.isNaN(b.lower) ? '(missing)' : `(${edge(b.lower)}, ${edge(b.upper)}]`,
      expectedShare: b.expectedShare,
      actualShare: b.actualShare,
      contribution: b.contribution,
    })),
  };
}
