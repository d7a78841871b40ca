/** The CSV cell reader of `@studio/data`'s `readCsv`, run natively (see native/src/csv/csv-columns.h). */
import { native, type NativeCsvCells } from './binding';

/** Whether the loaded addon has the reader (an older build lacks it: `readCsv` then stays in TypeScript). */
export const hasCsvKernel = typeof native.csvColumns === 'function';

/** `@studio/data`'s `CsvKernel.csvColumns`: a CSV file's data cells column by column, or null to decline. */
export function csvColumns(
  buf: Uint8Array,
  from: number,
  line: number,
  width: number,
  inferRows: number,
  markers: string[],
  internAll: Uint8Array,
): NativeCsvCells | null {
  return native.csvColumns(buf, from, line, width, inferRows, markers, internAll);
}
