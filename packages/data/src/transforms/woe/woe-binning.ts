import type { DataWarning } from '../../checks/data-warning';
import { binaryTarget } from '../../split/binary-target';
import { withColumns, type Row, type Table } from '../../table';
import { cellCategory, cellNumber, type Cells, type SlotOf } from '../cells';
import { assertFittedVersion, categoricalColumn, numericColumn, pickColumns } from '../fitted-common';
import type { Trend } from './bin-merge';
import { coarseBins, coarsen, numericBins, rangeIndex, woeByRange, type MergeSettings } from './numeric-bins';
import { woeKernels } from './woe-kernels';
import { assignWoe, type WoeBin } from './woe-stats';

/** How to bin characteristics and compute weights of evidence. */
export interface WoeParams {
  /** The binary target column; `badValue` names its bad value when that is not obvious. */
  target: string;
  badValue?: string | number;
  /** Columns to bin; default every column but the target. */
  columns?: string[];
  exclude?: string[];
  /** Quantile bins to start from (default 20). */
  fineBins?: number;
  /** Most bins per characteristic, missing and special bins not counted (default 6). */
  maxBins?: number;
  /** Smallest share of rows in a bin (default 0.05). */
  minBinShare?: number;
  /** Bad-rate trend across numeric bins (default auto: the direction that keeps more information). */
  monotonic?: Trend | 'auto';
  /** Numeric codes that get a bin of their own per column, e.g. { months_since_delinquency: [-1, 999] }. */
  specialValues?: Record<string, number[]>;
  /** Added to every good and bad count in the WOE formula (default 0.5). */
  smoothing?: number;
}

/** A fitted numeric characteristic: bins are the ranges, then one per special value, then missing. */
export interface WoeNumericColumn {
  name: string;
  type: 'numeric';
  cuts: number[];
  special: number[];
  bins: WoeBin[];
  iv: number;
}

/** A fitted text characteristic: bins are the groups of categories, then missing (also used for unseen categories). */
export interface WoeCategoricalColumn {
  name: string;
  type: 'categorical';
  groups: string[][];
  bins: WoeBin[];
  iv: number;
}

/** One fitted characteristic. */
export type WoeColumn = WoeNumericColumn | WoeCategoricalColumn;

/** Fitted WOE binning: JSON-serialisable, versioned; IV per characteristic. */
export interface FittedWoe {
  kind: 'woe';
  version: 1;
  columns: WoeColumn[];
}

type Counts = Omit<WoeBin, 'woe' | 'badRate'>;

function count(label: string, goods: number, bads: number): Counts {
  return { label, count: goods + bads, goods, bads };
}

function rangeLabel(cuts: number[], j: number): string {
  const lo = j === 0 ? '-inf' : String(cuts[j - 1]);
  const hi = j === cuts.length ? '+inf' : String(cuts[j]);
  return `(${lo}, ${hi}]`.replace(', +inf]', ', +inf)');
}

/** Bin index of a numeric value: its range, its special-value bin, or the missing bin (last). */
export function numericBinIndex(col: Pick<WoeNumericColumn, 'cuts' | 'special'>, v: number): number {
  if (v !== v) return col.cuts.length + 1 + col.special.length;
  const s = col.special.length > 0 ? col.special.indexOf(v) : -1;
  return s >= 0 ? col.cuts.length + 1 + s : rangeIndex(col.cuts, v);
}

/** Bin index of a category: its group, or the missing bin (last) for missing; `unseen` for a category not fitted. */
export function categoryBinIndex(
  groupOf: ReadonlyMap<string, number>,
  missingBin: number,
  v: string | null,
): number {
  if (v === null) return missingBin;
  return groupOf.get(v) ?? -1;
}

function fitNumeric(
  name: string,
  values: Float64Array,
  y: Uint8Array,
  special: number[],
  s: MergeSettings,
  smoothing: number,
): WoeNumericColumn {
  const kernels = woeKernels();
  if (kernels) {
    const r = kernels.fineBins(values, y, Float64Array.from(special), s.fineBins);
    const nRange = r.cuts.length + 1;
    const fine =
      r.regular === 0
        ? { cuts: [], bins: [{ from: 0, to: 0, goods: 0, bads: 0 }] }
        : coarseBins(Array.from(r.cuts), r.goods.subarray(0, nRange), r.bads.subarray(0, nRange), s);
    return numericColumnOf(
      name,
      fine.cuts,
      special,
      fine.bins,
      r.goods.subarray(nRange),
      r.bads.subarray(nRange),
      smoothing,
    );
  }
  // One pass: the regular values (not missing, not special) with their outcomes and range, and the counts of
  // the special and missing bins. A column with neither is used as it is, without a copy.
  const ns = special.length;
  const specialGoods = new Float64Array(ns + 1);
  const specialBads = new Float64Array(ns + 1);
  let regular = values;
  let regularY = y;
  let min = Infinity;
  let max = -Infinity;
  let m = 0;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    const sp = v !== v ? ns : ns > 0 ? special.indexOf(v) : -1;
    if (sp >= 0) {
      if (regular === values) {
        regular = values.slice(0, values.length);
        regularY = y.slice(0, y.length);
      }
      if (y[i]) specialBads[sp]!++;
      else specialGoods[sp]!++;
      continue;
    }
    if (v < min) min = v;
    if (v > max) max = v;
    if (regular !== values) {
      regular[m] = v;
      regularY[m] = y[i]!;
    }
    m++;
  }
  // The coarse bins' counts are the range bins' counts (their edges are the cuts), then special, then missing.
  const { cuts, bins: ranges } = numericBins(regular.subarray(0, m), regularY.subarray(0, m), s, {
    min,
    max,
  });
  return numericColumnOf(name, cuts, special, ranges, specialGoods, specialBads, smoothing);
}

/** The fitted column from its coarse range bins and the goods and bads of its special and missing bins. */
function numericColumnOf(
  name: string,
  cuts: number[],
  special: number[],
  ranges: readonly { goods: number; bads: number }[],
  specialGoods: ArrayLike<number>,
  specialBads: ArrayLike<number>,
  smoothing: number,
): WoeNumericColumn {
  const labels = [
    ...Array.from({ length: cuts.length + 1 }, (_, j) => rangeLabel(cuts, j)),
    ...special.map((v) => `= ${v}`),
    'Missing',
  ];
  const goods = [...ranges.map((b) => b.goods), ...Array.from(specialGoods)];
  const bads = [...ranges.map((b) => b.bads), ...Array.from(specialBads)];
  const { bins, iv } = assignWoe(
    labels.map((l, j) => count(l, goods[j]!, bads[j]!)),
    smoothing,
  );
  return { name, type: 'numeric', cuts, special, bins, iv };
}

function fitCategorical(
  name: string,
  codes: Int32Array,
  levels: string[],
  y: Uint8Array,
  s: MergeSettings,
  smoothing: number,
): WoeCategoricalColumn {
  const goods = new Float64Array(levels.length);
  const bads = new Float64Array(levels.length);
  let missGood = 0;
  let missBad = 0;
  for (let i = 0; i < codes.length; i++) {
    const k = codes[i]!;
    if (k < 0) {
      if (y[i]) missBad++;
      else missGood++;
    } else (y[i] ? bads : goods)[k]!++;
  }
  const smoothRate = (k: number) => (bads[k]! + 0.5) / (goods[k]! + bads[k]! + 1);
  const order = [...levels.keys()]
    .filter((k) => goods[k]! + bads[k]! > 0)
    .sort((a, b) => smoothRate(a) - smoothRate(b) || a - b);
  const fine = order.map((k, j) => ({ from: j, to: j, goods: goods[k]!, bads: bads[k]! }));
  const coarse = coarsen(fine, { ...s, trend: 'ascending' });
  const groups = coarse.map((b) => order.slice(b.from, b.to + 1).map((k) => levels[k]!));
  const { bins, iv } = assignWoe(
    [
      ...coarse.map((b, j) => count(groups[j]!.join(', '), b.goods, b.bads)),
      count('Missing', missGood, missBad),
    ],
    smoothing,
  );
  return { name, type: 'categorical', groups, bins, iv };
}

/**
 * Fits WOE binning per characteristic: numeric columns start from fine quantile bins, merged to a monotonic
 * bad-rate trend, a minimum bin share and a maximum bin count; text columns group categories by bad rate the
 * same way. Special values and missing get bins of their own. The IV of each characteristic is kept.
 */
export function fitWoe(table: Table, params: WoeParams): FittedWoe {
  const y = binaryTarget(table, params.target, params.badValue);
  const settings: MergeSettings = {
    fineBins: params.fineBins ?? 20,
    maxBins: params.maxBins ?? 6,
    minCount: Math.ceil((params.minBinShare ?? 0.05) * table.rowCount),
    trend: params.monotonic ?? 'auto',
  };
  const smoothing = params.smoothing ?? 0.5;
  const cols = pickColumns(table, params.columns, () => true, [params.target, ...(params.exclude ?? [])]);
  return {
    kind: 'woe',
    version: 1,
    columns: cols.map((c) =>
      c.type === 'categorical'
        ? fitCategorical(c.name, c.codes, c.levels, y, settings, smoothing)
        : fitNumeric(c.name, c.values, y, params.specialValues?.[c.name] ?? [], settings, smoothing),
    ),
  };
}

/** Information value per characteristic, strongest first. */
export function informationValues(f: FittedWoe): { name: string; iv: number }[] {
  return f.columns.map((c) => ({ name: c.name, iv: c.iv })).sort((a, b) => b.iv - a.iv);
}

function unseenWarning(column: string, count: number): DataWarning {
  return {
    code: 'UNSEEN_CATEGORY',
    column,
    message: `${count} row(s) of "${column}" have a category not seen in training; they were scored in the Missing bin.`,
    details: { count },
  };
}

/** Category → group index per fitted column, built once: per-row scoring looks it up on every request. */
const groupIndexes = new WeakMap<WoeCategoricalColumn, Map<string, number>>();

function groupIndex(col: WoeCategoricalColumn): Map<string, number> {
  let index = groupIndexes.get(col);
  if (!index) {
    index = new Map(col.groups.flatMap((g, j) => g.map((v) => [v, j] as const)));
    groupIndexes.set(col, index);
  }
  return index;
}

/** Bin index per characteristic for one row (the input of scorecard points and reason codes). */
export function woeBinsOfRow(f: FittedWoe, row: Row, warnings?: DataWarning[]): Record<string, number> {
  assertFittedVersion(f, 'woe', 1);
  const out: Record<string, number> = {};
  for (const col of f.columns) {
    if (col.type === 'numeric') out[col.name] = numericBinIndex(col, cellNumber(row[col.name]));
    else {
      const missing = col.bins.length - 1;
      const k = categoryBinIndex(groupIndex(col), missing, cellCategory(row[col.name]));
      if (k < 0) warnings?.push(unseenWarning(col.name, 1));
      out[col.name] = k < 0 ? missing : k;
    }
  }
  return out;
}

/** Replaces each fitted characteristic by its WOE value (unseen categories take the Missing bin's WOE). */
export function applyWoe(f: FittedWoe, table: Table, warnings?: DataWarning[]): Table {
  assertFittedVersion(f, 'woe', 1);
  return withColumns(
    table,
    f.columns.map((col) => {
      const values = new Float64Array(table.rowCount);
      if (col.type === 'numeric') {
        const c = numericColumn(table, col.name, 'WOE binning');
        const woe = Float64Array.from(col.bins, (b) => b.woe);
        if (col.special.length > 0) {
          for (let i = 0; i < values.length; i++) values[i] = woe[numericBinIndex(col, c.values[i]!)]!;
        } else {
          // numericBinIndex without special values: the missing bin, else rangeIndex, then the bin's WOE.
          (woeKernels()?.woeByRange ?? woeByRange)(c.values, Float64Array.from(col.cuts), woe, values);
        }
      } else {
        const c = categoricalColumn(table, col.name);
        const groupOf = groupIndex(col);
        const missing = col.bins.length - 1;
        const binOfCode = Int32Array.from(c.levels, (v) => categoryBinIndex(groupOf, missing, v));
        let unseen = 0;
        for (let i = 0; i < values.length; i++) {
          const code = c.codes[i]!;
          let k = code < 0 ? categoryBinIndex(groupOf, missing, null) : binOfCode[code]!;
          if (k < 0) {
            unseen++;
            k = missing;
          }
          values[i] = col.bins[k]!.woe;
        }
        if (unseen > 0) warnings?.push(unseenWarning(col.name, unseen));
      }
      return { name: col.name, type: 'numeric' as const, values };
    }),
  );
}

/**
 * `applyWoeRow` compiled for one fitted step, in place on a record's `Cells` (slots from `slot`): the same
 * bin lookup (and warnings) as `woeBinsOfRow`, then each characteristic's WOE. Returns the bin index per
 * fitted column, in `f.columns`' order (the input of scorecard points and reason codes); that array is reused
 * by the next call.
 */
export function compileWoeRow(
  f: FittedWoe,
  slot: SlotOf,
): (cells: Cells, warnings?: DataWarning[]) => Int32Array {
  assertFittedVersion(f, 'woe', 1);
  const cols = f.columns.map((col) => ({
    col,
    at: slot(col.name),
    groups: col.type === 'categorical' ? groupIndex(col) : null,
    woe: Float64Array.from(col.bins, (b) => b.woe),
  }));
  const bins = new Int32Array(cols.length);
  return (cells, warnings) => {
    for (let i = 0; i < cols.length; i++) {
      const { col, at, groups } = cols[i]!;
      if (col.type === 'numeric') bins[i] = numericBinIndex(col, cellNumber(cells[at]));
      else {
        const missing = col.bins.length - 1;
        const k = categoryBinIndex(groups!, missing, cellCategory(cells[at]));
        if (k < 0) warnings?.push(unseenWarning(col.name, 1));
        bins[i] = k < 0 ? missing : k;
      }
    }
    for (let i = 0; i < cols.length; i++) cells[cols[i]!.at] = cols[i]!.woe[bins[i]!]!;
    return bins;
  };
}

/** Per-row twin of `applyWoe`: the same bin lookup, then the bin's WOE. */
export function applyWoeRow(f: FittedWoe, row: Row, warnings?: DataWarning[]): Row {
  const bins = woeBinsOfRow(f, row, warnings);
  const out: Row = { ...row };
  for (const col of f.columns) out[col.name] = col.bins[bins[col.name]!]!.woe;
  return out;
}
