import type { FieldProblem, InputField } from '@studio/api';
import type { DeploymentOpenApi } from './api';

/** The "Try it" form's raw values: what each input shows, keyed by field name. */
export type FormValues = Record<string, string>;

/** The form's values for a record (the server's example), every field present. */
export function formValues(fields: readonly InputField[], record: Record<string, unknown>): FormValues {
  return Object.fromEntries(
    fields.map((f) => {
      const v = record[f.name];
      return [f.name, v === null || v === undefined ? '' : String(v)];
    }),
  );
}

/**
 * The request body for the form's values. Empty means null; a numeric field that does not parse is sent
 * as typed, so the server's own check names it (one set of rules, the server's).
 */
export function recordFromForm(fields: readonly InputField[], values: FormValues): Record<string, unknown> {
  return Object.fromEntries(
    fields.map((f) => {
      const raw = (values[f.name] ?? '').trim();
      if (raw === '') return [f.name, null];
      if (f.type === 'numeric') {
        const n = Number(raw);
        return [f.name, Number.isFinite(n) ? n : raw];
      }
      if (f.type === 'boolean') return [f.name, raw === 'true' ? true : raw === 'false' ? false : raw];
      return [f.name, raw];
    }),
  );
}

const PROBLEMS: Record<FieldProblem['problem'], string> = {
  missing: 'Required.',
  extra: 'Not an input of this model.',
  wrong_type: 'Wrong type for this field.',
  not_finite: 'Must be a finite number.',
  unknown_category: 'Not a category seen in training: pick one from the list.',
  not_nullable: 'Required: this column had no missing values in training.',
};

/** Sentences for the server's field problems, keyed by field name, to show beside each field. */
export function fieldMessages(problems: readonly FieldProblem[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of problems)
    out[p.field] = out[p.field] ? `${out[p.field]} ${PROBLEMS[p.problem]}` : PROBLEMS[p.problem];
  return out;
}

/**
 * The example record of the deployment's OpenAPI document (the request body's `example`, the same record as
 * its curl line): the form starts from values the server knows are valid. An example the page cannot read
 * still leaves a usable form: every field starts empty.
 */
export function exampleOf(doc: DeploymentOpenApi | undefined, url: string): Record<string, unknown> | null {
  const post = doc?.paths[url]?.post;
  if (!post) return null;
  const example = post.requestBody?.content?.['application/json']?.example;
  return example && typeof example === 'object' && !Array.isArray(example)
    ? (example as Record<string, unknown>)
    : {};
}
