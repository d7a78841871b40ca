import { UserError } from '@studio/ir';
import type { DataWarning } from '../checks/data-warning';
import type { Row, Table } from '../table';
import type { Cells, SlotOf } from './cells';
import { applyImpute, applyImputeRow, compileImputeRow, type FittedImpute } from './impute';
import { applyOneHot, applyOneHotRow, compileOneHotRow, type FittedOneHot } from './one-hot';
import {
  applyStandardize,
  applyStandardizeRow,
  compileStandardizeRow,
  type FittedStandardize,
} from './standardize';
import { applyWoe, applyWoeRow, compileWoeRow, type FittedWoe } from './woe/woe-binning';

/** Any fitted transform; persisted as JSON inside model artifacts. */
export type FittedTransform = FittedImpute | FittedOneHot | FittedStandardize | FittedWoe;

/** Applies one fitted transform to a table (training, batch scoring). */
export function applyTransform(f: FittedTransform, table: Table, warnings?: DataWarning[]): Table {
  switch (f.kind) {
    case 'impute':
      return applyImpute(f, table);
    case 'one-hot':
      return applyOneHot(f, table, warnings);
    case 'standardize':
      return applyStandardize(f, table);
    case 'woe':
      return applyWoe(f, table, warnings);
  }
}

/** Applies one fitted transform to a single record (per-request scoring); agrees with `applyTransform`. */
export function applyTransformRow(f: FittedTransform, row: Row, warnings?: DataWarning[]): Row {
  switch (f.kind) {
    case 'impute':
      return applyImputeRow(f, row);
    case 'one-hot':
      return applyOneHotRow(f, row, warnings);
    case 'standardize':
      return applyStandardizeRow(f, row);
    case 'woe':
      return applyWoeRow(f, row, warnings);
  }
}

/**
 * `applyTransformRow` compiled for one fitted transform: applies it in place to a record's `Cells` (each
 * column at the index `slot` assigns its name), with its lookups built once; the cells end holding what
 * `applyTransformRow`'s answer would hold under those names. WOE steps are compiled with `compileWoeRow`,
 * which also gives the bins.
 */
export function compileTransformRow(
  f: FittedTransform,
  slot: SlotOf,
): (cells: Cells, warnings?: DataWarning[]) => void {
  switch (f.kind) {
    case 'impute':
      return compileImputeRow(f, slot);
    case 'one-hot':
      return compileOneHotRow(f, slot);
    case 'standardize':
      return compileStandardizeRow(f, slot);
    case 'woe': {
      const woe = compileWoeRow(f, slot);
      return (row, warnings) => void woe(row, warnings);
    }
  }
}

/** Applies fitted transforms in order to a table. */
export function applyPipeline(fs: readonly FittedTransform[], table: Table, warnings?: DataWarning[]): Table {
  return fs.reduce((t, f) => applyTransform(f, t, warnings), table);
}

/** Applies fitted transforms in order to one record. */
export function applyPipelineRow(fs: readonly FittedTransform[], row: Row, warnings?: DataWarning[]): Row {
  return fs.reduce((r, f) => applyTransformRow(f, r, warnings), row);
}

const KINDS = new Set(['impute', 'one-hot', 'standardize', 'woe']);

/** Reads a fitted transform back from JSON, refusing unknown kinds and versions with a clear message. */
export function parseFittedTransform(json: string): FittedTransform {
  const f = JSON.parse(json) as { kind?: unknown; version?: unknown };
  if (typeof f !== 'object' || f === null || !KINDS.has(String(f.kind)) || f.version !== 1) {
    throw new UserError(
      'TRANSFORM_VERSION_UNSUPPORTED',
      `This model contains a transform (${String(f?.kind)} v${String(f?.version)}) that this Studio cannot read. Retrain the model or upgrade the Studio.`,
      { kind: f?.kind, version: f?.version },
    );
  }
  return f as FittedTransform;
}
