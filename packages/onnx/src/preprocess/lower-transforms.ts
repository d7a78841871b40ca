/**
 * Fitted transforms as ONNX nodes. Numeric columns are carried in double, so cut points, means and scales
 * compare and compute exactly as @studio/data does on the (float32) input values; text columns stay strings,
 * with the empty string standing for a missing category.
 */
import { DataType } from '../protobuf/onnx-types';
import { floatAttr, floatsAttr, intAttr, stringsAttr } from '../graph/attributes';
import type { GraphBuilder } from '../graph/graph-builder';
import { doubleTensor, int64Tensor, stringTensor } from '../graph/tensors';
import { columnOf, type ColumnState } from './column-state';
import type { TransformJson } from './transform-schema';

/** The string a categorical graph input holds for a missing value. */
export const MISSING_CATEGORY = '';

type Of<K extends TransformJson['kind']> = Extract<TransformJson, { kind: K }>;

function isMissingCategory(g: GraphBuilder, x: string, hint: string): string {
  return g.node(
    'Equal',
    [x, g.constant('missing_category', (n) => stringTensor(n, [], [MISSING_CATEGORY]))],
    `${hint}_is_missing`,
  );
}

function lowerImpute(g: GraphBuilder, f: Of<'impute'>, state: ColumnState): void {
  for (const c of f.columns) {
    const x = columnOf(state, c.name, c.type, 'impute');
    const missing =
      c.type === 'numeric' ? g.node('IsNaN', [x], `${c.name}_is_missing`) : isMissingCategory(g, x, c.name);
    const fill =
      c.type === 'numeric'
        ? g.constant(`${c.name}_fill`, (n) => doubleTensor(n, [], [c.fill]))
        : g.constant(`${c.name}_fill`, (n) => stringTensor(n, [], [c.fill]));
    state.set(c.name, { tensor: g.node('Where', [missing, fill, x], `${c.name}_imputed`), type: c.type });
    if (c.indicator) {
      const flag = g.node('Cast', [missing], `${c.name}_missing`, [intAttr('to', DataType.DOUBLE)]);
      state.set(`${c.name}_missing`, { tensor: flag, type: 'numeric' });
    }
  }
}

function lowerOneHot(g: GraphBuilder, f: Of<'one-hot'>, state: ColumnState): void {
  const added: [string, string][] = [];
  for (const c of f.columns) {
    const x = columnOf(state, c.name, 'categorical', 'one-hot');
    state.delete(c.name);
    if (c.categories.length === 0) continue;
    const cats = g.constant(`${c.name}_categories`, (n) =>
      stringTensor(n, [c.categories.length], c.categories),
    );
    const hot = g.node('Cast', [g.node('Equal', [x, cats], `${c.name}_is`)], `${c.name}_onehot`, [
      intAttr('to', DataType.DOUBLE),
    ]);
    const parts =
      c.categories.length === 1
        ? [hot]
        : g.nodeN('Split', [hot], `${c.name}_eq`, c.categories.length, [
            intAttr('axis', 1),
            intAttr('num_outputs', c.categories.length),
          ]);
    c.categories.forEach((v, k) => added.push([`${c.name}=${v}`, parts[k]!]));
  }
  for (const [name, tensor] of added) state.set(name, { tensor, type: 'numeric' });
}

function lowerStandardize(g: GraphBuilder, f: Of<'standardize'>, state: ColumnState): void {
  for (const c of f.columns) {
    const x = columnOf(state, c.name, 'numeric', 'standardize');
    const mean = g.constant(`${c.name}_mean`, (n) => doubleTensor(n, [], [c.mean]));
    const scale = g.constant(`${c.name}_scale`, (n) => doubleTensor(n, [], [c.scale]));
    const z = g.node('Div', [g.node('Sub', [x, mean], `${c.name}_centred`), scale], `${c.name}_scaled`);
    state.set(c.name, { tensor: z, type: 'numeric' });
  }
}

type WoeNumeric = Extract<Of<'woe'>['columns'][number], { type: 'numeric' }>;
type WoeCategorical = Extract<Of<'woe'>['columns'][number], { type: 'categorical' }>;

/** Bin index as @studio/data's numericBinIndex: #cuts below the value, then special values, then missing. */
function numericWoe(g: GraphBuilder, c: WoeNumeric, x: string): string {
  const k = c.cuts.length;
  // With no cut an infinite one keeps the same node shape: nothing is above it, every value is in range bin 0.
  // Numbers reach the graph as float32 (widened to double), and the fitted cuts and special values are data
  // values in double: a row holding 0.4771, a cut, arrives as float32(0.4771) > 0.4771 and would bin above
  // it. Compared with their float32 roundings, such rows bin as the Studio bins them (only a value within half
  // a float32 step above a cut, which float32 cannot tell from it, still can differ).
  const edges = k === 0 ? [Infinity] : c.cuts.map(Math.fround);
  const cuts = g.constant(`${c.name}_cuts`, (n) => doubleTensor(n, [edges.length], edges));
  const above = g.node('Cast', [g.node('Greater', [x, cuts], `${c.name}_above`)], `${c.name}_above_n`, [
    intAttr('to', DataType.INT64),
  ]);
  const axes = g.constant('axis_1', (n) => int64Tensor(n, [1], [1]));
  let bin = g.node('ReduceSum', [above, axes], `${c.name}_range_bin`, [intAttr('keepdims', 1)]);
  const select = (cond: string, index: number) => {
    const at = g.constant(`${c.name}_bin${index}`, (n) => int64Tensor(n, [], [index]));
    bin = g.node('Where', [cond, at, bin], `${c.name}_bin`);
  };
  // Last special value first, so the first match wins (as indexOf does); missing is applied last of all.
  for (let s = c.special.length - 1; s >= 0; s--) {
    const v = g.constant(`${c.name}_special`, (n) => doubleTensor(n, [], [Math.fround(c.special[s]!)]));
    select(g.node('Equal', [x, v], `${c.name}_is_special`), k + 1 + s);
  }
  select(g.node('IsNaN', [x], `${c.name}_is_missing`), k + 1 + c.special.length);
  const table = g.constant(`${c.name}_woe_table`, (n) =>
    doubleTensor(
      n,
      [c.bins.length],
      c.bins.map((b) => b.woe),
    ),
  );
  return g.node('Gather', [table, bin], `${c.name}_woe`, [intAttr('axis', 0)]);
}

/** Each fitted category to its group's WOE; missing and unseen categories to the Missing bin's WOE. */
function categoricalWoe(g: GraphBuilder, c: WoeCategorical, x: string): string {
  const keys = c.groups.flat();
  const values = c.groups.flatMap((grp, j) => grp.map(() => c.bins[j]!.woe));
  const missing = c.bins[c.bins.length - 1]!.woe;
  const woe = g.node(
    'LabelEncoder',
    [x],
    `${c.name}_woe_f`,
    [
      stringsAttr('keys_strings', keys),
      floatsAttr('values_floats', values),
      floatAttr('default_float', missing),
    ],
    'ai.onnx.ml',
  );
  return g.node('Cast', [woe], `${c.name}_woe`, [intAttr('to', DataType.DOUBLE)]);
}

function lowerWoe(g: GraphBuilder, f: Of<'woe'>, state: ColumnState): void {
  for (const c of f.columns) {
    const x = columnOf(state, c.name, c.type, 'WOE');
    const woe = c.type === 'numeric' ? numericWoe(g, c, x) : categoricalWoe(g, c, x);
    state.set(c.name, { tensor: woe, type: 'numeric' });
  }
}

/** Appends the nodes of every transform, in order, updating `state` as the data package updates a table. */
export function lowerTransforms(
  g: GraphBuilder,
  transforms: readonly TransformJson[],
  state: ColumnState,
): void {
  for (const f of transforms) {
    if (f.kind === 'impute') lowerImpute(g, f, state);
    else if (f.kind === 'one-hot') lowerOneHot(g, f, state);
    else if (f.kind === 'standardize') lowerStandardize(g, f, state);
    else lowerWoe(g, f, state);
  }
}
