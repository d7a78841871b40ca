import type { InputField } from '@studio/api';
import { tableRow, type Table } from '@studio/data';

const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

/** The fields the model reads that have no column in the CSV. */
export function missingColumns(fields: readonly InputField[], table: Table): string[] {
  const names = new Set(table.columns.map((c) => c.name));
  return fields.filter((f) => f.used !== false && !names.has(f.name)).map((f) => f.name);
}

/**
 * The CSV's rows as request records: only the schema's fields (other columns, such as an id or the target,
 * are ignored), each cell given back the JSON type the field expects where the CSV reader inferred another
 * (categories that look like numbers, dates read as epoch milliseconds, and numbers in a column the reader
 * took for text because one of its rows holds a bad value: that row alone is then refused).
 */
export function* csvRecords(
  fields: readonly InputField[],
  table: Table,
): Generator<[number, Record<string, unknown>]> {
  for (let i = 0; i < table.rowCount; i++) {
    const raw = tableRow(table, i);
    const record: Record<string, unknown> = {};
    for (const f of fields) {
      if (f.used === false) continue;
      const v = raw[f.name] ?? null;
      if (v !== null && f.type === 'categorical' && typeof v === 'number') record[f.name] = String(v);
      else if (f.type === 'numeric' && typeof v === 'string' && NUMBER.test(v.trim()))
        record[f.name] = Number(v);
      else if (v !== null && f.type === 'date' && typeof v === 'number')
        record[f.name] = new Date(v).toISOString();
      else record[f.name] = v;
    }
    yield [i, record];
  }
}
