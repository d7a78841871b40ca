export { bootstrapFixture } from './bootstrap-fixture';
export { chiSquareSurvival, gammaQ, lnGamma } from './chi-square';
export { mulberry32, quantileSorted } from './rng';
export {
  BOOTSTRAP_LIMITS,
  bootstrapDiscrimination,
  resampleAucKs,
  type BootstrapKernel,
  type BootstrapOptions,
  type BootstrapResult,
  type MetricInterval,
} from './bootstrap';
export {
  calibrationByBand,
  calibrationInTheLarge,
  hosmerLemeshow,
  type CalibrationBand,
  type CalibrationInTheLarge,
  type HosmerLemeshow,
} from './calibration-bands';
export { scoreDistribution, type DistributionBin } from './distribution';
export { cutoffTable, nextUp, type CutoffRow, type CutoffTable, type LossAssumption } from './cutoff-table';
export {
  categoricalStability,
  numericStability,
  stabilityReading,
  type StabilityBin,
  type StabilityIndex,
  type StabilityReading,
} from './stability';
export {
  AGE_BAND_EDGES,
  MISSING_GROUP,
  ageBand,
  fairnessReport,
  type FairnessGroup,
  type FairnessReport,
} from './fairness';
export { validateSample, type SampleValidation, type ValidateSampleInput } from './validate-sample';
