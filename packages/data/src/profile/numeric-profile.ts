import { DISTINCT_CAP } from '../schema';
import type { NumericColumn } from '../table';
import { countDistinct } from './distinct';
import type { HistogramBin, NumericProfile } from './profile-types';
import { quantilesInPlace } from './quantiles';

const PS = [0.01, 0.05, 0.25, 0.5, 0.75, 0.95, 0.99] as const;

function histogram(c: NumericColumn, min: number, max: number, bins: number, y?: Uint8Array): HistogramBin[] {
  const k = max > min ? bins : 1;
  const width = (max - min) / k;
  const counts = new Float64Array(k);
  const bads = new Float64Array(k);
  for (let i = 0; i < c.values.length; i++) {
    const v = c.values[i]!;
    if (v !== v) continue;
    const b = width > 0 ? Math.min(k - 1, Math.floor((v - min) / width)) : 0;
    counts[b]!++;
    if (y) bads[b]! += y[i]!;
  }
  return Array.from(counts, (count, b) => ({
    lower: min + b * width,
    upper: b === k - 1 ? max : min + (b + 1) * width,
    count,
    ...(y ? { badRate: count > 0 ? bads[b]! / count : null } : {}),
  }));
}

/** Summary statistics, quantiles and a ~20-bin histogram (with bad rates when `y` is given) of a numeric column. */
export function numericProfile(c: NumericColumn, y?: Uint8Array, bins = 20): NumericProfile {
  const n = c.values.length;
  const present = new Float64Array(n);
  let m = 0;
  let sum = 0;
  let min = Infinity;
  let max = -Infinity;
  let missingBads = 0;
  for (let i = 0; i < n; i++) {
    const v = c.values[i]!;
    if (v !== v) {
      if (y) missingBads += y[i]!;
      continue;
    }
    present[m++] = v;
    sum += v;
    if (v < min) min = v;
    if (v > max) max = v;
  }
  const values = present.subarray(0, m);
  const mean = sum / m;
  let ss = 0;
  for (let i = 0; i < m; i++) ss += (present[i]! - mean) * (present[i]! - mean);
  const distinctCount = countDistinct(values, DISTINCT_CAP);
  const q = quantilesInPlace(values, PS);
  return {
    name: c.name,
    type: c.type,
    count: m,
    missingCount: n - m,
    missingRate: n > 0 ? (n - m) / n : 0,
    distinctCount,
    min: m > 0 ? min : null,
    max: m > 0 ? max : null,
    mean: m > 0 ? mean : null,
    std: m > 1 ? Math.sqrt(ss / (m - 1)) : null,
    quantiles:
      m > 0 ? { p1: q[0]!, p5: q[1]!, p25: q[2]!, p50: q[3]!, p75: q[4]!, p95: q[5]!, p99: q[6]! } : null,
    histogram: m > 0 ? histogram(c, min, max, bins, y) : [],
    ...(y ? { missingBadRate: n > m ? missingBads / (n - m) : null } : {}),
  };
}
