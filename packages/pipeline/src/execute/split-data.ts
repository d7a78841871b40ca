import {
  binaryTarget,
  dropAllMissingColumns,
  getColumn,
  leakageWarnings,
  randomSplit,
  stratifiedSplit,
  takeRows,
  timeSplit,
  type SplitIndices,
  type Table,
} from '@studio/data';
import { UserError } from '@studio/ir';
import type { DatasetStep, SplitStep } from '../plan/plan-types';
import type { RunWarning } from '../run-types';
import { atNode } from './at-node';
import { pinWarnings } from './apply-steps';

/** One side of the split: its rows and their outcomes (1 = bad). */
export interface Side {
  table: Table;
  y: Uint8Array;
}

/** The checked dataset cut into training and held-out sides. */
export interface SplitData {
  train: Side;
  test: Side;
}

function indices(step: SplitStep, table: Table, y: Uint8Array, target: string): SplitIndices {
  const opts = { testFraction: step.testFraction, seed: step.seed };
  if (step.method === 'random') return randomSplit(table.rowCount, opts);
  if (step.method === 'time') {
    const col = getColumn(table, step.timeColumn);
    if (col.type === 'categorical')
      throw new UserError(
        'SPLIT_TIME_NOT_ORDERED',
        `The time column "${step.timeColumn}" holds text; pick a date or numeric column.`,
        { column: step.timeColumn },
      );
    return timeSplit(col.values, { testFraction: step.testFraction });
  }
  if (step.stratify && step.stratify !== target)
    throw new UserError(
      'SPLIT_STRATIFY_UNSUPPORTED',
      `Stratifying by "${step.stratify}" is not supported yet; leave "Stratify by" empty to keep the bad rate equal on both sides.`,
      { column: step.stratify },
    );
  return stratifiedSplit(y, opts);
}

/**
 * Checks the dataset (empty columns are dropped with a warning on the dataset node, the target must be binary,
 * a column that predicts it perfectly is flagged as leakage) and splits it as the Split node says.
 */
export function splitData(
  raw: Table,
  dataset: DatasetStep,
  split: SplitStep,
  warnings: RunWarning[],
): SplitData {
  const { table, y } = atNode(dataset.nodeId, () => {
    const usable = dropAllMissingColumns(raw);
    warnings.push(...pinWarnings(usable.warnings, dataset.nodeId));
    const outcome = binaryTarget(usable.table, dataset.target);
    warnings.push(...pinWarnings(leakageWarnings(usable.table, dataset.target, outcome), dataset.nodeId));
    return { table: usable.table, y: outcome };
  });
  const parts = atNode(split.nodeId, () => indices(split, table, y, dataset.target));
  const side = (index: Int32Array): Side => {
    const outcome = new Uint8Array(index.length);
    for (let i = 0; i < index.length; i++) outcome[i] = y[index[i]!]!;
    return { table: takeRows(table, index), y: outcome };
  };
  return { train: side(parts.train), test: side(parts.test) };
}
