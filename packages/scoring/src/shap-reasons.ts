import type { ReasonCode } from './reason-codes';

/**
 * Adverse-action reason codes of a tree model from one applicant's SHAP contributions (log-odds of default):
 * contributions are summed per raw column (`sources[j]` for feature j, so one-hot indicators count as their
 * column), and the columns that pushed the applicant toward default most come first, at most `max`, only those
 * that pushed toward default at all. `points` is the score lost: `factor` (PDO / ln 2) times the contribution.
 * Codes are R01, R02… in the order the raw columns first appear among the features, stable across applicants.
 */
export function shapReasonCodes(
  contributions: ArrayLike<number>,
  sources: readonly string[],
  values: Record<string, unknown>,
  factor: number,
  max = 4,
): ReasonCode[] {
  const order = new Map<string, number>();
  const total: number[] = [];
  sources.forEach((source, j) => {
    let k = order.get(source);
    if (k === undefined) {
      k = order.size;
      order.set(source, k);
      total.push(0);
    }
    total[k]! += contributions[j]!;
  });
  return [...order.entries()]
    .map(([source, k]) => ({ source, k, push: total[k]! }))
    .filter((r) => r.push > 0)
    .sort((a, b) => b.push - a.push || a.k - b.k)
    .slice(0, max)
    .map(({ source, k, push }) => {
      const raw = values[source];
      return {
        code: `R${String(k + 1).padStart(2, '0')}`,
        characteristic: source,
        value: raw === undefined || raw === null ? 'missing' : String(raw),
        points: push * factor,
      };
    });
}
