import { bootstrapDiscrimination, type BootstrapOptions, type BootstrapResult } from './bootstrap';
import {
  calibrationByBand,
  calibrationInTheLarge,
  hosmerLemeshow,
  type CalibrationBand,
  type CalibrationInTheLarge,
  type HosmerLemeshow,
} from './calibration-bands';
import { cutoffTable, type CutoffTable, type LossAssumption } from './cutoff-table';
import { scoreDistribution, type DistributionBin } from './distribution';
import { fairnessReport, type FairnessReport } from './fairness';

/** Everything the validation pack reports for one evaluated sample (test or out-of-time). */
export interface SampleValidation {
  rows: number;
  bads: number;
  discrimination: BootstrapResult;
  calibration: {
    bands: CalibrationBand[];
    hosmerLemeshow: HosmerLemeshow;
    inTheLarge: CalibrationInTheLarge;
  };
  distribution: DistributionBin[];
  cutoffs: CutoffTable;
  fairness: FairnessReport[];
}

export interface ValidateSampleInput {
  y: ArrayLike<number>;
  /** Predicted probability of default. */
  prob: ArrayLike<number>;
  /** The score shown to users for the distribution (scorecard points); the probability when absent. */
  score?: ArrayLike<number>;
  /** Cut-off on the probability for fairness (approved when PD < cut-off). */
  cutoff: number;
  bootstrap?: BootstrapOptions;
  loss?: LossAssumption;
  calibrationBands?: number;
  /** Protected attributes: group label per row. */
  protectedGroups?: { attribute: string; groups: ArrayLike<string | null> }[];
}

/** Runs the whole validation pack of `@studio/scoring` on one sample. */
export function validateSample(input: ValidateSampleInput): SampleValidation {
  const { y, prob } = input;
  let bads = 0;
  for (let i = 0; i < y.length; i++) bads += y[i]!;
  const bands = calibrationByBand(y, prob, input.calibrationBands ?? 10);
  return {
    rows: y.length,
    bads,
    discrimination: bootstrapDiscrimination(y, prob, input.bootstrap),
    calibration: {
      bands,
      hosmerLemeshow: hosmerLemeshow(bands),
      inTheLarge: calibrationInTheLarge(y, prob),
    },
    distribution: scoreDistribution(y, input.score ?? prob),
    cutoffs: cutoffTable(y, prob, input.loss),
    fairness: (input.protectedGroups ?? []).map((p) =>
      fairnessReport(p.attribute, y, prob, p.groups, input.cutoff),
    ),
  };
}
