import { readFile } from 'node:fs/promises';
import { UserError } from '@studio/ir';
import type { ColumnType } from '../schema';
import type { Column, Table } from '../table';
import { fieldText, parseNumberBytes } from './field';
import { assertRowWidth } from './header';
import { withFileErrors } from './read-failure';
import { bufferRows } from './row-source';
import { SchemaAccumulator, assertHasRows } from './schema-accumulator';
import { CsvTokenizer, type RowFields } from './tokenizer';
import { DEFAULT_MISSING_MARKERS, booleanValue, dateValue } from './value-kinds';

/** Options of `readCsv` and `parseCsv`. */
export interface ReadCsvOptions {
  /** Column types that override inference, by column name. */
  types?: Record<string, ColumnType>;
  /** Cell texts that mean "missing"; defaults to `DEFAULT_MISSING_MARKERS`. */
  missingMarkers?: readonly string[];
  /** Rows sampled to infer types (default 20,000); a later value that contradicts the sample triggers a re-read. */
  inferRows?: number;
}

const NUM = 0;
const BOOL = 1;
const DATE = 2;
const CAT = 3;
const KIND: Record<ColumnType, number> = { numeric: NUM, boolean: BOOL, date: DATE, categorical: CAT };

/** Reads a CSV file (or bytes) into a columnar Table, inferring column types unless `opts.types` overrides them. */
export async function readCsv(source: string | Uint8Array, opts: ReadCsvOptions = {}): Promise<Table> {
  if (typeof source !== 'string') return parseCsv(source, opts);
  return parseCsv(await withFileErrors(source, () => readFile(source)), opts);
}

/** Parses CSV bytes already in memory into a columnar Table (the synchronous core of `readCsv`). */
export function parseCsv(buf: Uint8Array, opts: ReadCsvOptions = {}): Table {
  const markers = new Set(opts.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  const sample = sampleSchema(buf, markers, opts.inferRows ?? 20_000);
  const forced = opts.types ?? {};
  for (const name of Object.keys(forced)) {
    if (!sample.names.includes(name)) {
      throw new UserError(
        'COLUMN_NOT_FOUND',
        `A type is set for column "${name}", which the file does not have.`,
        {
          name,
        },
      );
    }
  }
  let types = sample.names.map((n, k) => forced[n] ?? sample.types[k]!);
  const isForced = sample.names.map((n) => forced[n] !== undefined);
  const estimate = Math.ceil((buf.length / Math.max(sample.bytes, 1)) * Math.max(sample.rows, 1) * 1.1) + 16;
  for (;;) {
    const result = parseTyped(buf, sample.names, types, isForced, markers, estimate);
    if (result.demoted.length === 0) return result.table;
    types = types.map((t, k) => (result.demoted.includes(k) ? 'categorical' : t));
  }
}

interface Sample {
  names: string[];
  types: ColumnType[];
  rows: number;
  bytes: number;
}

function sampleSchema(buf: Uint8Array, markers: ReadonlySet<string>, inferRows: number): Sample {
  const acc = new SchemaAccumulator(markers);
  let end = 0;
  for (let rows = 0; rows <= inferRows && end < buf.length; rows++) {
    const nl = buf.indexOf(0x0a, end);
    end = nl < 0 ? buf.length : nl + 1;
  }
  const prefixEnd = end === buf.length ? buf.length : findRowBoundary(buf, end);
  // Parse the prefix through the normal path so encoding checks, BOM handling and header validation apply.
  bufferRows(buf.subarray(0, prefixEnd), acc.add);
  // A quoted field spanning the whole prefix leaves no sample row: sample everything so the real error shows.
  if (acc.rowCount === 0 && prefixEnd < buf.length) return sampleSchema(buf, markers, Infinity);
  const schema = acc.result();
  return {
    names: acc.names ?? [],
    types: schema.columns.map((c) => c.type),
    rows: schema.rowCount + 1,
    bytes: end,
  };
}

/** The end of the last complete row before `limit` (a quoted newline is not a boundary). */
function findRowBoundary(buf: Uint8Array, limit: number): number {
  return new CsvTokenizer().parse(buf, 0, limit, false, () => undefined);
}

interface Builder {
  values: Float64Array;
  codes: Int32Array;
  levels: string[];
  lookup: Map<string, number>;
}

function parseTyped(
  buf: Uint8Array,
  names: string[],
  types: ColumnType[],
  isForced: boolean[],
  markers: ReadonlySet<string>,
  estimate: number,
): { table: Table; demoted: number[] } {
  const width = names.length;
  const kinds = types.map((t) => KIND[t]);
  let cap = estimate;
  const builders: Builder[] = kinds.map((kind) => ({
    values: new Float64Array(kind === CAT ? 0 : cap),
    codes: new Int32Array(kind === CAT ? cap : 0),
    levels: [],
    lookup: new Map(),
  }));
  const demoted = new Set<number>();
  // Markers such as "-999" parse as numbers; only cells with those values need their text compared.
  const numericMarkers = new Set(
    [...markers]
      .filter((m) => m.trim() !== '')
      .map(Number)
      .filter((v) => !Number.isNaN(v)),
  );
  const anyNumericMarker = numericMarkers.size > 0;
  let r = -1;

  const invalid = (row: RowFields, k: number, text: string): void => {
    if (!isForced[k]) {
      demoted.add(k);
      return;
    }
    throw new UserError(
      'CSV_BAD_VALUE',
      `Column "${names[k]}" is set to ${types[k]} but line ${row.line} has "${text}". Set the column to categorical, or fix or blank that value.`,
      { column: names[k], line: row.line, value: text },
    );
  };

  bufferRows(buf, (row) => {
    if (r < 0) {
      r = 0;
      return;
    }
    assertRowWidth(row, width);
    if (r === cap) {
      cap = Math.ceil(cap * 1.5);
      for (let k = 0; k < width; k++) grow(builders[k]!, kinds[k]!, cap);
    }
    const b = row.buf;
    for (let k = 0; k < width; k++) {
      const s = row.starts[k]!;
      const e = row.ends[k]!;
      const builder = builders[k]!;
      const kind = kinds[k]!;
      if (kind === NUM) {
        let v = parseNumberBytes(b, s, e);
        if (v !== v && s !== e) {
          const text = fieldText(b, s, e, row.flags[k]!);
          if (!markers.has(text)) invalid(row, k, text);
          v = NaN;
        } else if (
          anyNumericMarker &&
          numericMarkers.has(v) &&
          markers.has(fieldText(b, s, e, row.flags[k]!))
        ) {
          v = NaN;
        }
        builder.values[r] = v;
      } else if (kind === CAT) {
        const text = fieldText(b, s, e, row.flags[k]!);
        let code = -1;
        if (!markers.has(text)) {
          const known = builder.lookup.get(text);
          if (known === undefined) {
            code = builder.levels.length;
            builder.levels.push(text);
            builder.lookup.set(text, code);
          } else code = known;
        }
        builder.codes[r] = code;
      } else {
        const text = fieldText(b, s, e, row.flags[k]!);
        let v = kind === BOOL ? booleanValue(text) : dateValue(text);
        if (v !== v) {
          if (!markers.has(text)) invalid(row, k, text);
          v = NaN;
        }
        builder.values[r] = v;
      }
    }
    r++;
  });
  assertHasRows(r < 0 ? null : names, r);
  const columns = names.map((name, k): Column => {
    const builder = builders[k]!;
    const type = types[k]!;
    if (type === 'categorical') {
      return { name, type, codes: builder.codes.subarray(0, r), levels: builder.levels };
    }
    return { name, type, values: builder.values.subarray(0, r) };
  });
  return { table: { rowCount: r, columns }, demoted: [...demoted] };
}

function grow(builder: Builder, kind: number, cap: number): void {
  if (kind === CAT) {
    const codes = new Int32Array(cap);
    codes.set(builder.codes);
    builder.codes = codes;
  } else {
    const values = new Float64Array(cap);
    values.set(builder.values);
    builder.values = values;
  }
}
