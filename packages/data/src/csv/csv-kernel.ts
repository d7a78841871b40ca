/**
 * A native reader of a CSV file's cells, registered by a package that has the engine (`@studio/pipeline`
 * registers `@studio/engine`'s): this package does not depend on the engine. It only tokenizes, parses numbers
 * and interns texts; types, missing values and errors stay in `native-read.ts`, and without it (or wherever it
 * declines a file) the TypeScript reader runs. `csv.test.ts` in the engine proves the same tables.
 */
export interface CsvKernel {
  /**
   * The data rows of `buf` from byte `from` (`line`: the line number there), `width` fields a row; null for a
   * row of another width, bytes that are not UTF-8, a quote error, a lone CR, a text starting with a byte-order
   * mark, a number out of range or no row. `internAll[k]` = 1 keeps the text of every cell of column k.
   */
  csvColumns(
    buf: Uint8Array,
    from: number,
    line: number,
    width: number,
    inferRows: number,
    markers: string[],
    internAll: Uint8Array,
  ): CsvCells | null;
}

/** The cells `CsvKernel.csvColumns` read. */
export interface CsvCells {
  rows: number;
  /** Rows ending within the file's first `inferRows + 1` line feeds: the type sample. */
  sampleRows: number;
  /** The line on which each row starts. */
  lines: Int32Array;
  columns: CsvColumnCells[];
}

/** One column's cells. */
export interface CsvColumnCells {
  /** Each cell's number (`parseNumberBytes`), NaN for any other text. */
  values: Float64Array;
  /**
   * -1 a missing marker, -2 a number whose text was not kept, else the index of the cell's text in `texts`;
   * empty when every cell is such a number.
   */
  codes: Int32Array;
  /** Distinct texts other than missing markers, in the order first seen (every cell's text where kept). */
  texts: string[];
  /** The number of each text, NaN when it is not one. */
  textValues: Float64Array;
  /** Texts first seen within the sample's rows (the first `sampleTexts` of `texts`). */
  sampleTexts: number;
  /** Cells with code -2. */
  numbers: number;
  /** The first row holding a non-empty text that is neither a number nor a missing marker, else -1. */
  firstText: number;
}

let registered: CsvKernel | null = null;

/** Registers a native CSV cell reader for this process (null goes back to the TypeScript reader alone). */
export function useCsvKernel(kernel: CsvKernel | null): void {
  registered = kernel;
}

/** The registered reader, if any. */
export function csvKernel(): CsvKernel | null {
  return registered;
}
