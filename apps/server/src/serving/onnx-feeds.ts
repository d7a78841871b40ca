import type { InputField } from '@studio/api';
import type { Row } from '@studio/data';
import * as ort from 'onnxruntime-node';

/** A graph input: its field, and whether the graph reads it as text (else float). */
export interface GraphInput {
  field: InputField;
  text: boolean;
}

/**
 * The inputs of a session (the columns the model reads), in input order, typed as the graph declares them: a
 * graph exported before booleans took the CSV's words reads them as float.
 */
export function graphInputs(session: ort.InferenceSession, fields: readonly InputField[]): GraphInput[] {
  const byName = new Map(fields.map((f) => [f.name, f]));
  return session.inputNames.map((n, k) => {
    const meta = session.inputMetadata[k];
    return { field: byName.get(n)!, text: meta?.isTensor === true && meta.type === 'string' };
  });
}

/** One cell of a checked row as the graph input of its field: text ("" = missing) or float (NaN = missing). */
export function cellFeed({ field, text }: GraphInput, v: Row[string]): string | number {
  if (!text) return typeof v === 'number' ? v : NaN;
  if (v === null || v === undefined) return '';
  // Checked booleans are 0/1; the graph reads the CSV's words (any of them).
  if (field.type === 'boolean') return v === 1 || v === true ? 'true' : 'false';
  return String(v);
}

/** The graph's inputs for `rows`. */
export function feedsOf(inputs: readonly GraphInput[], rows: readonly Row[]): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (const input of inputs) {
    const cells = rows.map((r) => cellFeed(input, r[input.field.name]));
    feeds[input.field.name] = input.text
      ? new ort.Tensor('string', cells as string[], [rows.length, 1])
      : new ort.Tensor('float32', Float32Array.from(cells as number[]), [rows.length, 1]);
  }
  return feeds;
}
