import { DISTINCT_CAP } from '../schema';
import type { NumericColumn } from '../table';
import { countDistinct } from './distinct';
import type { HistogramBin, NumericProfile } from './profile-types';
import { quantiles } from './quantiles';

const PS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

/** The non-missing values: the column itself when nothing is missing (the common case), else a compact copy. */
function presentValues(values: Float64Array, missing: number): Float64Array {
  if (missing === 0) return values;
  const out = new Float64Array(values.length - missing);
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === v) out[m++] = v;
  }
  return out;
}

/** Summary statistics, quantiles and a ~20-bin histogram (with bad rates when `y` is given) of a numeric column. */
export function numericProfile(c: NumericColumn, y?: Uint8Array, bins = 20): NumericProfile {
  const all = c.values;
  const n = all.length;
  let missing = 0;
  let missingBads = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  for (let i = 0; i < n; i++) {
    const v = all[i]!;
    if (v !== v) {
      missing++;
      if (y) missingBads += y[i]!;
      continue;
    }
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const m = n - missing;
  const mean = sum / m;
  // Second pass: squared deviations (two-pass for accuracy) and the histogram together.
  const k = max > min ? bins : 1;
  const width = (max - min) / k;
  const counts = new Float64Array(k);
  const bads = new Float64Array(k);
  let ss = 0;
  for (let i = 0; i < n; i++) {
    const v = all[i]!;
    if (v !== v) continue;
    ss += (v - mean) * (v - mean);
    let b = width > 0 ? ((v - min) / width) | 0 : 0;
    if (b >= k) b = k - 1;
    counts[b]!++;
    if (y) bads[b]! += y[i]!;
  }
  const present = presentValues(all, missing);
  const distinct = countDistinct(present, DISTINCT_CAP);
  const q = m > 0 ? quantiles(present, PS, { min, max }) : [];
  const histogram: HistogramBin[] =
    m > 0
      ? Array.from(counts, (count, b) => ({
          lower: min + b * width,
          upper: b === k - 1 ? max : min + (b + 1) * width,
          count,
          ...(y ? { badRate: count > 0 ? bads[b]! / count : null } : {}),
        }))
      : [];
  return {
    name: c.name,
    type: c.type,
    count: m,
    missingCount: missing,
    missingRate: n > 0 ? missing / n : 0,
    distinctCount: distinct,
    ...(distinct >= DISTINCT_CAP ? { distinctCapped: true } : {}),
    min: m > 0 ? min : null,
    max: m > 0 ? max : null,
    mean: m > 0 ? mean : null,
    std: m > 1 ? Math.sqrt(ss / (m - 1)) : null,
    quantiles:
      m > 0 ? { p1: q[0]!, p5: q[1]!, p25: q[2]!, p50: q[3]!, p75: q[4]!, p95: q[5]!, p99: q[6]! } : null,
    histogram,
    ...(y ? { missingBadRate: missing > 0 ? missingBads / missing : null } : {}),
  };
}
