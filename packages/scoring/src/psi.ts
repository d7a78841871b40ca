import { UserError } from '@studio/ir';

/** One bin of a PSI breakdown. */
export interface PsiBin {
  /** Bin is (lower, upper]; the first bin is open below, the last open above; a NaN pair marks the missing bin. */
  lower: number;
  upper: number;
  expectedShare: number;
  actualShare: number;
  contribution: number;
}

/** Population stability index and its per-bin breakdown. */
export interface PsiResult {
  psi: number;
  bins: PsiBin[];
}

const FLOOR = 1e-4;

function quantileCuts(sorted: Float64Array, bins: number): number[] {
  const cuts: number[] = [];
  for (let b = 1; b < bins; b++) {
    const v = sorted[Math.max(0, Math.ceil((b * sorted.length) / bins) - 1)]!;
    if (cuts.length === 0 || v > cuts[cuts.length - 1]!) cuts.push(v);
  }
  return cuts;
}

function binOf(cuts: number[], v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v > cuts[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * PSI = Σ (actual% − expected%) · ln(actual% / expected%) over bins cut at the expected sample's quantiles
 * (10 by default), with missing values in a bin of their own and empty shares floored at 0.01% so the log is
 * finite. Rule of thumb: < 0.1 stable, 0.1–0.25 watch, > 0.25 shifted.
 */
export function psi(expected: ArrayLike<number>, actual: ArrayLike<number>, bins = 10): PsiResult {
  // The baseline's present values in a tight loop (TypedArray#filter with a callback is several times slower).
  const all = new Float64Array(expected.length);
  let m = 0;
  for (let i = 0; i < expected.length; i++) {
    const v = +expected[i]!;
    if (v === v) all[m++] = v;
  }
  const present = all.subarray(0, m);
  if (present.length === 0 || actual.length === 0) {
    throw new UserError('PSI_EMPTY_SAMPLE', 'PSI needs values in both the baseline and the compared sample.');
  }
  const cuts = quantileCuts(present.sort(), bins);
  const k = cuts.length + 1;
  const count = (xs: ArrayLike<number>) => {
    const c = new Float64Array(k + 1);
    for (let i = 0; i < xs.length; i++) {
      const v = xs[i]!;
      c[Number.isNaN(v) ? k : binOf(cuts, v)]!++;
    }
    return c.map((x) => x / xs.length);
  };
  const e = count(expected);
  const a = count(actual);
  const out: PsiBin[] = [];
  let total = 0;
  for (let b = 0; b <= k; b++) {
    if (b === k && e[b] === 0 && a[b] === 0) continue;
    const es = Math.max(e[b]!, FLOOR);
    const as = Math.max(a[b]!, FLOOR);
    const contribution = (as - es) * Math.log(as / es);
    total += contribution;
    out.push({
      lower: b === k ? NaN : b === 0 ? -Infinity : cuts[b - 1]!,
      upper: b === k ? NaN : b === k - 1 ? Infinity : cuts[b]!,
      expectedShare: e[b]!,
      actualShare: a[b]!,
      contribution,
    });
  }
  return { psi: total, bins: out };
}
