import type { ColumnType } from '../schema';
import type { Column, Table } from '../table';
import type { CsvColumnCells, CsvKernel } from './csv-kernel';
import { headerNames } from './header';
import type { ReadCsvOptions } from './read-csv';
import { bomLength } from './row-source';
import { typeFromBits } from './schema-accumulator';
import { CsvTokenizer } from './tokenizer';
import { badValueError, typePlan } from './type-plan';
import { assertNotUtf16 } from './utf8';
import { booleanValue, dateValue, textTypeBits } from './value-kinds';

/**
 * `parseCsv` through a native cell reader (no JIT warm-up: a fresh process reads a few megabytes in
 * milliseconds): the same table, types and errors as the TypeScript reader, built from the cells' numbers and
 * distinct texts. Returns null (the caller then runs the TypeScript reader, which reports what it always did)
 * for a header it cannot take, a missing marker that reads as a number, and wherever the
 * kernel declines the file.
 */
export function readWithKernel(
  kernel: CsvKernel,
  buf: Uint8Array,
  opts: ReadCsvOptions,
  markers: ReadonlySet<string>,
  inferRows: number,
): Table | null {
  if ([...markers].some((m) => m.trim() !== '' && !Number.isNaN(Number(m)))) return null;
  assertNotUtf16(buf);
  const from = bomLength(buf);
  const tok = new CsvTokenizer();
  tok.breakLimit = 1;
  let names: string[] | null = null;
  let dataFrom: number;
  try {
    dataFrom = tok.parse(buf, from, buf.length, true, (row) => {
      names = headerNames(row);
    });
  } catch {
    return null;
  }
  if (names === null || tok.straddled || tok.loneCr) return null;
  const header: string[] = names;
  const forced = opts.types ?? {};
  const internAll = Uint8Array.from(header, (n) =>
    forced[n] === undefined || forced[n] === 'numeric' ? 0 : 1,
  );
  const cells = kernel.csvColumns(buf, dataFrom, tok.line, header.length, inferRows, [...markers], internAll);
  if (cells === null) return null;
  const sampleTypes = cells.columns.map(sampleType);
  const plan = typePlan({ names: header, types: sampleTypes, rows: cells.sampleRows + 1, bytes: 0 }, opts, 0);
  for (;;) {
    const demoted: number[] = [];
    let bad: { row: number; k: number; text: string } | null = null;
    const columns: Column[] = [];
    for (let k = 0; k < header.length; k++) {
      const name = header[k]!;
      const type = plan.types[k]!;
      const c = cells.columns[k]!;
      if (type !== 'numeric' && c.numbers > 0) return null;
      let first = -1;
      if (type === 'categorical') columns.push({ name, type, codes: c.codes, levels: c.texts });
      else if (type === 'numeric') {
        first = c.firstText;
        columns.push({ name, type, values: c.values });
      } else {
        const values = textValues(c, type);
        first = values.first;
        columns.push({ name, type, values: values.values });
      }
      if (first < 0) continue;
      if (!plan.isForced[k]) demoted.push(k);
      else if (bad === null || first < bad.row) bad = { row: first, k, text: c.texts[c.codes[first]!]! };
    }
    if (bad !== null)
      throw badValueError(header[bad.k]!, plan.types[bad.k]!, cells.lines[bad.row]!, bad.text);
    if (demoted.length === 0) return { rowCount: cells.rows, columns };
    plan.types = plan.types.map((t, k) => (demoted.includes(k) ? 'categorical' : t));
  }
}

/**
 * The sample's type of a column, as `SchemaAccumulator` finds it from the same rows. The numbers whose texts
 * were not kept need no look: their column holds no other text, so it is numeric either way.
 */
function sampleType(c: CsvColumnCells): ColumnType {
  let bits = 7;
  for (let t = 0; t < c.sampleTexts && bits !== 0; t++) {
    const v = c.textValues[t]!;
    bits &= v === v ? 1 : textTypeBits(c.texts[t]!, bits);
  }
  return typeFromBits(bits);
}

/** A boolean or date column's values (every cell's text is kept for these) and its first invalid row, or -1. */
function textValues(c: CsvColumnCells, type: 'boolean' | 'date'): { values: Float64Array; first: number } {
  const perText = c.texts.map(type === 'boolean' ? booleanValue : dateValue);
  const { codes } = c;
  const values = new Float64Array(codes.length);
  let first = -1;
  for (let r = 0; r < codes.length; r++) {
    const code = codes[r]!;
    const v = code < 0 ? NaN : perText[code]!;
    if (v !== v && code >= 0 && first < 0) first = r;
    values[r] = v;
  }
  return { values, first };
}
