import type { FieldProblem, InputField } from '@studio/api';
import type { Row, Table } from '@studio/data';

/** The request fields of a model trained on `table`: every column but the target, typed as in training. */
export function deriveInputSchema(table: Table, target: string): InputField[] {
  return table.columns
    .filter((c) => c.name !== target)
    .map((c): InputField => {
      if (c.type === 'categorical') {
        const seen = new Set<number>();
        let nullable = false;
        for (const code of c.codes) {
          if (code < 0) nullable = true;
          else seen.add(code);
        }
        const categories = [...seen].map((k) => c.levels[k]!).sort();
        return { name: c.name, type: 'categorical', nullable, categories };
      }
      let min = Infinity;
      let max = -Infinity;
      let nullable = false;
      for (const v of c.values) {
        if (Number.isNaN(v)) nullable = true;
        else {
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
      const range = c.type === 'numeric' && min <= max ? { min, max } : {};
      return { name: c.name, type: c.type, nullable, ...range };
    });
}

/** The outcome of checking one request record: the row to score, or every field problem found. */
export type CheckedRecord = { ok: true; row: Row } | { ok: false; problems: FieldProblem[] };

/**
 * Checks a request record against the input schema: each field present (or null where training had missing
 * values), no unknown fields, numbers finite and of JSON number type, categories among those seen in training.
 * `prefix` names the record in batch answers (`[3].age`).
 */
export function checkRecord(fields: readonly InputField[], record: unknown, prefix = ''): CheckedRecord {
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return { ok: false, problems: [{ field: prefix || '(body)', problem: 'wrong_type' }] };
  const given = record as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const row: Row = {};
  const { known, categories } = lookupsOf(fields);
  for (const f of fields) {
    const field = prefix + f.name;
    if (!(f.name in given)) {
      problems.push({ field, problem: 'missing' });
      continue;
    }
    const v = given[f.name];
    if (v === null) {
      if (f.nullable) row[f.name] = null;
      else problems.push({ field, problem: 'not_nullable' });
      continue;
    }
    const problem = checkValue(f, v, categories.get(f.name));
    if (problem) problems.push({ field, problem });
    else row[f.name] = toCell(f, v);
  }
  for (const name of Object.keys(given))
    if (!known.has(name)) problems.push({ field: prefix + name, problem: 'extra' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, row };
}

/** Field names and category sets of one input schema, built once per schema (checked on every request). */
interface SchemaLookups {
  known: Set<string>;
  categories: Map<string, Set<string>>;
}
const lookups = new WeakMap<readonly InputField[], SchemaLookups>();

function lookupsOf(fields: readonly InputField[]): SchemaLookups {
  let l = lookups.get(fields);
  if (!l) {
    l = { known: new Set(fields.map((f) => f.name)), categories: new Map() };
    for (const f of fields) if (f.categories) l.categories.set(f.name, new Set(f.categories));
    lookups.set(fields, l);
  }
  return l;
}

function checkValue(
  f: InputField,
  v: unknown,
  categories: Set<string> | undefined,
): FieldProblem['problem'] | null {
  switch (f.type) {
    case 'numeric':
      if (typeof v !== 'number') return 'wrong_type';
      return Number.isFinite(v) ? null : 'not_finite';
    case 'boolean':
      return typeof v === 'boolean' || v === 0 || v === 1 ? null : 'wrong_type';
    case 'date':
      if (typeof v !== 'string') return 'wrong_type';
      return Number.isNaN(Date.parse(v)) ? 'wrong_type' : null;
    case 'categorical':
      if (typeof v !== 'string') return 'wrong_type';
      return categories && !categories.has(v) ? 'unknown_category' : null;
  }
}

// Training read booleans as 0/1 and dates as epoch milliseconds; the per-row transforms expect the same.
function toCell(f: InputField, v: unknown): Row[string] {
  if (f.type === 'boolean') return v === true || v === 1 ? 1 : 0;
  if (f.type === 'date') return Date.parse(v as string);
  return v as number | string;
}
