import type { CategoricalColumn } from '../table';
import type { CategoricalProfile } from './profile-types';

/** Category counts (the `topN` most frequent, default 20), with bad rates when `y` is given. */
export function categoricalProfile(c: CategoricalColumn, y?: Uint8Array, topN = 20): CategoricalProfile {
  const counts = new Float64Array(c.levels.length);
  const bads = new Float64Array(c.levels.length);
  let missing = 0;
  let missingBads = 0;
  for (let i = 0; i < c.codes.length; i++) {
    const k = c.codes[i]!;
    const bad = y ? y[i]! : 0;
    if (k < 0) {
      missing++;
      missingBads += bad;
    } else {
      counts[k]!++;
      bads[k]! += bad;
    }
  }
  const used = [...counts.keys()]
    .filter((k) => counts[k]! > 0)
    .sort((a, b) => counts[b]! - counts[a]! || a - b);
  const top = used.slice(0, topN).map((k) => ({
    value: c.levels[k]!,
    count: counts[k]!,
    ...(y ? { badRate: bads[k]! / counts[k]! } : {}),
  }));
  const n = c.codes.length;
  return {
    name: c.name,
    type: 'categorical',
    count: n - missing,
    missingCount: missing,
    missingRate: n > 0 ? missing / n : 0,
    distinctCount: used.length,
    top,
    otherCount: used.slice(topN).reduce((s, k) => s + counts[k]!, 0),
    ...(y ? { missingBadRate: missing > 0 ? missingBads / missing : null } : {}),
  };
}
