/** Counts, bad rate and weight of evidence of one bin. */
export interface WoeBin {
  label: string;
  count: number;
  goods: number;
  bads: number;
  badRate: number;
  /** ln(%good / %bad) with smoothing; 0 for a bin that was empty in training (neutral, and its badRate is 0). */
  woe: number;
}

/**
 * Fills `woe` of each bin and returns the information value: WOE = ln(((g+s)/(G+s·k)) / ((b+s)/(B+s·k))) over
 * the k non-empty bins, IV = Σ (%good − %bad) · WOE. Smoothing s keeps pure bins finite.
 */
export function assignWoe(
  bins: Omit<WoeBin, 'woe' | 'badRate'>[],
  smoothing: number,
): { bins: WoeBin[]; iv: number } {
  const used = bins.filter((b) => b.count > 0);
  const k = used.length;
  const G = used.reduce((s, b) => s + b.goods, 0) + smoothing * k;
  const B = used.reduce((s, b) => s + b.bads, 0) + smoothing * k;
  let iv = 0;
  const out = bins.map((b) => {
    if (b.count === 0) return { ...b, badRate: 0, woe: 0 };
    const pg = (b.goods + smoothing) / G;
    const pb = (b.bads + smoothing) / B;
    const woe = Math.log(pg / pb);
    iv += (pg - pb) * woe;
    return { ...b, badRate: b.bads / b.count, woe };
  });
  return { bins: out, iv };
}
