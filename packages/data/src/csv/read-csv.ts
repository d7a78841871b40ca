// Kept hand-written (issue #9, measured): 0.70x pandas read_csv's time on 1.5M rows (docs/benchmarks.md).
import { isUtf8 } from 'node:buffer';
import { readFileSync, statSync } from 'node:fs';
import { type FileHandle, open, readFile } from 'node:fs/promises';
import { isStudioError } from '@studio/ir';
import type { ColumnType } from '../schema';
import type { Column, Table } from '../table';
import { ByteIndex, UNSEEN } from './byte-index';
import { csvKernel } from './csv-kernel';
import { fieldText, parseNumberBytes } from './field';
import { assertRowWidth } from './header';
import { readWithKernel } from './native-read';
import { withFileErrors } from './read-failure';
import { bomLength, bufferRows } from './row-source';
import { SchemaAccumulator, assertHasRows } from './schema-accumulator';
import { CsvTokenizer, FIELD_ESCAPED, type RowFields, type RowHandler } from './tokenizer';
import { type Sample, badValueError, typePlan } from './type-plan';
import { assertNotUtf16, assertUtf8 } from './utf8';
import { DEFAULT_MISSING_MARKERS, booleanValue, dateValue } from './value-kinds';

/** Options of `readCsv` and `parseCsv`. */
export interface ReadCsvOptions {
  /** Column types that override inference, by column name. */
  types?: Record<string, ColumnType>;
  /** Cell texts that mean "missing"; defaults to `DEFAULT_MISSING_MARKERS`. */
  missingMarkers?: readonly string[];
  /** Rows sampled to infer types (default 20,000); a later value that contradicts the sample triggers a re-read. */
  inferRows?: number;
  /** Files up to this many bytes are read whole and parsed in memory; larger ones stream (default 32 MiB). */
  wholeFileBytes?: number;
}

const NUM = 0;
const BOOL = 1;
const DATE = 2;
const CAT = 3;
const KIND: Record<ColumnType, number> = { numeric: NUM, boolean: BOOL, date: DATE, categorical: CAT };

/** Reads a CSV file (or bytes) into a columnar Table, inferring column types unless `opts.types` overrides them. */
export async function readCsv(source: string | Uint8Array, opts: ReadCsvOptions = {}): Promise<Table> {
  if (typeof source !== 'string') return parseCsv(source, opts);
  // A small or medium file is read whole in one synchronous call (a few milliseconds at this size) and parsed
  // in memory: no chunked reads through the thread pool, no second pass over a sampled prefix (measured
  // ~30% faster on a 2.8 MB file, docs/benchmarks.md). Larger files stream, without holding them whole.
  const whole = await withFileErrors(source, async () =>
    statSync(source).size <= (opts.wholeFileBytes ?? WHOLE_FILE_BYTES) ? readFileSync(source) : null,
  );
  if (whole) return parseCsv(whole, opts);
  const streamed = await withFileErrors(source, () => readStreamed(source, opts));
  return streamed ?? parseCsv(await withFileErrors(source, () => readFile(source)), opts);
}

const CHUNK_BYTES = 4 << 20;
/** Files up to this size are read whole (see `readCsv`). */
const WHOLE_FILE_BYTES = 32 << 20;

/**
 * Reads a file without holding it whole: the inference sample comes from a prefix, then each typed pass
 * streams the file in chunks. Returns null (the caller then parses the whole file in memory, exactly as
 * `parseCsv` does) for anything off the common path: a file that fits in the prefix, a sample that needs the
 * whole file, and any user error, so that errors are reported identically.
 */
async function readStreamed(path: string, opts: ReadCsvOptions): Promise<Table | null> {
  const fh = await open(path, 'r');
  try {
    const inferRows = opts.inferRows ?? 20_000;
    const size = (await fh.stat()).size;
    const prefix = await readPrefix(fh, inferRows + 2);
    if (prefix === null) return null;
    if (prefix.whole) return parseCsv(prefix.buf, opts);
    try {
      assertNotUtf16(prefix.buf);
      const markers = new Set(opts.missingMarkers ?? DEFAULT_MISSING_MARKERS);
      const sample = sampleSchema(prefix.buf, markers, inferRows, false, true);
      if (sample === null) return null;
      const plan = typePlan(sample, opts, size);
      for (;;) {
        const sink = typedSink(sample.names, plan.types, plan.isForced, markers, plan.estimate);
        // When every column is numeric, the sampled rows are not parsed again: their recorded numbers are the
        // typed pass's own (see SchemaAccumulator), and the file streams on from the end of the sample.
        // (Only where the sample itself found every column numeric: a column forced to numbers over text would
        // have to report its first bad value.)
        const allNumeric = [...sample.types, ...plan.types].every((t) => t === 'numeric');
        const recorded = allNumeric ? sample.recorded : undefined;
        if (recorded) {
          sink.preload(recorded.values, recorded.stride, recorded.rows);
          await streamFile(fh, sink.onRow, recorded.end, recorded.line);
        } else await streamFile(fh, sink.onRow);
        const result = sink.finish();
        if (result.demoted.length === 0) return result.table;
        plan.types = plan.types.map((t, k) => (result.demoted.includes(k) ? 'categorical' : t));
      }
    } catch (e) {
      if (isStudioError(e)) return null;
      throw e;
    }
  } finally {
    await fh.close();
  }
}

/** Reads the file's start until it holds `lines` newlines (`whole` when the file ended first); null if that grows past a bound. */
async function readPrefix(fh: FileHandle, lines: number): Promise<{ buf: Buffer; whole: boolean } | null> {
  let buf = Buffer.allocUnsafe(1 << 20);
  let len = 0;
  let seen = 0;
  for (;;) {
    if (len === buf.length) {
      if (len >= 64 << 20) return null;
      const next = Buffer.allocUnsafe(len * 2);
      buf.copy(next, 0, 0, len);
      buf = next;
    }
    const { bytesRead } = await fh.read(buf, len, buf.length - len, len);
    if (bytesRead === 0) return { buf: buf.subarray(0, len), whole: true };
    let at = len;
    len += bytesRead;
    for (;;) {
      const nl = buf.indexOf(0x0a, at);
      if (nl < 0 || nl >= len) break;
      at = nl + 1;
      if (++seen >= lines) return { buf: buf.subarray(0, len), whole: false };
    }
  }
}

/**
 * Streams the file through a fresh tokenizer, checking UTF-8 as it goes: from its start (header row included),
 * or from byte `start` (a row boundary already checked up to there) with `line` the line number found there.
 */
async function streamFile(fh: FileHandle, onRow: RowHandler, start = 0, line = 1): Promise<void> {
  const tok = new CsvTokenizer();
  tok.line = line;
  let buf = Buffer.allocUnsafe(CHUNK_BYTES);
  let len = 0;
  let pos = start;
  let first = start === 0;
  for (;;) {
    if (len === buf.length) {
      const next = Buffer.allocUnsafe(len * 2);
      buf.copy(next, 0, 0, len);
      buf = next;
    }
    const { bytesRead } = await fh.read(buf, len, buf.length - len, pos);
    if (bytesRead === 0) break;
    pos += bytesRead;
    len += bytesRead;
    let from = 0;
    if (first) {
      if (len < 4) continue;
      from = bomLength(buf);
      first = false;
    }
    const rest = tok.parse(buf, from, len, false, onRow);
    assertUtf8(buf.subarray(from, rest), 1);
    buf.copyWithin(0, rest, len);
    len -= rest;
  }
  const tail = buf.subarray(0, len);
  const from = first ? bomLength(tail) : 0;
  assertUtf8(tail.subarray(from), 1);
  tok.parse(tail, from, tail.length, true, onRow);
}

/** Parses CSV bytes already in memory into a columnar Table (the synchronous core of `readCsv`). */
export function parseCsv(buf: Uint8Array, opts: ReadCsvOptions = {}): Table {
  return parseInMemory(buf, opts, true);
}

/**
 * `parseCsv` without its shortcuts (the type sample found by one `indexOf` per line, every row tokenized again
 * by the typed pass): the reference the shortcuts are tested against (`read-csv-differential.test.ts`).
 */
export function parseCsvReference(buf: Uint8Array, opts: ReadCsvOptions = {}): Table {
  return parseInMemory(buf, opts, false);
}

function parseInMemory(buf: Uint8Array, opts: ReadCsvOptions, shortcuts: boolean): Table {
  const markers = new Set(opts.missingMarkers ?? DEFAULT_MISSING_MARKERS);
  const inferRows = opts.inferRows ?? 20_000;
  const kernel = shortcuts ? csvKernel() : null;
  const native = kernel ? readWithKernel(kernel, buf, opts, markers, inferRows) : null;
  if (native) return native;
  const quick = shortcuts ? quickSample(buf, markers, inferRows, opts.types ?? {}) : null;
  const sample = quick?.sample ?? sampleSchema(buf, markers, inferRows, true)!;
  const plan = typePlan(sample, opts, buf.length);
  if (quick?.table) return quick.table;
  for (;;) {
    const sink = typedSink(sample.names, plan.types, plan.isForced, markers, plan.estimate);
    // As in `readStreamed`: when every column is numeric, the sampled rows keep the sample's numbers and only
    // the rest of the file is tokenized (after the same encoding checks `bufferRows` makes).
    const recorded = sample.recorded;
    if (recorded && [...sample.types, ...plan.types].every((t) => t === 'numeric')) {
      assertNotUtf16(buf);
      assertUtf8(buf.subarray(bomLength(buf)), 1);
      sink.preload(recorded.values, recorded.stride, recorded.rows);
      const tok = new CsvTokenizer();
      tok.line = recorded.line;
      tok.parse(buf, recorded.end, buf.length, true, sink.onRow);
    } else bufferRows(buf, sink.onRow);
    const result = sink.finish();
    if (result.demoted.length === 0) return result.table;
    plan.types = plan.types.map((t, k) => (result.demoted.includes(k) ? 'categorical' : t));
  }
}

/**
 * The type sample of `sampleSchema(buf, markers, inferRows, true, true)` in one tokenizer pass, without first
 * finding the sample's end with one `indexOf` per line (20,000 native calls, ~20 ms in a fresh process): the
 * tokenizer stops after `inferRows + 1` line breaks itself. That equals the byte count of line feeds unless a
 * lone CR ends a line; for that, for a row straddling the sample's end, for invalid UTF-8 and for any error it
 * returns null, and the caller takes `sampleSchema`, which reports exactly what it always did.
 *
 * When the sample finds every column numeric and no override asks for another type, the same pass goes on to
 * the end of the file, recording every cell's number (the code stays warm: no second, cold pass over the
 * rows). If every column is still numeric at the end, `table` holds the result, exactly what the typed pass
 * would build (its numbers are the recorded ones, see `SchemaAccumulator`); otherwise the sample serves the
 * typed pass as usual.
 */
function quickSample(
  buf: Uint8Array,
  markers: ReadonlySet<string>,
  inferRows: number,
  forced: Record<string, ColumnType>,
): { sample: Sample; table: Table | null } | null {
  assertNotUtf16(buf);
  const from = bomLength(buf);
  if (!isUtf8(buf.subarray(from))) return null;
  const acc = new SchemaAccumulator(markers, false, true);
  // Room for the sample's rows at once (estimated from the first data line's length), not grown by doubling.
  const line1 = buf.indexOf(0x0a, from);
  const line2 = line1 < 0 ? -1 : buf.indexOf(0x0a, line1 + 1);
  if (line2 > line1 + 1) {
    acc.initialRows = Math.min(inferRows + 1, Math.ceil(((buf.length - from) / (line2 - line1)) * 1.2) + 16);
  }
  const tok = new CsvTokenizer();
  tok.breakLimit = inferRows + 1;
  const numbersOnly = Object.values(forced).every((t) => t === 'numeric');
  let at: { rows: number; types: ColumnType[]; end: number; line: number; loneCr: boolean } | null = null;
  tok.onBreakLimit = (offset) => {
    const types = acc.types();
    at = { rows: acc.rowCount, types, end: offset, line: tok.line, loneCr: tok.loneCr };
    if (acc.rowCount === 0 || !numbersOnly || !types.every((t) => t === 'numeric')) return false;
    acc.reserve(Math.ceil((buf.length / Math.max(offset, 1)) * acc.rowCount * 1.1) + 16);
    return true;
  };
  let end: number;
  try {
    end = tok.parse(buf, from, buf.length, true, acc.add);
  } catch {
    return null;
  }
  const names = acc.names;
  const s = at ?? { rows: acc.rowCount, types: acc.types(), end, line: tok.line, loneCr: tok.loneCr };
  if (tok.straddled || s.loneCr || s.rows === 0 || names === null) return null;
  const sample: Sample = {
    names,
    types: s.types,
    rows: s.rows + 1,
    bytes: s.end,
    recorded: { values: acc.values, stride: acc.stride, rows: s.rows, end: s.end, line: s.line },
  };
  if (at === null || acc.rowCount === s.rows || !acc.types().every((t) => t === 'numeric')) {
    return { sample, table: null };
  }
  const rows = acc.rowCount;
  const { values, stride } = acc;
  const columns = names.map((name, k): Column => ({
    name,
    type: 'numeric',
    values: values.slice(k * stride, k * stride + rows),
  }));
  return { sample, table: { rowCount: rows, columns } };
}

/** With `whole` false, `buf` is only the file's start: returns null where the sample would need the rest. */
function sampleSchema(
  buf: Uint8Array,
  markers: ReadonlySet<string>,
  inferRows: number,
  whole: boolean,
  record = false,
): Sample | null {
  const acc = new SchemaAccumulator(markers, false, record);
  let end = 0;
  for (let rows = 0; rows <= inferRows && end < buf.length; rows++) {
    const nl = buf.indexOf(0x0a, end);
    end = nl < 0 ? buf.length : nl + 1;
  }
  // One tokenizer pass over the prefix, with the checks `bufferRows` makes (encoding first, then the BOM): it
  // feeds the rows up to the last complete one before `end` and returns where that row ends (a quoted newline
  // is not a boundary), so the prefix is not tokenized a second time to find that boundary.
  assertNotUtf16(buf);
  const from = bomLength(buf);
  assertUtf8(buf.subarray(from, end), 1);
  const tok = new CsvTokenizer();
  const prefixEnd = tok.parse(buf, from, end, end === buf.length, acc.add);
  // A quoted field spanning the whole prefix leaves no sample row: sample everything so the real error shows.
  if (acc.rowCount === 0 && prefixEnd < buf.length) {
    return whole ? sampleSchema(buf, markers, Infinity, true) : null;
  }
  const schema = acc.result();
  return {
    names: acc.names ?? [],
    types: schema.columns.map((c) => c.type),
    rows: schema.rowCount + 1,
    bytes: end,
    ...(record
      ? {
          recorded: {
            values: acc.values,
            stride: acc.stride,
            rows: acc.rowCount,
            end: prefixEnd,
            line: tok.line,
          },
        }
      : {}),
  };
}

interface Builder {
  values: Float64Array;
  codes: Int32Array;
  levels: string[];
  lookup: Map<string, number>;
  bytes: ByteIndex;
}

/** Builds typed columns from the rows fed to `onRow` (header first); `finish` returns the table and the columns to demote. */
function typedSink(
  names: string[],
  types: ColumnType[],
  isForced: boolean[],
  markers: ReadonlySet<string>,
  estimate: number,
): {
  onRow: RowHandler;
  preload: (values: Float64Array, stride: number, rows: number) => void;
  finish: () => { table: Table; demoted: number[] };
} {
  const width = names.length;
  const kinds = types.map((t) => KIND[t]);
  let cap = estimate;
  const builders: Builder[] = kinds.map((kind) => ({
    values: new Float64Array(kind === CAT ? 0 : cap),
    codes: new Int32Array(kind === CAT ? cap : 0),
    levels: [],
    lookup: new Map(),
    bytes: new ByteIndex(),
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
    throw badValueError(names[k]!, types[k]!, row.line, text);
  };

  const onRow = (row: RowFields): void => {
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
        // A value seen before is found from its bytes; the text is decoded once per distinct value (and for
        // every cell with escaped quotes, whose bytes are not its text).
        const flag = row.flags[k]!;
        const plain = (flag & FIELD_ESCAPED) === 0;
        let code = plain ? builder.bytes.get(b, s, e) : UNSEEN;
        if (code === UNSEEN) {
          const text = fieldText(b, s, e, flag);
          code = -1;
          if (!markers.has(text)) {
            const known = builder.lookup.get(text);
            if (known === undefined) {
              code = builder.levels.length;
              builder.levels.push(text);
              builder.lookup.set(text, code);
            } else code = known;
          }
          if (plain) builder.bytes.set(b, s, e, code);
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
  };
  /** Takes the first `rows` data rows (header already read) from column-major numbers; every column is numeric. */
  const preload = (values: Float64Array, stride: number, rows: number): void => {
    if (rows > cap) {
      cap = rows;
      for (let k = 0; k < width; k++) grow(builders[k]!, kinds[k]!, cap);
    }
    for (let k = 0; k < width; k++) builders[k]!.values.set(values.subarray(k * stride, k * stride + rows));
    r = rows;
  };
  const finish = (): { table: Table; demoted: number[] } => {
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
  };
  return { onRow, preload, finish };
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
