import type { ResolvedExport, TransformJson } from '@studio/onnx';
import type { ScorerLayer, ScorerParams, ScorerTransform } from './typescript/scorer-runtime';

/** The doc comment of a generated scorer's `COLUMNS`. */
export const COLUMNS_DOC =
  '/** The raw columns the model reads, typed as in the dataset. A record may give numbers as numbers or numeric ' +
  'text, booleans as true/false or the CSV\'s words ("yes"/"no"), categories as text; null, absent or "" = missing. ' +
  'Other fields are ignored. */';

/** A fitted transform reduced to what scoring reads. */
export function scorerTransform(f: TransformJson): ScorerTransform {
  if (f.kind !== 'woe') {
    const { version: _version, ...rest } = f;
    return rest;
  }
  return {
    kind: 'woe',
    columns: f.columns.map((c) =>
      c.type === 'numeric'
        ? { name: c.name, type: 'numeric', cuts: c.cuts, special: c.special, woe: c.bins.map((b) => b.woe) }
        : { name: c.name, type: 'categorical', groups: c.groups, woe: c.bins.map((b) => b.woe) },
    ),
  };
}

/** The plain-JSON parameters generated code embeds: transforms reduced to what scoring reads, tensors as arrays. */
export function scorerParams(r: ResolvedExport): ScorerParams {
  const m = r.model;
  return {
    transforms: r.transforms.map(scorerTransform),
    features: r.features,
    inputs: m.inputs,
    embeddings: m.embeddings.map((e) => ({
      column: e.column,
      cardinality: e.cardinality,
      dim: e.dim,
      table: Array.from(e.table.data),
    })),
    layers: m.layers.map((l): ScorerLayer => ({
      units: l.units,
      activation: l.activation,
      alpha: l.alpha,
      norm: l.norm,
      weight: Array.from(l.weight.data),
      bias: Array.from(l.bias),
      ...(l.gamma && l.beta ? { gamma: Array.from(l.gamma), beta: Array.from(l.beta) } : {}),
      ...(l.runningMean && l.runningVar
        ? { runningMean: Array.from(l.runningMean), runningVar: Array.from(l.runningVar) }
        : {}),
    })),
    output: { weight: Array.from(m.output.weight.data), bias: m.output.bias[0]! },
  };
}
