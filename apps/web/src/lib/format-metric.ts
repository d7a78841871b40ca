/** A share as a percentage with one decimal: 0.1234 → "12.3%". */
export function pct(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : `${(v * 100).toFixed(1)}%`;
}

/** A metric with three decimals, as credit reports print AUC, Gini and KS. */
export function fixed3(v: number | null | undefined): string {
  return v === null || v === undefined || !Number.isFinite(v) ? '—' : v.toFixed(3);
}

/** A signed change with three decimals: "+0.012", "−0.004" (a true minus sign, for alignment). */
export function signed3(v: number | null): string {
  if (v === null || !Number.isFinite(v)) return '';
  const s = Math.abs(v).toFixed(3);
  return v > 0 ? `+${s}` : v < 0 ? `−${s}` : `±${s}`;
}

/** Where KS peaks: a probability when the model reports PDs (<= 1), otherwise a score in points. */
export function ksAtLabel(v: number): string {
  return v <= 1 ? `at PD ${pct(v)}` : `at score ${v.toFixed(0)}`;
}
