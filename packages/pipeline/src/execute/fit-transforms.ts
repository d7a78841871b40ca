import {
  applyTransform,
  dropColumns,
  fitImpute,
  fitOneHot,
  fitStandardize,
  fitWoe,
  informationValues,
  selectFeatures,
  type DataWarning,
  type DroppedFeature,
  type FittedTransform,
  type FittedWoe,
  type Scaling,
  type Table,
} from '@studio/data';
import { UnexpectedError, UserError } from '@studio/ir';
import type { TransformStep } from '../plan/plan-types';
import { atNode } from './at-node';
import './native-kernels';

/** A fitted transform and the node it came from; `nodeId` is the model's for transforms added implicitly. */
export interface FittedStep {
  nodeId: string;
  fitted: FittedTransform;
  /** One-hot only: what scoring does with a category not seen in training. */
  unseen?: 'ignore' | 'other' | 'error';
}

/** What fitting a branch's transforms learned, and the training table they produce. */
export interface FittedChain {
  steps: FittedStep[];
  table: Table;
  woe: FittedWoe | null;
  /** Columns Feature Selection left out (absent when there is no selection node). */
  dropped: DroppedFeature[] | null;
  /**
   * With `deferTrailingStandardize`: the chain's last step when it is a standardisation, fitted (it is in
   * `steps`) but not applied to `table`, so its caller can fuse it into packing the matrix. Null otherwise.
   */
  deferred: FittedStep | null;
}

function names(params: Record<string, unknown>): string[] | undefined {
  const cols = params.columns;
  return Array.isArray(cols) && cols.length > 0 ? cols.map(String) : undefined;
}

function specialValues(
  params: Record<string, unknown>,
  columns: string[],
): Record<string, number[]> | undefined {
  const text = String(params.specialValues ?? '').trim();
  if (!text) return undefined;
  const values = text.split(',').map((v) => Number(v.trim()));
  return Object.fromEntries(columns.map((c) => [c, values]));
}

function fitStep(step: TransformStep, table: Table, target: string): FittedTransform {
  const p = step.params;
  switch (step.op) {
    case 'impute':
      return fitImpute(table, {
        columns: names(p),
        numeric: p.strategy as 'median' | 'mean' | 'constant',
        numericConstant: Number(p.fillValue ?? 0),
        indicator: p.addIndicator === true,
      });
    case 'one-hot':
      return fitOneHot(table, {
        columns: names(p),
        exclude: [target],
        maxCategories: Number(p.maxCategories),
      });
    case 'standardize': {
      const f = fitStandardize(table, { columns: names(p), exclude: [target] });
      // The data package always centres and scales; switching either off is the identity on that side.
      const columns = f.columns.map((c) => ({
        name: c.name,
        mean: p.withMean === false ? 0 : c.mean,
        scale: p.withStd === false ? 1 : c.scale,
      }));
      return { ...f, columns };
    }
    case 'woe-binning': {
      const cols = names(p);
      const numeric = table.columns
        .filter((c) => c.type !== 'categorical' && c.name !== target)
        .map((c) => c.name);
      return fitWoe(table, {
        target,
        columns: cols,
        maxBins: Number(p.maxBins),
        minBinShare: Number(p.minBinShare),
        monotonic: p.monotonic as 'auto' | 'ascending' | 'descending' | 'none',
        specialValues: specialValues(p, cols ?? numeric),
      });
    }
    case 'feature-selection':
      throw new UnexpectedError('PIPELINE_INVARIANT', 'feature selection is not a fitted transform');
  }
}

/**
 * Fits a branch's transforms on the training table in order, each on the output of the one before (the same
 * code later applies them to test rows and to single records). Feature Selection keeps the strongest WOE
 * characteristics by IV and drops the rest from the table. With `deferTrailingStandardize`, a standardisation
 * that is the last step is fitted but left unapplied (`deferred`): `table` is then the table before it.
 */
export function fitTransforms(
  steps: readonly TransformStep[],
  train: Table,
  target: string,
  warnings: DataWarning[],
  opts: { deferTrailingStandardize?: boolean } = {},
): FittedChain {
  const out: FittedStep[] = [];
  let deferred: FittedStep | null = null;
  let table = train;
  let woe: FittedWoe | null = null;
  let dropped: DroppedFeature[] | null = null;
  for (const step of steps) {
    atNode(step.nodeId, () => {
      if (step.op === 'feature-selection') {
        const p = step.params;
        if (!woe)
          throw new UserError(
            'PLAN_SELECTION_NEEDS_WOE',
            'Feature Selection ranks columns by information value; put a WOE Binning node right before it',
          );
        const ivs = informationValues(woe);
        const result = selectFeatures(table, ivs, {
          minIv: Number(p.minIV),
          maxCorrelation: Number(p.maxCorrelation),
        });
        const max = Number(p.maxFeatures);
        const kept = max > 0 ? result.selected.slice(0, max) : result.selected;
        const overflow = result.selected.slice(kept.length).map((name) => ({
          name,
          reason: 'low-iv' as const,
          iv: ivs.find((v) => v.name === name)?.iv ?? 0,
        }));
        dropped = [...result.dropped, ...overflow];
        table = dropColumns(
          table,
          dropped.map((d) => d.name),
        );
        return;
      }
      const fitted = fitStep(step, table, target);
      if (fitted.kind === 'woe') woe = fitted;
      const done: FittedStep = {
        nodeId: step.nodeId,
        fitted,
        ...(step.op === 'one-hot' ? { unseen: step.params.unseen as FittedStep['unseen'] } : {}),
      };
      out.push(done);
      if (opts.deferTrailingStandardize && fitted.kind === 'standardize' && step === steps[steps.length - 1])
        deferred = done;
      else table = applyTransform(fitted, table, warnings);
    });
  }
  return { steps: out, table, woe, dropped, deferred };
}

/**
 * The model input's table when the chain's trailing standardisation was deferred, and the rest of that
 * standardisation as `packSteps`, to be fused into packing the matrix (`packFeatures`: the same arithmetic, so
 * the same matrix as applying it here). Every column with a finite mean and a finite scale > 0 is deferred (the
 * model's median fill of such a column is fitted from its unscaled order statistics: `scaled`, for
 * `prepareModelInput`), and so is every column that cannot have a gap (it needs no fill); the others are
 * standardised here. Without a deferred step: the chain's table and no steps.
 */
export function splitDeferred(
  chain: FittedChain,
  complete: ReadonlySet<string>,
  warnings: DataWarning[],
): { table: Table; packSteps: FittedStep[]; scaled: Map<string, Scaling> } {
  const scaled = new Map<string, Scaling>();
  const d = chain.deferred;
  if (!d || d.fitted.kind !== 'standardize') return { table: chain.table, packSteps: [], scaled };
  const f = d.fitted;
  const monotone = (c: Scaling) => Number.isFinite(c.mean) && Number.isFinite(c.scale) && c.scale > 0;
  const now = f.columns.filter((c) => !complete.has(c.name) && !monotone(c));
  const later = f.columns.filter((c) => complete.has(c.name) || monotone(c));
  for (const c of later) if (!complete.has(c.name)) scaled.set(c.name, { mean: c.mean, scale: c.scale });
  const table = now.length > 0 ? applyTransform({ ...f, columns: now }, chain.table, warnings) : chain.table;
  return {
    table,
    packSteps: later.length > 0 ? [{ ...d, fitted: { ...f, columns: later } }] : [],
    scaled,
  };
}
