import type { ScorecardTable } from '@studio/api';

/**
 * The lowest and highest total score the scorecard can give: the sum over characteristics of their fewest and
 * most points (plus any base points row). It shows what a PDO or base-score change does, which AUC cannot.
 */
export function scoreRange(scorecard: ScorecardTable): { min: number; max: number } | null {
  const byCharacteristic = new Map<string, { min: number; max: number }>();
  for (const r of scorecard.rows) {
    const cur = byCharacteristic.get(r.characteristic);
    byCharacteristic.set(r.characteristic, {
      min: Math.min(cur?.min ?? Infinity, r.points),
      max: Math.max(cur?.max ?? -Infinity, r.points),
    });
  }
  if (byCharacteristic.size === 0) return null;
  let min = 0;
  let max = 0;
  for (const c of byCharacteristic.values()) {
    min += c.min;
    max += c.max;
  }
  return { min, max };
}
