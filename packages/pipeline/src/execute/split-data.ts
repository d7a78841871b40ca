import {
  binaryTarget,
  dataWarnings,
  dropAllMissingColumns,
  getColumn,
  outOfTimeSplit,
  randomSplit,
  stratifiedSplit,
  takeBytes,
  takeRows,
  timeSplit,
  type SplitIndices,
  type Table,
} from '@studio/data';
import { UserError, parseCutoff } from '@studio/ir';
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
  /** Rows dated on or after the cut-off of an out-of-time split; absent for other methods. */
  outOfTime?: Side;
}

/** The date (or numeric) column of an out-of-time split as numbers, with the cut-off read the same way. */
export function outOfTimeAxis(
  table: Table,
  step: SplitStep,
): { time: Float64Array; cutoff: number; isDate: boolean } {
  const col = getColumn(table, step.timeColumn);
  if (col.type === 'categorical' || col.type === 'boolean') {
    const sample =
      col.type === 'categorical'
        ? col.levels
            .slice(0, 3)
            .map((l) => `"${l}"`)
            .join(', ')
        : 'true/false';
    throw new UserError(
      'SPLIT_TIME_NOT_DATE',
      `The date column "${step.timeColumn}" does not parse as dates (values such as ${sample}); write its dates as YYYY-MM-DD or pick a date column.`,
      { column: step.timeColumn },
    );
  }
  const cut = parseCutoff(step.cutoff);
  if (cut === null)
    throw new UserError(
      'SPLIT_OOT_CUTOFF',
      `The out-of-time cut-off "${step.cutoff}" is not a date (YYYY-MM-DD) or a number; correct "Out-of-time from".`,
      { cutoff: step.cutoff },
    );
  const isDate = col.type === 'date';
  if (isDate !== (cut.kind === 'date'))
    throw new UserError(
      'SPLIT_OOT_CUTOFF',
      isDate
        ? `"${step.timeColumn}" holds dates but the cut-off "${step.cutoff}" is a number; write the cut-off as a date, e.g. 2019-01-01.`
        : `"${step.timeColumn}" holds numbers but the cut-off "${step.cutoff}" is a date; write the cut-off as a number of that column.`,
      { column: step.timeColumn, cutoff: step.cutoff },
    );
  return { time: col.values, cutoff: cut.value, isDate };
}

function indices(
  step: SplitStep,
  table: Table,
  y: Uint8Array,
  target: string,
): SplitIndices & { outOfTime?: Int32Array } {
  const opts = { testFraction: step.testFraction, seed: step.seed };
  if (step.method === 'out-of-time') {
    const axis = outOfTimeAxis(table, step);
    return outOfTimeSplit(axis.time, axis.cutoff, y, {
      ...opts,
      column: step.timeColumn,
      cutoffText: step.cutoff,
      isDate: axis.isDate,
    });
  }
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
 * Checks the dataset (the Dataset node's "Leave out" columns are removed, empty columns are dropped with a
 * warning on the dataset node, the target must be binary, ID-like, near-constant, mostly missing and leaking
 * columns and a tiny outcome class are flagged there) and splits it as the Split node says.
 */
export function splitData(
  raw: Table,
  dataset: DatasetStep,
  split: SplitStep,
  warnings: RunWarning[],
): SplitData {
  const { table, y } = atNode(dataset.nodeId, () => {
    const left = new Set(dataset.exclude ?? []);
    const kept = left.size > 0 ? { ...raw, columns: raw.columns.filter((c) => !left.has(c.name)) } : raw;
    const usable = dropAllMissingColumns(kept);
    warnings.push(...pinWarnings(usable.warnings, dataset.nodeId));
    const outcome = binaryTarget(usable.table, dataset.target);
    const found = dataWarnings(usable.table, { name: dataset.target, y: outcome });
    warnings.push(...pinWarnings(found, dataset.nodeId));
    return { table: usable.table, y: outcome };
  });
  const parts = atNode(split.nodeId, () => indices(split, table, y, dataset.target));
  // The date of an out-of-time split orders the rows; it is not a characteristic of the applicant.
  const kept =
    split.method === 'out-of-time'
      ? { ...table, columns: table.columns.filter((c) => c.name !== split.timeColumn) }
      : table;
  const side = (index: Int32Array): Side => ({ table: takeRows(kept, index), y: takeBytes(y, index) });
  return {
    train: side(parts.train),
    test: side(parts.test),
    ...(parts.outOfTime ? { outOfTime: side(parts.outOfTime) } : {}),
  };
}
