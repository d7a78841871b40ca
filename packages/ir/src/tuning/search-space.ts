import { codeOf } from '../diagnostic-codes';
import { UnexpectedError } from '../errors';
import { gradientBoostingOp } from '../ops/gradient-boosting';
import { logisticRegressionOp } from '../ops/logistic-regression';
import { lossOp, optimizerOp, trainOp } from '../ops/training';
import type { OpSpec } from '../op-spec';
import type { ParamField, SearchDimension } from '../params';
import type { ModelValue } from '../port-values';

/** The model families a Tune node can search: what a Logistic Regression, Gradient Boosting or Train node outputs. */
export type TunableFamily = ModelValue['family'];

/** One parameter a Tune node may search, and the op whose field (and bounds) it is. */
export interface TunableParam {
  /** The name in the search space; for networks the field of the Optimizer, Loss or Train node it sets. */
  param: string;
  /** The op that owns the field: the model node itself, or a node of the network chain. */
  op: string;
  field: ParamField;
}

function fieldsOf(spec: OpSpec, names: readonly string[]): TunableParam[] {
  return names.map((name) => {
    const field = spec.fields.find((f) => f.name === name);
    if (field === undefined)
      throw new UnexpectedError(codeOf('INFERENCE_INVARIANT'), `${spec.op} has no field ${name}`);
    return { param: name, op: spec.op, field };
  });
}

const TUNABLE: Record<TunableFamily, TunableParam[]> = {
  gbm: fieldsOf(gradientBoostingOp, [
    'trees',
    'learningRate',
    'maxLeaves',
    'maxDepth',
    'minSamplesLeaf',
    'minHessianLeaf',
    'l1',
    'l2',
    'rowSubsample',
    'colSubsample',
    'maxBins',
    'classWeight',
  ]),
  logistic: fieldsOf(logisticRegressionOp, ['l2', 'l1', 'maxIter', 'classWeight']),
  network: [
    ...fieldsOf(optimizerOp, ['lr', 'momentum', 'weightDecay']),
    ...fieldsOf(lossOp, ['positiveWeight']),
    ...fieldsOf(trainOp, ['epochs', 'batchSize']),
  ],
};

/** The model's own title, for messages. */
export const FAMILY_TITLE: Record<TunableFamily, string> = {
  gbm: 'Gradient Boosting',
  logistic: 'Logistic Regression',
  network: 'the network',
};

/**
 * What halving scales for each family: trees of boosted trees, epochs of a network; a logistic regression is
 * fitted on a stratified subsample of the fold's rows instead (its iterations are not a useful budget).
 */
export const RESOURCE_OF: Record<TunableFamily, 'trees' | 'epochs' | 'rows'> = {
  gbm: 'trees',
  logistic: 'rows',
  network: 'epochs',
};

const DEFAULT_SPACE: Record<TunableFamily, SearchDimension[]> = {
  gbm: [
    { param: 'learningRate', type: 'range', min: 0.02, max: 0.3, scale: 'log' },
    { param: 'maxLeaves', type: 'range', min: 8, max: 64, scale: 'log' },
    { param: 'minSamplesLeaf', type: 'range', min: 5, max: 100, scale: 'log' },
    { param: 'l2', type: 'range', min: 0, max: 10, scale: 'linear' },
    { param: 'colSubsample', type: 'range', min: 0.5, max: 1, scale: 'linear' },
  ],
  logistic: [
    { param: 'l2', type: 'range', min: 0.001, max: 100, scale: 'log' },
    { param: 'classWeight', type: 'choice', values: ['none', 'balanced'] },
  ],
  network: [
    { param: 'lr', type: 'range', min: 0.0003, max: 0.01, scale: 'log' },
    { param: 'weightDecay', type: 'range', min: 0, max: 0.001, scale: 'linear' },
    { param: 'batchSize', type: 'choice', values: [64, 128, 256] },
  ],
};

/** The parameters a Tune node may search on a model of this family, with the fields that bound them. */
export function tunableParams(family: TunableFamily): readonly TunableParam[] {
  return TUNABLE[family];
}

/** The space searched when a Tune node lists nothing: a sensible default per model family (fresh copies). */
export function defaultSearchSpace(family: TunableFamily): SearchDimension[] {
  return DEFAULT_SPACE[family].map((d) => (d.type === 'range' ? { ...d } : { ...d, values: [...d.values] }));
}

/** The node's own space, or the family's default when it lists nothing. */
export function effectiveSearchSpace(
  family: TunableFamily,
  space: readonly SearchDimension[],
): SearchDimension[] {
  return space.length > 0 ? space.map((d) => ({ ...d })) : defaultSearchSpace(family);
}

function bounds(field: ParamField): string {
  return `${field.min ?? '-∞'} to ${field.max ?? '∞'}`;
}

function valueProblem(t: TunableParam, value: number | string): string | null {
  const { field } = t;
  if (field.kind === 'enum') {
    const options = field.options ?? [];
    return typeof value === 'string' && options.includes(value)
      ? null
      : `${t.param} is one of ${options.join(', ')}; ${JSON.stringify(value)} is not`;
  }
  if (typeof value !== 'number') return `${t.param} takes numbers; ${JSON.stringify(value)} is not one`;
  if (field.kind === 'integer' && !Number.isInteger(value))
    return `${t.param} takes whole numbers; ${value} is not one`;
  if ((field.min !== undefined && value < field.min) || (field.max !== undefined && value > field.max))
    return `${t.param} must stay within ${bounds(field)}; ${value} is outside`;
  return null;
}

function rangeProblem(t: TunableParam, d: Extract<SearchDimension, { type: 'range' }>): string | null {
  const { field } = t;
  if (field.kind === 'enum')
    return `${t.param} is a choice (${(field.options ?? []).join(', ')}); search it as a choice, not a range`;
  if (d.min > d.max)
    return `${t.param}: the range ${d.min} to ${d.max} is empty; put the smaller value first`;
  if (field.min !== undefined && d.min < field.min) {
    const floor = field.min > 0 && field.min < 0.01 ? 'above 0' : `at least ${field.min}`;
    return `${t.param} must be ${floor}; the range starts at ${d.min}, so raise min to ${field.min} or more`;
  }
  if (field.max !== undefined && d.max > field.max)
    return `${t.param} must be at most ${field.max}; the range ends at ${d.max}, so lower max`;
  if (d.scale === 'log' && d.min <= 0)
    return `${t.param}: a log-scale range must start above 0 (it starts at ${d.min}); raise min or use the linear scale`;
  if (field.kind === 'integer' && Math.ceil(d.min) > Math.floor(d.max))
    return `${t.param} takes whole numbers; the range ${d.min} to ${d.max} holds none`;
  return null;
}

/**
 * The first problem of a search space for a model family, in words that say what to change, or null. Checks
 * names, duplicates, empty or inverted ranges, log ranges that reach 0, and every bound of the model's own field
 * (a learning rate ≤ 0 or zero trees cannot be searched, as they cannot be set).
 */
export function searchSpaceProblem(family: TunableFamily, space: readonly SearchDimension[]): string | null {
  const tunable = TUNABLE[family];
  const seen = new Set<string>();
  for (const d of space) {
    const t = tunable.find((x) => x.param === d.param);
    if (t === undefined)
      return `${d.param} is not a parameter of ${FAMILY_TITLE[family]} that Tune can search; use one of ${tunable.map((x) => x.param).join(', ')}`;
    if (seen.has(d.param)) return `${d.param} is listed twice; keep one entry per parameter`;
    seen.add(d.param);
    const problem =
      d.type === 'range'
        ? rangeProblem(t, d)
        : d.values.reduce<string | null>((found, v) => found ?? valueProblem(t, v), null);
    if (problem !== null) return problem;
  }
  return null;
}
