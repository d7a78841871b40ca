/** Weight of evidence per bin and the information value of the whole characteristic. */
export interface InformationValue {
  iv: number;
  woe: number[];
}

/**
 * WOE_i = ln(%good_i / %bad_i) and IV = Σ (%good_i − %bad_i) · WOE_i from per-bin good and bad counts, with
 * `smoothing` (default 0.5) added to every count so empty cells stay finite. Rule of thumb: IV < 0.02 useless,
 * 0.02–0.1 weak, 0.1–0.3 medium, > 0.3 strong (> 0.5: check for leakage).
 */
export function informationValue(
  goods: ArrayLike<number>,
  bads: ArrayLike<number>,
  smoothing = 0.5,
): InformationValue {
  let g = 0;
  let b = 0;
  for (let i = 0; i < goods.length; i++) {
    g += goods[i]! + smoothing;
    b += bads[i]! + smoothing;
  }
  let iv = 0;
  const woe: number[] = [];
  for (let i = 0; i < goods.length; i++) {
    const pg = (goods[i]! + smoothing) / g;
    const pb = (bads[i]! + smoothing) / b;
    const w = Math.log(pg / pb);
    woe.push(w);
    iv += (pg - pb) * w;
  }
  return { iv, woe };
}

/** Information value of a binned characteristic straight from per-row bin indices and 0/1 outcomes. */
export function informationValueOfBins(
  bin: ArrayLike<number>,
  y: ArrayLike<number>,
  smoothing = 0.5,
): InformationValue {
  let k = 0;
  for (let i = 0; i < bin.length; i++) k = Math.max(k, bin[i]! + 1);
  const goods = new Float64Array(k);
  const bads = new Float64Array(k);
  for (let i = 0; i < bin.length; i++) {
    if (y[i] === 1) bads[bin[i]!]!++;
    else goods[bin[i]!]!++;
  }
  return informationValue(goods, bads, smoothing);
}
