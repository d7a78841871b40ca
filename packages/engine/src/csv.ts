/** The CSV cell reader of `@studio/data`'s `readCsv`, run natively (see native/src/csv/csv-columns.h). */
import type { CsvKernel } from '@studio/data';
import { native } from './binding';

/** Whether the loaded addon has the reader (an older build lacks it: `readCsv` then stays in TypeScript). */
export const hasCsvKernel = typeof native.csvColumns === 'function';

/** `@studio/data`'s `CsvKernel.csvColumns`: a CSV file's data cells column by column, or null to decline. */
export const csvColumns: CsvKernel['csvColumns'] = (...args) => native.csvColumns(...args);
