import { scoreFromProbability, type RiskBand, type ScalingParams } from '@studio/scoring';

/** Upper probability of default of each band, best first; a PD above the last belongs to band E. */
const BAND_PD_LIMITS: [string, number][] = [
  ['A', 0.02],
  ['B', 0.05],
  ['C', 0.1],
  ['D', 0.2],
];

/**
 * Risk bands of a model as score thresholds: A below 2% PD, B below 5%, C below 10%, D below 20%, E above,
 * converted to points with the model's own score scaling so band and score always agree.
 */
export function riskBandsOf(scaling: ScalingParams): RiskBand[] {
  return [
    ...BAND_PD_LIMITS.map(([name, pd]) => ({ name, minScore: scoreFromProbability(pd, scaling) })),
    { name: 'E', minScore: -Infinity },
  ];
}
