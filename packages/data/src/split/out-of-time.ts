import { UserError } from '@studio/ir';
import { stratifiedSplit, type SplitIndices, type SplitOptions } from './splits';

/** A development split (train and test, before the cut-off) and the out-of-time rows (on or after it). */
export interface OutOfTimeIndices extends SplitIndices {
  outOfTime: Int32Array;
}

/** How a cut-off divides a date or numeric column: rows before, on/after, missing, and the column's range. */
export interface CutoffFacts {
  before: number;
  after: number;
  missing: number;
  min: number;
  max: number;
}

export function cutoffFacts(time: ArrayLike<number>, cutoff: number): CutoffFacts {
  const f: CutoffFacts = { before: 0, after: 0, missing: 0, min: Infinity, max: -Infinity };
  for (let i = 0; i < time.length; i++) {
    const t = time[i]!;
    if (Number.isNaN(t)) {
      f.missing++;
      continue;
    }
    if (t < cutoff) f.before++;
    else f.after++;
    if (t < f.min) f.min = t;
    if (t > f.max) f.max = t;
  }
  return f;
}

/** A column value as the user wrote it: a date (YYYY-MM-DD, or with the time when it has one) or a number. */
export function showTime(v: number, isDate: boolean): string {
  if (!isDate || !Number.isFinite(v)) return String(v);
  const iso = new Date(v).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.replace('.000Z', 'Z');
}

/**
 * The message when a cut-off leaves one side of an out-of-time split empty, or null when both sides have rows.
 */
export function emptySideProblem(
  column: string,
  cutoffText: string,
  facts: CutoffFacts,
  isDate: boolean,
): string | null {
  if (facts.before > 0 && facts.after > 0) return null;
  const range = `${showTime(facts.min, isDate)} to ${showTime(facts.max, isDate)}`;
  return facts.before === 0
    ? `No row of "${column}" is before the out-of-time cut-off ${cutoffText} (the column runs from ${range}), so nothing is left to train on. Choose a cut-off inside that range.`
    : `No row of "${column}" is on or after the out-of-time cut-off ${cutoffText} (the column runs from ${range}), so the out-of-time sample is empty. Choose a cut-off inside that range.`;
}

/**
 * Out-of-time split: rows dated on or after `cutoff` are the out-of-time sample; the rows before it are split
 * into train and test by `stratifiedSplit` on their outcomes (same seed, same rows). Missing dates and a
 * cut-off that leaves a side empty are user errors.
 */
export function outOfTimeSplit(
  time: ArrayLike<number>,
  cutoff: number,
  y: ArrayLike<number>,
  opts: SplitOptions & { column?: string; cutoffText?: string; isDate?: boolean },
): OutOfTimeIndices {
  const column = opts.column ?? 'time';
  const facts = cutoffFacts(time, cutoff);
  if (facts.missing > 0) {
    throw new UserError(
      'SPLIT_TIME_MISSING',
      `The date column "${column}" is missing in ${facts.missing} rows, so they cannot be placed before or after the cut-off. Fill them in or drop those rows.`,
      { column, missing: facts.missing },
    );
  }
  const problem = emptySideProblem(column, opts.cutoffText ?? String(cutoff), facts, opts.isDate ?? false);
  if (problem !== null) {
    throw new UserError('SPLIT_OOT_EMPTY_SIDE', problem, {
      column,
      before: facts.before,
      after: facts.after,
    });
  }
  const dev = new Int32Array(facts.before);
  const oot = new Int32Array(facts.after);
  for (let i = 0, d = 0, o = 0; i < time.length; i++) {
    if (time[i]! < cutoff) dev[d++] = i;
    else oot[o++] = i;
  }
  const inner = stratifiedSplit(
    Array.from(dev, (i) => y[i]!),
    opts,
  );
  return {
    train: inner.train.map((k) => dev[k]!),
    test: inner.test.map((k) => dev[k]!),
    outOfTime: oot,
  };
}
