// Kept hand-written (issue #9, measured): equal to scikit-learn/scipy (reference-metrics.test.ts); no npm equivalent.
export { auc, gini } from './auc';
export { ksRow, ksStatistic, type KsResult, type KsRow } from './ks';
export { gainsTable, type GainsRow } from './gains';
export { confusionMatrix, type ConfusionMatrix } from './confusion';
export { brierScore, calibrationCurve, type CalibrationBin } from './calibration';
export { psi, type PsiBin, type PsiResult } from './psi';
export { orderByScoreDesc, useScoreOrderKernel, type ScoreOrderKernel } from './inputs';
export { informationValue, informationValueOfBins, type InformationValue } from './information-value';
export {
  buildScorecard,
  probabilityFromScore,
  scalingOf,
  scoreFromProbability,
  type Scaling,
  type ScalingParams,
  type Scorecard,
  type ScorecardBin,
  type WoeLogisticModel,
} from './scorecard';
export { reasonCodes, type ReasonCode, type ScoredApplicant } from './reason-codes';
export { riskBand, scorecardScore, type RiskBand } from './score-applicant';
export * from './validation';
export { shapReasonCodes } from './shap-reasons';
export {
  MAX_EXACT_PLAYERS,
  SAMPLED_ROWS,
  logitOf,
  shapleyCoalitions,
  type Coalitions,
  type ShapleyOptions,
} from './shapley';
