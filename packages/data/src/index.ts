export * from './schema';
export { scanCsvFile, type ScanOptions } from './csv/scan-csv-file';
export { DEFAULT_MISSING_MARKERS } from './csv/value-kinds';
export * from './table';
export { readCsv, parseCsv, type ReadCsvOptions } from './csv/read-csv';
export { binaryTarget } from './split/binary-target';
export { mulberry32 } from './split/prng';
export {
  randomSplit,
  stratifiedSplit,
  timeSplit,
  type SplitIndices,
  type SplitOptions,
} from './split/splits';
export type { DataWarning } from './checks/data-warning';
export { dropAllMissingColumns } from './checks/usable-columns';
export { leakageWarnings, separatesPerfectly } from './checks/leakage';
export { profileTable, type ProfileTarget } from './profile/profile-table';
export type * from './profile/profile-types';
