export * from './schema';
export { scanCsvFile, type ScanOptions } from './csv/scan-csv-file';
export { DEFAULT_MISSING_MARKERS } from './csv/value-kinds';
