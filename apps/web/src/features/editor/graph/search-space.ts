import {
  defaultSearchSpace,
  effectiveSearchSpace,
  tunableParams,
  type GraphIR,
  type SearchDimension,
  type TunableFamily,
  type TunableParam,
} from '@studio/ir';

const FAMILY_OF_OP: Record<string, TunableFamily> = {
  'gradient-boosting': 'gbm',
  'logistic-regression': 'logistic',
  train: 'network',
};

/** The family of the model a Tune node is attached to, or null while its model input is not connected to one. */
export function tunedFamily(graph: Pick<GraphIR, 'nodes' | 'edges'>, tuneId: string): TunableFamily | null {
  const edge = graph.edges.find((e) => e.target.node === tuneId && e.target.port === 'model');
  const source = edge && graph.nodes.find((n) => n.id === edge.source.node);
  return (source && FAMILY_OF_OP[source.op]) ?? null;
}

/** A readable list of choices: "64, 128, 256". */
export function formatChoices(values: readonly (number | string)[]): string {
  return values.join(', ');
}

/** Choices typed as "64, 128, 256": numbers where the parameter is numeric; empty items dropped. */
export function parseChoices(text: string, numeric: boolean): (number | string)[] {
  return text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '')
    .map((s) => (numeric && s !== '' && Number.isFinite(Number(s)) ? Number(s) : s));
}

/** The dimension a parameter gets when it is switched on: the family default, else its field's whole range. */
export function startingDimension(family: TunableFamily, t: TunableParam): SearchDimension {
  const preset = defaultSearchSpace(family).find((d) => d.param === t.param);
  if (preset) return preset;
  const f = t.field;
  if (f.kind === 'enum') return { param: t.param, type: 'choice', values: [...(f.options ?? [])] };
  const own = typeof f.default === 'number' ? f.default : (f.min ?? 0);
  const whole = f.kind === 'integer';
  const min = Math.max(f.min ?? 0, whole ? Math.ceil(own / 4) : own / 4);
  const max = Math.min(f.max ?? own * 4, own > 0 ? (whole ? Math.floor(own * 4) : own * 4) : 1);
  return { param: t.param, type: 'range', min, max, scale: min > 0 ? 'log' : 'linear' };
}

/**
 * The space after one edit: `next` for `param` (null switches it off), written out in full, in the order the
 * model's parameters are listed, so editing the defaults keeps the rest of them.
 */
export function editSpace(
  family: TunableFamily,
  space: readonly SearchDimension[],
  param: string,
  next: SearchDimension | null,
): SearchDimension[] {
  const current = effectiveSearchSpace(family, space).filter((d) => d.param !== param);
  const all = next ? [...current, next] : current;
  const order = tunableParams(family).map((t) => t.param);
  return all.sort((a, b) => order.indexOf(a.param) - order.indexOf(b.param));
}
