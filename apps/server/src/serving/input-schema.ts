import type { FieldProblem, InputField, PredictionWarning } from '@studio/api';
import { DEFAULT_MISSING_MARKERS, booleanValue, readCsv, type Row, type Table } from '@studio/data';
import { usedColumns, type PipelineArtifact } from '@studio/pipeline';

/**
 * The input schema of a model from its training CSV (a path or the bytes): the dataset schema's types, the
 * columns the model reads, and the words the file writes for its booleans.
 */
export async function inputSchemaOf(
  source: string | Uint8Array,
  pipeline: Pick<PipelineArtifact, 'target' | 'steps' | 'features' | 'sources' | 'scorecard'>,
): Promise<InputField[]> {
  const table = await readCsv(source);
  const types = booleanWordsTypes(table);
  const words = types ? await readCsv(source, { types }) : undefined;
  return deriveInputSchema(table, pipeline.target, { used: new Set(usedColumns(pipeline)), words });
}

/** What the deployment knows beyond the training table when it derives its input schema. */
export interface SchemaContext {
  /** The raw columns the model reads; the others are optional and ignored (default: every column is used). */
  used?: ReadonlySet<string>;
  /**
   * The same file read with its boolean columns as text (`booleanWordsTable`'s reading), so each boolean field
   * names the words the CSV itself writes.
   */
  words?: Table;
}

/**
 * The request fields of a model trained on `table`: every column but the target, typed as the dataset schema
 * typed it in training, with whether the model reads it, a typical value and, for booleans, the file's words.
 */
export function deriveInputSchema(table: Table, target: string, context: SchemaContext = {}): InputField[] {
  const words = context.words ? booleanWordsOf(context.words) : new Map<string, InputField['words']>();
  return table.columns
    .filter((c) => c.name !== target)
    .map((c): InputField => {
      const used = context.used ? context.used.has(c.name) : true;
      if (c.type === 'categorical') {
        const counts = new Map<number, number>();
        let nullable = false;
        for (const code of c.codes) {
          if (code < 0) nullable = true;
          else counts.set(code, (counts.get(code) ?? 0) + 1);
        }
        const categories = [...counts.keys()].map((k) => c.levels[k]!).sort();
        const mode = mostFrequent(counts);
        const reference = mode === undefined ? {} : { reference: c.levels[mode]! };
        return { name: c.name, type: 'categorical', nullable, categories, used, ...reference };
      }
      let min = Infinity;
      let max = -Infinity;
      let nullable = false;
      const present: number[] = [];
      for (const v of c.values) {
        if (Number.isNaN(v)) nullable = true;
        else {
          present.push(v);
          if (v < min) min = v;
          if (v > max) max = v;
        }
      }
      const range = c.type === 'numeric' && min <= max ? { min, max } : {};
      const reference = present.length > 0 ? { reference: typicalValue(c.type, present) } : {};
      const w = c.type === 'boolean' ? words.get(c.name) : undefined;
      return {
        name: c.name,
        type: c.type,
        nullable,
        ...range,
        used,
        ...(w ? { words: w } : {}),
        ...reference,
      };
    });
}

/** The column types of `table` with its boolean columns read as text: the options for the `words` reading. */
export function booleanWordsTypes(table: Table): Record<string, 'categorical'> | null {
  const booleans = table.columns.filter((c) => c.type === 'boolean').map((c) => c.name);
  return booleans.length > 0 ? Object.fromEntries(booleans.map((n) => [n, 'categorical'])) : null;
}

/** The most frequent true word and false word of each boolean column read as text. */
function booleanWordsOf(text: Table): Map<string, InputField['words']> {
  const out = new Map<string, InputField['words']>();
  for (const c of text.columns) {
    if (c.type !== 'categorical') continue;
    const counts = [new Map<number, number>(), new Map<number, number>()];
    for (const code of c.codes) {
      if (code < 0) continue;
      const b = booleanValue(c.levels[code]!);
      if (!Number.isNaN(b)) counts[b]!.set(code, (counts[b]!.get(code) ?? 0) + 1);
    }
    const t = mostFrequent(counts[1]!);
    const f = mostFrequent(counts[0]!);
    if (t !== undefined && f !== undefined) out.set(c.name, { true: c.levels[t]!, false: c.levels[f]! });
  }
  return out;
}

function mostFrequent(counts: Map<number, number>): number | undefined {
  let best: number | undefined;
  for (const [k, n] of counts) if (best === undefined || n > counts.get(best)!) best = k;
  return best;
}

/** The lower median of a numeric column (a value the data holds), the mode of a boolean one, a date as ISO text. */
function typicalValue(type: 'numeric' | 'boolean' | 'date', values: number[]): number | string | boolean {
  if (type === 'boolean') return values.filter((v) => v === 1).length * 2 > values.length;
  const sorted = Float64Array.from(values).sort();
  const median = sorted[(sorted.length - 1) >> 1]!;
  return type === 'date' ? new Date(median).toISOString() : median;
}

/** How a record is checked: lenient (the default) takes a training-CSV row as its file writes it. */
export interface CheckOptions {
  /**
   * Refuse what lenient checking accepts: numbers, booleans or categories sent as other JSON types (or a
   * missing marker as text), categories not seen in training, and fields that are not in the schema.
   */
  strict?: boolean;
}

/** The outcome of checking one request record: the row to score (and what deserves a look), or every problem. */
export type CheckedRecord =
  { ok: true; row: Row; warnings: PredictionWarning[] } | { ok: false; problems: FieldProblem[] };

/**
 * Checks a request record against the input schema. Every field the model uses must be present (or null where
 * training had missing values); fields it does not use are ignored. Lenient (default): numbers may come as
 * numeric text, booleans as the CSV's words ("yes", "False"…) or "1"/"0", categories as numbers, a missing
 * marker ("", "NA"…) as null, a category unseen in training is scored as missing with a warning, and fields
 * outside the schema are ignored. `strict` refuses all of these. `prefix` names the record in batch answers.
 */
export function checkRecord(
  fields: readonly InputField[],
  record: unknown,
  prefix = '',
  options: CheckOptions = {},
): CheckedRecord {
  if (typeof record !== 'object' || record === null || Array.isArray(record))
    return { ok: false, problems: [{ field: prefix || '(body)', problem: 'wrong_type' }] };
  const strict = options.strict ?? false;
  const given = record as Record<string, unknown>;
  const problems: FieldProblem[] = [];
  const warnings: PredictionWarning[] = [];
  const row: Row = {};
  const { known, categories } = lookupsOf(fields);
  for (const f of fields) {
    if (f.used === false) continue;
    const field = prefix + f.name;
    if (!(f.name in given)) {
      problems.push({ field, problem: 'missing' });
      continue;
    }
    let v = given[f.name];
    if (!strict && typeof v === 'string' && MISSING_MARKERS.has(v.trim())) v = null;
    if (v === null) {
      if (f.nullable) row[f.name] = null;
      else problems.push({ field, problem: 'not_nullable' });
      continue;
    }
    const cell = strict ? strictCell(f, v, categories.get(f.name)) : lenientCell(f, v);
    if (typeof cell === 'object' && cell !== null) {
      problems.push({ field, problem: cell.problem });
      continue;
    }
    row[f.name] = cell;
    const seen = categories.get(f.name);
    if (!strict && seen && typeof cell === 'string' && !seen.has(cell))
      warnings.push({
        field,
        code: 'UNSEEN_CATEGORY',
        message: `"${cell}" was not seen in training for "${f.name}"; it was scored like a missing value.`,
      });
  }
  if (strict)
    for (const name of Object.keys(given))
      if (!known.has(name)) problems.push({ field: prefix + name, problem: 'extra' });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, row, warnings };
}

const MISSING_MARKERS = new Set(DEFAULT_MISSING_MARKERS);
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;

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

type Cell = Row[string] | { problem: FieldProblem['problem'] };

/** A value in exactly the JSON type of its field (booleans also as 0/1). */
function strictCell(f: InputField, v: unknown, categories: Set<string> | undefined): Cell {
  switch (f.type) {
    case 'numeric':
      if (typeof v !== 'number') return { problem: 'wrong_type' };
      return Number.isFinite(v) ? v : { problem: 'not_finite' };
    case 'boolean':
      return typeof v === 'boolean' || v === 0 || v === 1 ? Number(v) : { problem: 'wrong_type' };
    case 'date':
      return dateCell(v);
    case 'categorical':
      if (typeof v !== 'string') return { problem: 'wrong_type' };
      return categories && !categories.has(v) ? { problem: 'unknown_category' } : v;
  }
}

/** A value as a training CSV writes it, or in its JSON type. Training read booleans as 0/1 and dates as ms. */
function lenientCell(f: InputField, v: unknown): Cell {
  switch (f.type) {
    case 'numeric': {
      const n = typeof v === 'string' && NUMBER.test(v.trim()) ? Number(v) : v;
      if (typeof n !== 'number') return { problem: 'wrong_type' };
      return Number.isFinite(n) ? n : { problem: 'not_finite' };
    }
    case 'boolean': {
      if (typeof v === 'boolean' || v === 0 || v === 1) return Number(v);
      if (typeof v !== 'string') return { problem: 'wrong_type' };
      const t = v.trim();
      const b = t === '1' ? 1 : t === '0' ? 0 : booleanValue(t);
      return Number.isNaN(b) ? { problem: 'wrong_type' } : b;
    }
    case 'date':
      return dateCell(v);
    case 'categorical':
      if (typeof v === 'string') return v;
      return typeof v === 'number' || typeof v === 'boolean' ? String(v) : { problem: 'wrong_type' };
  }
}

function dateCell(v: unknown): Cell {
  if (typeof v !== 'string') return { problem: 'wrong_type' };
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? { problem: 'wrong_type' } : ms;
}

/**
 * The typical record the model's Shapley reason codes compare against (each used field's `reference`, as a
 * checked row), or null when the schema predates references (then no such reasons are given).
 */
export function referenceRow(fields: readonly InputField[]): Row | null {
  const used = fields.filter((f) => f.used !== false);
  if (used.some((f) => f.reference === undefined)) return null;
  const checked = checkRecord(used, Object.fromEntries(used.map((f) => [f.name, f.reference])));
  return checked.ok ? checked.row : null;
}
