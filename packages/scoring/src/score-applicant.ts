import { UserError } from '@studio/ir';
import type { Scorecard } from './scorecard';

/** Total points of an applicant (sum of the points of the bin it fell in, per characteristic). */
export function scorecardScore(card: Scorecard, bins: Record<string, number>): number {
  let total = 0;
  for (const c of card.characteristics) {
    const bin = c.bins[bins[c.name] ?? -1];
    if (bin === undefined) {
      throw new UserError(
        'REASON_BIN_MISSING',
        `No valid bin is given for "${c.name}" (got ${bins[c.name]}); score the applicant with the same binning as the scorecard.`,
        { characteristic: c.name, bin: bins[c.name] },
      );
    }
    total += bin.points;
  }
  return total;
}

/** A named score band: scores at or above `minScore` (and below the next band's) belong to it. */
export interface RiskBand {
  name: string;
  minScore: number;
}

/** The band a score falls in; bands may be given in any order, the lowest band also takes scores below it. */
export function riskBand(score: number, bands: readonly RiskBand[]): string {
  if (bands.length === 0) {
    throw new UserError('RISK_BANDS_EMPTY', 'Define at least one risk band (a name and a minimum score).');
  }
  const sorted = [...bands].sort((a, b) => b.minScore - a.minScore);
  return (sorted.find((b) => score >= b.minScore) ?? sorted[sorted.length - 1]!).name;
}
