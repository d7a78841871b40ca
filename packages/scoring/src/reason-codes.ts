import { UserError } from '@studio/ir';
import type { Scorecard } from './scorecard';

/** One adverse-action reason: a characteristic that cost the applicant points. */
export interface ReasonCode {
  code: string;
  characteristic: string;
  /** The applicant's value (or its bin label when no raw value is given). */
  value: string;
  /** Points lost against the best bin of this characteristic (positive). */
  points: number;
}

/** Where one applicant landed: the bin index per characteristic, and optionally the raw values for display. */
export interface ScoredApplicant {
  bins: Record<string, number>;
  values?: Record<string, unknown>;
}

/** Best bin points per characteristic, computed once per scorecard characteristic (scored on every request). */
const bestOf = new WeakMap<Scorecard['characteristics'][number], number>();

function bestPoints(c: Scorecard['characteristics'][number]): number {
  let best = bestOf.get(c);
  if (best === undefined) {
    best = Math.max(...c.bins.map((b) => b.points));
    bestOf.set(c, best);
  }
  return best;
}

/**
 * Adverse-action reason codes: the characteristics whose bin scored furthest below that characteristic's
 * best bin, largest loss first, ties by scorecard order, at most `max` (default 4), only those that lost points.
 * Codes are `codes[name]` when given, else R01, R02… in scorecard order, stable across applicants.
 */
export function reasonCodes(
  card: Scorecard,
  applicant: ScoredApplicant,
  max = 4,
  codes: Record<string, string> = {},
): ReasonCode[] {
  const losses = card.characteristics.map((c, i) => {
    const k = applicant.bins[c.name];
    const bin = k === undefined ? undefined : c.bins[k];
    if (bin === undefined) {
      throw new UserError(
        'REASON_BIN_MISSING',
        `No valid bin is given for "${c.name}" (got ${k}); score the applicant with the same binning as the scorecard.`,
        { characteristic: c.name, bin: k },
      );
    }
    const best = bestPoints(c);
    const raw = applicant.values?.[c.name];
    return {
      code: codes[c.name] ?? `R${String(i + 1).padStart(2, '0')}`,
      characteristic: c.name,
      value: raw === undefined || raw === null ? bin.label : String(raw),
      points: best - bin.points,
      order: i,
    };
  });
  return losses
    .filter((l) => l.points > 0)
    .sort((a, b) => b.points - a.points || a.order - b.order)
    .slice(0, max)
    .map(({ code, characteristic, value, points }) => ({ code, characteristic, value, points }));
}
