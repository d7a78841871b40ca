import { UserError } from '@studio/ir';
import { DISTINCT_CAP, type ColumnType, type DatasetSchema } from '../schema';
import { fieldText, parseNumberBytes } from './field';
import { assertRowWidth, headerNames } from './header';
import type { RowFields } from './tokenizer';
import { textTypeBits } from './value-kinds';

/**
 * Column type from the AND of its cells' type bits (numeric 1, boolean 2, date 4). A column with no values
 * keeps all bits and reads as numeric: when only a sample was seen, a later text value then demotes it.
 */
export function typeFromBits(bits: number): ColumnType {
  if (bits & 1) return 'numeric';
  if (bits & 2) return 'boolean';
  if (bits & 4) return 'date';
  return 'categorical';
}

/** Throws the user error for a CSV with no header or no data rows. */
export function assertHasRows(names: string[] | null, rowCount: number): asserts names is string[] {
  if (names === null) {
    throw new UserError('CSV_EMPTY', 'The file is empty. Upload a CSV whose first row names the columns.');
  }
  if (rowCount === 0) {
    throw new UserError(
      'CSV_NO_ROWS',
      'The file has a header row but no data rows. Upload a CSV with at least one row of data.',
    );
  }
}

/** Learns a DatasetSchema from rows fed one at a time (the first row is the header). */
export class SchemaAccumulator {
  names: string[] | null = null;
  rowCount = 0;
  private bits: number[] = [];
  private missing: number[] = [];
  private numbers: Set<number>[] = [];
  private texts: Set<string>[] = [];
  private capped: boolean[] = [];
  /** When no missing marker looks like a number, numeric cells never need decoding to text. */
  private readonly numericMarkers: boolean;

  /**
   * With `countDistinct` false (what reading needs: the types only) no distinct values are kept and the cells of
   * a column already known to hold text are skipped, so distinct and missing counts are not meaningful.
   */
  /**
   * With `record`, each cell's number is kept column-major in `values`, column k of row r at
   * `k * stride + r` (NaN for a missing marker or text): for a
   * column that ends up numeric, exactly what the typed pass of `readCsv` would store, so it can reuse them.
   */
  constructor(
    private readonly markers: ReadonlySet<string>,
    private readonly countDistinct = true,
    private readonly record = false,
  ) {
    this.numericMarkers = [...markers].some((m) => m.trim() !== '' && !Number.isNaN(Number(m)));
  }

  /** The recorded cells (`rowCount` rows of each column, column-major) when constructed with `record`. */
  values = new Float64Array(0);
  /** Rows of room per column in `values`. */
  stride = 0;
  /** Rows of room per column made on the first recorded row (then doubled as needed). */
  initialRows = 1024;

  /** Makes room for `rows` recorded rows per column (with `record`). */
  reserve(rows: number): void {
    if (this.stride >= rows) return;
    const width = this.names?.length ?? 0;
    const grown = new Float64Array(rows * width);
    for (let k = 0; k < width; k++) {
      grown.set(this.values.subarray(k * this.stride, k * this.stride + this.rowCount), k * rows);
    }
    this.values = grown;
    this.stride = rows;
  }

  /** The column types of the rows seen so far (numeric for a column without values), without the row checks of `result`. */
  types(): ColumnType[] {
    return this.bits.map(typeFromBits);
  }

  /** Feeds one row; use as a RowHandler. */
  readonly add = (row: RowFields): void => {
    const names = this.names;
    if (names === null) {
      const header = headerNames(row);
      this.names = header;
      this.bits = header.map(() => 7);
      this.missing = header.map(() => 0);
      this.numbers = header.map(() => new Set<number>());
      this.texts = header.map(() => new Set<string>());
      this.capped = header.map(() => false);
      return;
    }
    assertRowWidth(row, names.length);
    const at = this.rowCount;
    if (this.record && at === this.stride) this.reserve(Math.max(this.initialRows, this.stride * 2));
    this.rowCount++;
    const values = this.values;
    const stride = this.stride;
    // Fields read into locals once a row: a cold (not yet optimised) loop pays for every property load and call.
    const { bits, record, countDistinct, numericMarkers } = this;
    const { buf, starts, ends, count } = row;
    for (let k = 0; k < count; k++) {
      if (bits[k] === 0 && !countDistinct) continue;
      const s = starts[k]!;
      const e = ends[k]!;
      const num = parseNumberBytes(buf, s, e);
      if (record) values[k * stride + at] = num;
      if (num === num && !numericMarkers) {
        bits[k]! &= 1;
        if (countDistinct) this.addDistinct(k, this.numbers[k]!, num);
        continue;
      }
      const text = fieldText(buf, s, e, row.flags[k]!);
      if (this.markers.has(text)) {
        this.missing[k]!++;
        if (record) values[k * stride + at] = NaN;
      } else if (num === num) {
        bits[k]! &= 1;
        this.addDistinct(k, this.numbers[k]!, num);
      } else {
        bits[k]! &= textTypeBits(text, bits[k]!);
        this.addDistinct(k, this.texts[k]!, text);
      }
    }
  };

  private addDistinct<T>(k: number, set: Set<T>, value: T): void {
    if (!this.countDistinct || this.capped[k] || set.has(value)) return;
    if (this.numbers[k]!.size + this.texts[k]!.size >= DISTINCT_CAP) this.capped[k] = true;
    else set.add(value);
  }

  /** The schema of the rows seen so far; throws when there was no header or no data row. */
  result(): DatasetSchema {
    assertHasRows(this.names, this.rowCount);
    return {
      rowCount: this.rowCount,
      columns: this.names.map((name, k) => ({
        name,
        type: typeFromBits(this.bits[k]!),
        missingCount: this.missing[k]!,
        distinctCount: this.numbers[k]!.size + this.texts[k]!.size,
        distinctCapped: this.capped[k]!,
      })),
    };
  }
}
