import { z } from 'zod';

/** How the inspector edits a parameter; `dataset`, `column` and `columns` get pickers fed by the dataset schema. */
export type ParamKind =
  'number' | 'integer' | 'boolean' | 'enum' | 'string' | 'dataset' | 'column' | 'columns' | 'search-space';

/**
 * One searched parameter of a Tune node: a numeric range (sampled uniformly, or log-uniformly on the log
 * scale; whole numbers for integer parameters) or a list of choices.
 */
export type SearchDimension =
  | { param: string; type: 'range'; min: number; max: number; scale: 'linear' | 'log' }
  | { param: string; type: 'choice'; values: (number | string)[] };

export type ParamValue = number | boolean | string | string[] | SearchDimension[];

/** One parameter of an op, as the inspector form shows it. The op's zod schema is built from these. */
export interface ParamField {
  name: string;
  label: string;
  kind: ParamKind;
  default: ParamValue;
  min?: number;
  max?: number;
  step?: number;
  options?: string[];
  help?: string;
  /** Text kinds only: the value must not be empty. */
  required?: boolean;
  /** Text kinds only: a regular expression (source) the value must match when not empty. */
  pattern?: string;
  /** Text kinds only: the pattern in words, for the message when a value does not match. */
  patternHint?: string;
}

/** A field whose name and value type are known to the compiler, so an op's params get a precise type. */
export interface TypedParamField<N extends string, V extends ParamValue> extends ParamField {
  name: N;
  default: V;
}

/** The params object type described by a tuple of typed fields. */
export type ParamsOf<F extends readonly ParamField[]> = {
  [K in F[number] as K['name']]: K['default'];
};

interface NumberOptions {
  min: number;
  max: number;
  step?: number;
  help?: string;
}

/** A real-valued parameter with inclusive bounds. */
export function numberParam<const N extends string>(
  name: N,
  label: string,
  value: number,
  opts: NumberOptions,
): TypedParamField<N, number> {
  return { name, label, kind: 'number', default: value, ...opts };
}

/** A whole-number parameter with inclusive bounds. */
export function integerParam<const N extends string>(
  name: N,
  label: string,
  value: number,
  opts: NumberOptions,
): TypedParamField<N, number> {
  return { name, label, kind: 'integer', default: value, ...opts };
}

/** An on/off parameter. */
export function booleanParam<const N extends string>(
  name: N,
  label: string,
  value: boolean,
  opts: { help?: string } = {},
): TypedParamField<N, boolean> {
  return { name, label, kind: 'boolean', default: value, ...opts };
}

/** A choice among fixed options. */
export function enumParam<const N extends string, const O extends string>(
  name: N,
  label: string,
  options: readonly [O, ...O[]],
  value: NoInfer<O>,
  opts: { help?: string } = {},
): TypedParamField<N, O> {
  return { name, label, kind: 'enum', default: value, options: [...options], ...opts };
}

interface TextOptions {
  help?: string;
  required?: boolean;
  pattern?: string;
  patternHint?: string;
}

/** A free-text parameter, or a dataset/column picker when `kind` says so. */
export function textParam<const N extends string>(
  name: N,
  label: string,
  kind: 'string' | 'dataset' | 'column',
  opts: TextOptions & { default?: string } = {},
): TypedParamField<N, string> {
  const { default: value = '', ...rest } = opts;
  return { name, label, kind, default: value, ...rest };
}

/** A list of column names; empty means "all suitable columns". */
export function columnsParam<const N extends string>(
  name: N,
  label: string,
  opts: { help?: string } = {},
): TypedParamField<N, string[]> {
  return { name, label, kind: 'columns', default: [], ...opts };
}

/** A Tune node's search space; empty means the default space of the model it is attached to. */
export function searchSpaceParam<const N extends string>(
  name: N,
  label: string,
  opts: { help?: string } = {},
): TypedParamField<N, SearchDimension[]> {
  return { name, label, kind: 'search-space', default: [], ...opts };
}

const MAX_TEXT = 200;
/** Searched parameters per Tune node, and choices per parameter. */
const MAX_DIMENSIONS = 32;
const MAX_CHOICES = 64;

function searchSpaceSchema(n: string): z.ZodType {
  const param = z.string().min(1, `${n}: name the parameter`).max(MAX_TEXT);
  const finite = (what: string) => z.number({ error: `${n}: ${what} must be a number` }).finite();
  const range = z.strictObject({
    param,
    type: z.literal('range'),
    min: finite('min'),
    max: finite('max'),
    scale: z.enum(['linear', 'log'], { error: `${n}: scale must be linear or log` }).prefault('linear'),
  });
  const choice = z.strictObject({
    param,
    type: z.literal('choice'),
    values: z
      .array(z.union([z.number().finite(), z.string().max(MAX_TEXT)]), {
        error: `${n}: choices must be numbers or text`,
      })
      .min(1, `${n}: list at least one choice`)
      .max(MAX_CHOICES, `${n}: at most ${MAX_CHOICES} choices per parameter`),
  });
  return z
    .array(
      z.discriminatedUnion('type', [range, choice], { error: `${n}: each entry is a range or a choice` }),
      {
        error: `${n} must be a list of searched parameters`,
      },
    )
    .max(MAX_DIMENSIONS, `${n} must search at most ${MAX_DIMENSIONS} parameters`)
    .prefault(() => []);
}
const MAX_COLUMNS = 5000;

const requiredHint: Record<string, string> = {
  dataset: 'choose a dataset',
  column: 'choose a column',
  string: 'enter a value',
};

function fieldSchema(f: ParamField): z.ZodType {
  const n = f.name;
  switch (f.kind) {
    case 'number':
    case 'integer': {
      let s = z.number({ error: `${n} must be a number` });
      if (f.kind === 'integer') s = s.int(`${n} must be a whole number`);
      if (f.min !== undefined) s = s.min(f.min, `${n} must be at least ${f.min}`);
      if (f.max !== undefined) s = s.max(f.max, `${n} must be at most ${f.max}`);
      return s.prefault(f.default as number);
    }
    case 'boolean':
      return z.boolean({ error: `${n} must be true or false` }).prefault(f.default as boolean);
    case 'enum': {
      const options = f.options ?? [];
      return z
        .enum(options, { error: `${n} must be one of ${options.join(', ')}` })
        .prefault(f.default as string);
    }
    case 'string':
    case 'dataset':
    case 'column': {
      let s = z
        .string({ error: `${n} must be text` })
        .max(MAX_TEXT, `${n} must be at most ${MAX_TEXT} characters`);
      if (f.required) s = s.min(1, `${n} is required: ${requiredHint[f.kind] ?? 'enter a value'}`);
      if (f.pattern !== undefined) {
        const re = new RegExp(f.pattern);
        s = s.refine((v) => v === '' || re.test(v), `${n}: ${f.patternHint ?? `must match ${f.pattern}`}`);
      }
      return s.prefault(f.default as string);
    }
    case 'columns':
      return z
        .array(
          z
            .string()
            .min(1, `${n} must not hold empty names`)
            .max(MAX_TEXT, `${n} holds a name that is too long`),
          {
            error: `${n} must be a list of column names`,
          },
        )
        .max(MAX_COLUMNS, `${n} must list at most ${MAX_COLUMNS} columns`)
        .prefault(() => []);
    case 'search-space':
      return searchSpaceSchema(n);
  }
}

/** Builds the strict zod schema for a list of fields: unknown keys are rejected, absent keys get defaults. */
export function buildParamsSchema<const F extends readonly ParamField[]>(fields: F): z.ZodType<ParamsOf<F>> {
  const shape: Record<string, z.ZodType> = {};
  for (const f of fields) shape[f.name] = fieldSchema(f);
  return z.strictObject(shape) as unknown as z.ZodType<ParamsOf<F>>;
}

/** The default params object for a list of fields (fresh arrays, safe to mutate). */
export function defaultsOf(fields: readonly ParamField[]): Record<string, ParamValue> {
  const out: Record<string, ParamValue> = {};
  for (const f of fields)
    out[f.name] = Array.isArray(f.default)
      ? (f.default.map((v: unknown) => (typeof v === 'object' ? { ...(v as object) } : v)) as ParamValue)
      : f.default;
  return out;
}

/** One problem with one parameter, named so the inspector can show it beside the field. */
export interface ParamProblem {
  name: string | undefined;
  message: string;
}

function preview(value: unknown): string {
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

/** Parses params against a schema; on failure returns one readable problem per offending field. */
export function checkParams<P>(
  schema: z.ZodType<P>,
  params: Record<string, unknown>,
  allowed: readonly string[],
): { ok: true; value: P } | { ok: false; problems: ParamProblem[] } {
  const parsed = schema.safeParse(params);
  if (parsed.success) return { ok: true, value: parsed.data };
  const problems: ParamProblem[] = [];
  for (const issue of parsed.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) {
        problems.push({
          name: key,
          message: `unknown param "${key}"; remove it (known params: ${allowed.join(', ') || 'none'})`,
        });
      }
      continue;
    }
    const key = issue.path[0];
    const name = typeof key === 'string' ? key : undefined;
    const got = name !== undefined && name in params ? ` (got ${preview(params[name])})` : '';
    problems.push({ name, message: `param ${issue.message}${got}` });
  }
  return { ok: false, problems };
}
