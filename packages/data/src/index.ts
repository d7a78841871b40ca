export * from './schema';
export { scanCsvFile, type ScanOptions } from './csv/scan-csv-file';
export { DEFAULT_MISSING_MARKERS } from './csv/value-kinds';
export * from './table';
export { readCsv, parseCsv, type ReadCsvOptions } from './csv/read-csv';
