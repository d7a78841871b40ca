export * from './schema';
export { scanCsvFile, type ScanOptions } from './csv/scan-csv-file';
export { DEFAULT_MISSING_MARKERS, booleanValue } from './csv/value-kinds';
export * from './table';
export type { Cells, SlotOf } from './transforms/cells';
export { readCsv, parseCsv, parseCsvReference, type ReadCsvOptions } from './csv/read-csv';
export { csvBoundaryCases, csvReadOutcome } from './csv/read-csv-cases';
export { binaryTarget } from './split/binary-target';
export { mulberry32 } from './split/prng';
export {
  randomSplit,
  stratifiedSplit,
  timeSplit,
  type SplitIndices,
  type SplitOptions,
} from './split/splits';
export {
  cutoffFacts,
  emptySideProblem,
  outOfTimeSplit,
  showTime,
  type CutoffFacts,
  type OutOfTimeIndices,
} from './split/out-of-time';
export {
  DATA_WARNING_CODES,
  EXCLUDED_BY_DEFAULT,
  type DataWarning,
  type DataWarningCode,
} from './checks/data-warning';
export {
  dataWarnings,
  columnWarnings,
  tinyClassWarnings,
  columnsToLeaveOut,
  type CheckOptions,
} from './checks/column-checks';
export { dropAllMissingColumns } from './checks/usable-columns';
export { leakageWarnings, separatesPerfectly, singleColumnAuc, outcomeName } from './checks/leakage';
export { profileTable, type ProfileTarget } from './profile/profile-table';
export type * from './profile/profile-types';
export {
  fitImpute,
  applyImpute,
  applyImputeRow,
  compileImputeRow,
  type FittedImpute,
  type ImputeParams,
  type Scaling,
} from './transforms/impute';
export {
  fitOneHot,
  applyOneHot,
  applyOneHotRow,
  compileOneHotRow,
  indicatorCodes,
  oneHotName,
  unseenCategoryWarning,
  type FittedOneHot,
  type IndicatorCodes,
  type OneHotParams,
} from './transforms/one-hot';
export {
  fitStandardize,
  applyStandardize,
  applyStandardizeRow,
  compileStandardizeRow,
  type FittedStandardize,
  type StandardizeParams,
} from './transforms/standardize';
export {
  fitWoe,
  applyWoe,
  applyWoeRow,
  compileWoeRow,
  woeBinsOfRow,
  informationValues,
  type FittedWoe,
  type WoeColumn,
  type WoeParams,
} from './transforms/woe/woe-binning';
export type { WoeBin } from './transforms/woe/woe-stats';
export { useWoeKernels, type WoeKernels } from './transforms/woe/woe-kernels';
export { columnKernels, useColumnKernels, type ColumnKernels } from './transforms/column-kernels';
export { useCheckKernels, type CheckKernels } from './check-kernels';
// The checks' column passes whose native twins (`CheckKernels`) the engine's tests compare with them.
export {
  allDistinct,
  scanAucBounds,
  scanCategories,
  scanValues,
  topCountAtLeast,
  type NumericScan,
} from './checks/column-scan';
export { tallyAuc, tallyValues } from './checks/value-tally';
export { useCsvKernel, type CsvCells, type CsvColumnCells, type CsvKernel } from './csv/csv-kernel';
export { woeFixture } from './transforms/woe/woe-fixture';
export { checksFixture } from './checks/checks-fixture';
export type { Trend } from './transforms/woe/bin-merge';
export {
  selectFeatures,
  correlation,
  type DroppedFeature,
  type SelectionParams,
} from './transforms/feature-selection';
export {
  applyTransform,
  applyTransformRow,
  compileTransformRow,
  applyPipeline,
  applyPipelineRow,
  parseFittedTransform,
  type FittedTransform,
} from './transforms/transform';
