import type { SampleValidationDto, Validation } from '@studio/api';
import { getColumn, showTime, type Table } from '@studio/data';
import { bootstrapAucKs, hasStatsKernels } from '@studio/engine';
import { UnexpectedError, isStudioError } from '@studio/ir';
import {
  ageBand,
  categoricalStability,
  numericStability,
  scalingOf,
  validateSample,
  type ScalingParams,
  type StabilityIndex,
} from '@studio/scoring';
import type { ValidationOptions } from '../plan/plan-types';

/** One evaluated sample: the rows as the split gave them (before transforms), outcomes and predicted PDs. */
export interface ScoredSample {
  table: Table;
  y: ArrayLike<number>;
  prob: ArrayLike<number>;
}

export interface ValidationInput {
  options: ValidationOptions;
  /** Seeds the bootstrap (the run seed). */
  seed: number;
  cutoff: number;
  scaling: ScalingParams;
  target: string;
  /** The model's input features, to tell which raw columns (characteristics) it reads. */
  features: readonly string[];
  train: ScoredSample;
  /** Null when the Evaluate node reads the training rows (nothing held out to validate on). */
  test: ScoredSample | null;
  outOfTime: ScoredSample | null;
  outOfTimeFacts: Validation['outOfTime'];
}

/** A note for the run's warnings, pinned by the caller to the Evaluate node. */
export interface ValidationNote {
  code: string;
  message: string;
}

/** True when the model's feature `f` comes from the raw column `c` (as is, one-hot `c=level`, or an indicator). */
export function featureOf(f: string, c: string): boolean {
  return f === c || f.startsWith(`${c}=`) || f === `${c}_missing`;
}

/** Group label per row of a column (null when missing), for fairness. */
export function groupLabels(table: Table, name: string): (string | null)[] {
  const col = getColumn(table, name);
  if (col.type === 'categorical') return Array.from(col.codes, (c) => (c < 0 ? null : col.levels[c]!));
  return Array.from(col.values, (v) =>
    Number.isNaN(v)
      ? null
      : col.type === 'date'
        ? showTime(v, true)
        : col.type === 'boolean'
          ? String(v === 1)
          : String(v),
  );
}

/** Age band per row of a numeric age column. */
export function ageBandLabels(table: Table, name: string): (string | null)[] {
  const col = getColumn(table, name);
  if (col.type === 'categorical') return Array.from(col.codes, () => null);
  return Array.from(col.values, (v) => ageBand(v));
}

/** The name a derived age-band attribute goes by in reports. */
export const ageBandAttribute = (column: string) => `${column} (age band)`;

function stabilityOf(train: Table, other: Table, name: string): StabilityIndex {
  const a = getColumn(train, name);
  const b = getColumn(other, name);
  if (a.type === 'categorical' && b.type === 'categorical')
    return categoricalStability(a.codes, b.codes, a.levels);
  if (a.type !== 'categorical' && b.type !== 'categorical') return numericStability(a.values, b.values);
  throw new UnexpectedError('VALIDATION_COLUMN_TYPE', `column ${name} changed type between samples`);
}

/** Non-finite numbers become null, so the report survives JSON and its schema. */
function jsonSafe<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v)),
  ) as T;
}

/**
 * The validation pack of one Evaluate node: on the test rows and the out-of-time rows, discrimination with
 * bootstrap intervals, calibration, score distribution, cut-off table, fairness per protected attribute, PSI of
 * the score and CSI of each characteristic against the training rows. A sample the pack cannot describe (one
 * class, one group) is reported as a note, never as a failed run.
 */
export function buildValidation(input: ValidationInput): { validation: Validation; notes: ValidationNote[] } {
  const { options } = input;
  const notes: ValidationNote[] = [];
  const columns = input.train.table.columns.map((c) => c.name).filter((n) => n !== input.target);
  const used = columns.filter((c) => input.features.some((f) => featureOf(f, c)));
  const characteristics = used.length > 0 ? used : columns;
  const protectedAsInputs = options.protected.filter((p) => used.includes(p));
  if (options.ageColumn !== '' && used.includes(options.ageColumn)) protectedAsInputs.push(options.ageColumn);
  for (const p of protectedAsInputs)
    notes.push({
      code: 'PROTECTED_ATTRIBUTE_AS_INPUT',
      message: `The protected attribute "${p}" is also an input of the model; its groups may be scored differently because of it. Exclude it from the model's columns unless the law and your policy allow its use.`,
    });
  // scoreFromProbability's arithmetic with its scaling worked out once, not per row.
  const { offset, factor } = scalingOf(input.scaling);
  const points = (prob: ArrayLike<number>) => {
    const out = new Float64Array(prob.length);
    for (let i = 0; i < prob.length; i++) {
      const p = Math.min(1 - 1e-12, Math.max(1e-12, prob[i]!));
      out[i] = offset + factor * Math.log((1 - p) / p);
    }
    return out;
  };
  const trainPoints = points(input.train.prob);
  const samples: SampleValidationDto[] = [];
  const named: ['test' | 'out-of-time', ScoredSample | null][] = [
    ['test', input.test],
    ['out-of-time', input.outOfTime],
  ];
  for (const [sample, s] of named) {
    if (!s) continue;
    const protectedGroups = [
      ...options.protected.map((attribute) => ({ attribute, groups: groupLabels(s.table, attribute) })),
      ...(options.ageColumn
        ? [
            {
              attribute: ageBandAttribute(options.ageColumn),
              groups: ageBandLabels(s.table, options.ageColumn),
            },
          ]
        : []),
    ].filter((g) => {
      const distinct = new Set(g.groups.map((x) => x ?? '(missing)'));
      if (distinct.size >= 2) return true;
      notes.push({
        code: 'FAIRNESS_ONE_GROUP',
        message: `The protected attribute "${g.attribute}" has a single group in the ${sample} rows; fairness by it is not reported for them.`,
      });
      return false;
    });
    try {
      const score = points(s.prob);
      const v = validateSample({
        y: s.y,
        prob: s.prob,
        score,
        cutoff: input.cutoff,
        // The engine's native resampling loop: the same intervals as scoring's TypeScript one, bit for bit.
        bootstrap: {
          resamples: options.resamples,
          seed: input.seed,
          ...(hasStatsKernels ? { kernel: bootstrapAucKs } : {}),
        },
        loss: { lgd: options.lgd, ead: options.ead },
        protectedGroups,
      });
      samples.push({
        sample,
        ...v,
        scorePsi: numericStability(trainPoints, score),
        characteristics: characteristics.map((name) => ({
          name,
          ...stabilityOf(input.train.table, s.table, name),
        })),
      });
    } catch (e) {
      if (!isStudioError(e) || e.kind !== 'user') throw e;
      notes.push({ code: e.code, message: `Validation on the ${sample} rows was skipped: ${e.message}` });
    }
  }
  return {
    validation: jsonSafe({
      scoreScale: {
        pdo: input.scaling.pdo,
        baseScore: input.scaling.baseScore,
        baseOdds: input.scaling.baseOdds,
      },
      samples,
      protected: [...options.protected, ...(options.ageColumn ? [ageBandAttribute(options.ageColumn)] : [])],
      protectedAsInputs,
      outOfTime: input.outOfTimeFacts,
    }),
    notes,
  };
}
