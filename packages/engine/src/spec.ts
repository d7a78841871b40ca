/**
 * The model program the engine trains: a small JSON document that GraphIR lowering targets.
 * `normalizeSpec` validates it and fills defaults into the shape the addon reads.
 */
import type { NativeSpec } from './binding';
import { InvalidEngineInputError } from './errors';

export type Activation = 'relu' | 'leaky_relu' | 'gelu' | 'sigmoid' | 'tanh' | 'linear';

export interface LayerSpec {
  units: number;
  activation: Activation;
  /** Slope of leaky_relu for negative inputs (default 0.01). */
  alpha?: number;
  /** Dropout rate after the activation, in [0, 1). */
  dropout?: number;
  /** Normalisation between the dense layer and the activation. */
  norm?: 'layer' | 'batch';
}

/** Multipliers of each row's loss by its class (e.g. to up-weight rare defaults). */
export interface ClassWeight {
  negative: number;
  positive: number;
}

/** An integer-coded column mapped through a learned table instead of being used as a number. */
export interface EmbeddingSpec {
  column: number;
  cardinality: number;
  dim: number;
}

/** Binary logistic regression; objective = mean weighted log-loss + l2/2·|w|² (+ l1·|w|). */
export interface LogisticSpec {
  kind: 'logistic';
  inputs: number;
  l2?: number;
  l1?: number;
  classWeight?: ClassWeight;
  /** Per input: 1 keeps the coefficient ≥ 0, -1 keeps it ≤ 0, 0 leaves it free. */
  signConstraints?: readonly (-1 | 0 | 1)[];
}

/** A multilayer perceptron; `classes` > 2 switches from one sigmoid output to softmax. */
export interface MlpSpec {
  kind: 'mlp';
  inputs: number;
  layers: readonly LayerSpec[];
  classes?: number;
  l2?: number;
  l1?: number;
  classWeight?: ClassWeight;
  embeddings?: readonly EmbeddingSpec[];
}

export type ModelSpec = LogisticSpec | MlpSpec;

const ACTIVATIONS: readonly string[] = ['relu', 'leaky_relu', 'gelu', 'sigmoid', 'tanh', 'linear'];

function fail(message: string): never {
  throw new InvalidEngineInputError('ENGINE_BAD_SPEC', `invalid model spec: ${message}`);
}

function int(v: unknown, name: string, min: number, max: number): number {
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max)
    fail(`${name} must be an integer between ${min} and ${max}`);
  return v;
}

function nonNegative(v: unknown, name: string): number {
  if (v === undefined) return 0;
  if (typeof v !== 'number' || !Number.isFinite(v) || v < 0) fail(`${name} must be a finite number >= 0`);
  return v;
}

function classWeights(w: ClassWeight | undefined): { negativeWeight: number; positiveWeight: number } {
  if (w === undefined) return { negativeWeight: 1, positiveWeight: 1 };
  const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  if (typeof w !== 'object' || w === null || !ok(w.negative) || !ok(w.positive))
    fail('classWeight needs finite positive "negative" and "positive" weights');
  return { negativeWeight: w.negative, positiveWeight: w.positive };
}

/** Validates a spec and returns the addon's form of it; throws InvalidEngineInputError. */
export function normalizeSpec(spec: ModelSpec): NativeSpec {
  if (typeof spec !== 'object' || spec === null) fail('expected an object');
  const inputs = int(spec.inputs, 'inputs', 1, 1_000_000);
  const common = {
    inputs,
    l1: nonNegative(spec.l1, 'l1'),
    l2: nonNegative(spec.l2, 'l2'),
    ...classWeights(spec.classWeight),
  };
  if (spec.kind === 'logistic') {
    const sign = spec.signConstraints;
    if (sign !== undefined) {
      if (!Array.isArray(sign) || sign.length !== inputs) fail('signConstraints needs one entry per input');
      sign.forEach((s, i) => {
        if (s !== -1 && s !== 0 && s !== 1) fail(`signConstraints[${i}] must be -1, 0 or 1`);
      });
    }
    return {
      kind: 'logistic',
      classes: 2,
      layers: [],
      embeddings: [],
      ...common,
      ...(sign ? { signConstraints: [...sign] } : {}),
    };
  }
  if (spec.kind !== 'mlp') fail(`kind must be 'logistic' or 'mlp'`);
  if (!Array.isArray(spec.layers)) fail('layers must be an array');
  const layers = spec.layers.map((l, i) => {
    if (typeof l !== 'object' || l === null) fail(`layers[${i}] must be an object`);
    if (!ACTIVATIONS.includes(l.activation))
      fail(`layers[${i}].activation must be one of ${ACTIVATIONS.join(', ')}`);
    const dropout = l.dropout ?? 0;
    if (typeof dropout !== 'number' || !(dropout >= 0 && dropout < 1))
      fail(`layers[${i}].dropout must be in [0, 1)`);
    if (l.norm !== undefined && l.norm !== 'layer' && l.norm !== 'batch')
      fail(`layers[${i}].norm must be 'layer' or 'batch'`);
    return {
      units: int(l.units, `layers[${i}].units`, 1, 1_000_000_000),
      activation: l.activation,
      alpha: l.alpha ?? 0.01,
      dropout,
      norm: l.norm ?? 'none',
    };
  });
  if (spec.embeddings !== undefined && !Array.isArray(spec.embeddings)) fail('embeddings must be an array');
  const embeddings = (spec.embeddings ?? []).map((e, i) => ({
    ...(typeof e === 'object' && e !== null ? {} : fail(`embeddings[${i}] must be an object`)),
    column: int(e.column, `embeddings[${i}].column`, 0, inputs - 1),
    cardinality: int(e.cardinality, `embeddings[${i}].cardinality`, 1, 10_000_000),
    dim: int(e.dim, `embeddings[${i}].dim`, 1, 4096),
  }));
  return {
    kind: 'mlp',
    classes: int(spec.classes ?? 2, 'classes', 2, 100_000),
    layers,
    embeddings,
    ...common,
  };
}
