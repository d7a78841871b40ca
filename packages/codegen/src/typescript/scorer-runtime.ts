/**
 * The body of every generated TypeScript scorer. It is copied verbatim into the generated file, so it must import
 * nothing: it re-implements the per-row transforms of @studio/data and the engine's forward pass on plain
 * parameters. (packages/onnx keeps its own forward pass for calibration, for the same reason in reverse: a
 * generated file cannot import it.)
 */

/** One raw record: numbers, category text, or null/undefined for missing. */
export type ScoreRecord = Record<string, number | string | boolean | null | undefined>;

/** A record the scorer cannot score (a feature missing after the transforms). */
export class ScoringInputError extends Error {
  override name = 'ScoringInputError';
}

/** Fitted transforms, as @studio/data persists them (only the fields scoring reads). */
export type ScorerTransform =
  | {
      kind: 'impute';
      columns: (
        | { name: string; type: 'numeric'; fill: number; indicator: boolean }
        | { name: string; type: 'categorical'; fill: string; indicator: boolean }
      )[];
    }
  | { kind: 'one-hot'; columns: { name: string; categories: string[] }[] }
  | { kind: 'standardize'; columns: { name: string; mean: number; scale: number }[] }
  | {
      kind: 'woe';
      columns: (
        | { name: string; type: 'numeric'; cuts: number[]; special: number[]; woe: number[] }
        | { name: string; type: 'categorical'; groups: string[][]; woe: number[] }
      )[];
    };

/** A dense layer: weight row-major `[in, units]`. */
export interface ScorerLayer {
  units: number;
  activation: 'linear' | 'relu' | 'leaky_relu' | 'gelu' | 'sigmoid' | 'tanh';
  alpha: number;
  norm: 'none' | 'layer' | 'batch';
  weight: number[];
  bias: number[];
  gamma?: number[];
  beta?: number[];
  runningMean?: number[];
  runningVar?: number[];
}

/** Everything the scorer needs: transforms, feature order and network. */
export interface ScorerParams {
  transforms: ScorerTransform[];
  features: string[];
  inputs: number;
  embeddings: { column: number; cardinality: number; dim: number; table: number[] }[];
  layers: ScorerLayer[];
  output: { weight: number[]; bias: number };
}

type Cell = ScoreRecord[string];

/** The boolean words of a CSV as @studio/data reads them (so a record may carry the CSV's own text). */
const TRUE_TEXT = ['true', 'TRUE', 'True', 'yes', 'YES', 'Yes'];
const FALSE_TEXT = ['false', 'FALSE', 'False', 'no', 'NO', 'No'];

/** A cell as a number: NaN when missing or not numeric; a boolean (or its CSV word) as 1 or 0. */
export function cellNumber(v: Cell): number {
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  if (typeof v === 'string' && v.trim() !== '') {
    if (TRUE_TEXT.includes(v)) return 1;
    if (FALSE_TEXT.includes(v)) return 0;
    return Number(v);
  }
  return NaN;
}

/** A cell as a category: null when missing (null, absent, or "" as an empty CSV cell), else its text. */
function cellCategory(v: Cell): string | null {
  return v === null || v === undefined || v === '' ? null : String(v);
}

function rangeIndex(cuts: readonly number[], v: number): number {
  let lo = 0;
  let hi = cuts.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (v > cuts[mid]!) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** One fitted transform applied to one record, as @studio/data's per-row twin does. */
export function applyTransform(f: ScorerTransform, row: ScoreRecord): ScoreRecord {
  const out: ScoreRecord = { ...row };
  if (f.kind === 'impute') {
    for (const c of f.columns) {
      const v = c.type === 'numeric' ? cellNumber(row[c.name]) : cellCategory(row[c.name]);
      const missing = v === null || (typeof v === 'number' && Number.isNaN(v));
      out[c.name] = missing ? c.fill : v;
      if (c.indicator) out[`${c.name}_missing`] = missing ? 1 : 0;
    }
  } else if (f.kind === 'one-hot') {
    for (const c of f.columns) {
      const v = cellCategory(row[c.name]);
      delete out[c.name];
      for (const k of c.categories) out[`${c.name}=${k}`] = v === k ? 1 : 0;
    }
  } else if (f.kind === 'standardize') {
    for (const c of f.columns) {
      const v = (cellNumber(row[c.name]) - c.mean) / c.scale;
      out[c.name] = Number.isNaN(v) ? null : v;
    }
  } else {
    for (const c of f.columns) {
      let bin: number;
      if (c.type === 'numeric') {
        const v = cellNumber(row[c.name]);
        const s = c.special.indexOf(v);
        bin = v !== v ? c.woe.length - 1 : s >= 0 ? c.cuts.length + 1 + s : rangeIndex(c.cuts, v);
      } else {
        const v = cellCategory(row[c.name]);
        const g = v === null ? -1 : c.groups.findIndex((grp) => grp.includes(v));
        bin = g < 0 ? c.woe.length - 1 : g;
      }
      out[c.name] = c.woe[bin]!;
    }
  }
  return out;
}

/** erf with fractional error below 1.2e-7 (the Chebyshev-fitted erfc of Numerical Recipes). */
function erf(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const p = [
    1.00002368, 0.37409196, 0.09678418, -0.18628806, 0.27886807, -1.13520398, 1.48851587, -0.82215223,
    0.17087277,
  ];
  const poly = p.reduceRight((acc, c) => c + t * acc, 0);
  const r = t * Math.exp(-z * z - 1.26551223 + t * poly);
  return x >= 0 ? 1 - r : r - 1;
}

function activate(l: ScorerLayer, x: number): number {
  switch (l.activation) {
    case 'linear':
      return x;
    case 'relu':
      return x > 0 ? x : 0;
    case 'leaky_relu':
      return x > 0 ? x : l.alpha * x;
    case 'sigmoid':
      return 1 / (1 + Math.exp(-x));
    case 'tanh':
      return Math.tanh(x);
    case 'gelu':
      return 0.5 * x * (1 + erf(x * Math.SQRT1_2));
  }
}

const EPS = 1e-5;

function layer(l: ScorerLayer, h: number[]): number[] {
  const z = l.bias.slice();
  h.forEach((v, i) => {
    for (let j = 0; j < l.units; j++) z[j]! += v * l.weight[i * l.units + j]!;
  });
  let n = z;
  if (l.norm === 'batch')
    n = z.map(
      (v, j) => ((v - l.runningMean![j]!) / Math.sqrt(l.runningVar![j]! + EPS)) * l.gamma![j]! + l.beta![j]!,
    );
  if (l.norm === 'layer') {
    const mean = z.reduce((s, v) => s + v, 0) / z.length;
    const variance = z.reduce((s, v) => s + (v - mean) ** 2, 0) / z.length;
    n = z.map((v, j) => ((v - mean) / Math.sqrt(variance + EPS)) * l.gamma![j]! + l.beta![j]!);
  }
  return n.map((v) => activate(l, v));
}

/** Probability of default and its logit for one raw record. */
export function scoreWith(p: ScorerParams, record: ScoreRecord): { probability: number; logit: number } {
  const row = p.transforms.reduce((r, f) => applyTransform(f, r), record);
  const x = p.features.map((name) => {
    // A column used as it is may come as numeric text or a boolean word, as the CSV writes it.
    const v =
      typeof row[name] === 'string' || typeof row[name] === 'boolean' ? cellNumber(row[name]) : row[name];
    if (typeof v !== 'number' || Number.isNaN(v))
      throw new ScoringInputError(`"${name}" must be a number after the transforms; got ${String(v)}.`);
    return v;
  });
  const coded = new Set(p.embeddings.map((e) => e.column));
  let h = x.filter((_, j) => !coded.has(j));
  for (const e of p.embeddings) {
    const k = Math.min(e.cardinality - 1, Math.max(0, Math.trunc(x[e.column]!)));
    h.push(...e.table.slice(k * e.dim, (k + 1) * e.dim));
  }
  for (const l of p.layers) h = layer(l, h);
  const logit = h.reduce((s, v, i) => s + v * p.output.weight[i]!, p.output.bias);
  return { probability: 1 / (1 + Math.exp(-logit)), logit };
}
