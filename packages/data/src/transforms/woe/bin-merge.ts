/** A run of consecutive fine bins [from, to] with its good and bad counts. */
export interface BinRange {
  from: number;
  to: number;
  goods: number;
  bads: number;
}

/** Required direction of the bad rate across ordered bins. */
export type Trend = 'ascending' | 'descending' | 'none';

function rate(b: BinRange): number {
  return b.bads / (b.goods + b.bads);
}

function merge(a: BinRange, b: BinRange): BinRange {
  return { from: a.from, to: b.to, goods: a.goods + b.goods, bads: a.bads + b.bads };
}

/**
 * Pool-adjacent-violators: merges neighbouring bins until the bad rate never falls (ascending) or never rises
 * (descending) from one bin to the next; the least merging that makes the trend monotonic.
 */
export function enforceTrend(bins: BinRange[], trend: Trend): BinRange[] {
  if (trend === 'none') return bins;
  const sign = trend === 'ascending' ? 1 : -1;
  const stack: BinRange[] = [];
  for (const b of bins) {
    let cur = b;
    while (stack.length > 0 && sign * (rate(stack[stack.length - 1]!) - rate(cur)) > 0)
      cur = merge(stack.pop()!, cur);
    stack.push(cur);
  }
  return stack;
}

function mergeAt(bins: BinRange[], i: number): BinRange[] {
  return [...bins.slice(0, i), merge(bins[i]!, bins[i + 1]!), ...bins.slice(i + 2)];
}

/** Merges bins holding fewer than `minCount` rows into the neighbour with the closer bad rate, smallest first. */
export function mergeSmall(bins: BinRange[], minCount: number): BinRange[] {
  let out = bins;
  for (;;) {
    if (out.length < 2) return out;
    let small = -1;
    out.forEach((b, i) => {
      const n = b.goods + b.bads;
      if (n < minCount && (small < 0 || n < out[small]!.goods + out[small]!.bads)) small = i;
    });
    if (small < 0) return out;
    const left = small > 0 ? Math.abs(rate(out[small - 1]!) - rate(out[small]!)) : Infinity;
    const right = small < out.length - 1 ? Math.abs(rate(out[small + 1]!) - rate(out[small]!)) : Infinity;
    out = mergeAt(out, left <= right ? small - 1 : small);
  }
}

/** Merges the adjacent pair with the closest bad rates until at most `maxBins` remain. */
export function mergeToMax(bins: BinRange[], maxBins: number): BinRange[] {
  let out = bins;
  while (out.length > Math.max(1, maxBins)) {
    let best = 0;
    let bestGap = Infinity;
    for (let i = 0; i + 1 < out.length; i++) {
      const gap = Math.abs(rate(out[i]!) - rate(out[i + 1]!));
      if (gap < bestGap) {
        bestGap = gap;
        best = i;
      }
    }
    out = mergeAt(out, best);
  }
  return out;
}
