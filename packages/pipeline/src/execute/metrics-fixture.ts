import { readFileSync } from 'node:fs';
import {
  binaryTarget,
  getColumn,
  mulberry32,
  parseCsv,
  takeRows,
  type NumericColumn,
  type Table,
} from '@studio/data';
import { sharedDataset } from '@studio/test-support';
import { buildEvaluation } from './evaluation';
import { buildValidation, type ScoredSample } from './validation';

/**
 * Fixed inputs of the evaluation screen and the validation pack, whose outputs are pinned to the bit in
 * metrics-pinned.json (written by the code before the shared-order rewrite): German credit with a made-up,
 * rounded PD (ties across classes), and synthetic loans whose PDs sit on a coarse grid (heavy ties), on distinct
 * values, and on a grid of two values.
 */
interface MetricsCase {
  name: string;
  table: Table;
  y: Uint8Array;
  prob: Float64Array;
  target: string;
  features: string[];
  protected: string[];
  ageColumn: string;
  resamples: number;
  cutoff: number;
}

const logistic = (z: number) => 1 / (1 + Math.exp(-z));

function germanCase(): MetricsCase {
  const table = parseCsv(readFileSync(sharedDataset('german_credit.csv')));
  const y = binaryTarget(table, 'creditability');
  const num = (name: string) => (getColumn(table, name) as NumericColumn).values;
  const duration = num('duration_in_month');
  const amount = num('credit_amount');
  const age = num('age_in_years');
  const prob = Float64Array.from(
    { length: table.rowCount },
    (_, i) =>
      Math.round(
        logistic(-1.2 + 0.03 * (duration[i]! - 20) + 0.00005 * (amount[i]! - 3000) - 0.02 * (age[i]! - 35)) *
          200,
      ) / 200,
  );
  return {
    name: 'german',
    table,
    y,
    prob,
    target: 'creditability',
    features: ['duration_in_month', 'credit_amount', 'age_in_years', 'purpose=car', 'housing_missing'],
    protected: ['personal_status_and_sex', 'foreign_worker'],
    ageColumn: 'age_in_years',
    resamples: 200,
    cutoff: 0.3,
  };
}

/** Synthetic loans: `grid` > 0 rounds the PD to that many steps (ties), 0 keeps it distinct. */
function loansCase(name: string, rows: number, grid: number, seed: number): MetricsCase {
  const rand = mulberry32(seed);
  const income = new Float64Array(rows);
  const ratio = new Float64Array(rows);
  const age = new Float64Array(rows);
  const regionCodes = new Int32Array(rows);
  const y = new Uint8Array(rows);
  const prob = new Float64Array(rows);
  const target = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    income[i] = rand() < 0.05 ? NaN : Math.round(20000 + 60000 * rand());
    ratio[i] = rand();
    age[i] = rand() < 0.03 ? NaN : Math.round(19 + 55 * rand());
    regionCodes[i] = rand() < 0.04 ? -1 : Math.floor(4 * rand());
    const p = logistic(
      -1.6 + 1.5 * ratio[i]! - (Number.isNaN(income[i]!) ? 0 : (income[i]! - 50000) / 40000),
    );
    y[i] = rand() < p ? 1 : 0;
    target[i] = y[i]!;
    const noisy = Math.min(0.999, Math.max(0.001, p + 0.1 * (rand() - 0.5)));
    prob[i] = grid > 0 ? Math.round(noisy * grid) / grid : noisy;
  }
  const table: Table = {
    rowCount: rows,
    columns: [
      { name: 'income', type: 'numeric', values: income },
      { name: 'debt_ratio', type: 'numeric', values: ratio },
      { name: 'age', type: 'numeric', values: age },
      { name: 'region', type: 'categorical', codes: regionCodes, levels: ['north', 'south', 'east', 'west'] },
      { name: 'default', type: 'numeric', values: target },
    ],
  };
  return {
    name,
    table,
    y,
    prob,
    target: 'default',
    features: ['income', 'debt_ratio', 'region=north', 'region=west'],
    protected: ['region'],
    ageColumn: 'age',
    resamples: 120,
    cutoff: 0.25,
  };
}

/** The cases whose outputs are pinned. */
export function metricsCases(): MetricsCase[] {
  return [
    germanCase(),
    loansCase('loans-grid-50', 20000, 50, 11),
    loansCase('loans-distinct', 12000, 0, 12),
    loansCase('loans-grid-1', 3000, 1, 13),
  ];
}

function sample(c: MetricsCase, rows: number[]): ScoredSample {
  return {
    table: takeRows(c.table, rows),
    y: Uint8Array.from(rows, (i) => c.y[i]!),
    prob: Float64Array.from(rows, (i) => c.prob[i]!),
  };
}

/**
 * The evaluation screen of the test rows (70 % train, 20 % test, 10 % out of time, by row number) and the
 * validation pack of the three samples, as plain JSON (what a run stores).
 */
export function metricsOutputs(c: MetricsCase): unknown {
  const idx = (keep: (k: number) => boolean) =>
    Array.from({ length: c.table.rowCount }, (_, i) => i).filter((i) => keep(i % 10));
  const train = sample(
    c,
    idx((k) => k < 7),
  );
  const test = sample(
    c,
    idx((k) => k === 7 || k === 8),
  );
  const outOfTime = sample(
    c,
    idx((k) => k === 9),
  );
  const evaluation = buildEvaluation(test.y, test.prob, c.cutoff);
  const validation = buildValidation({
    options: { resamples: c.resamples, protected: c.protected, ageColumn: c.ageColumn, lgd: 0.45, ead: 1 },
    seed: 42,
    cutoff: c.cutoff,
    scaling: { pdo: 20, baseScore: 600, baseOdds: 50 },
    target: c.target,
    features: c.features,
    train,
    test,
    outOfTime,
    outOfTimeFacts: null,
  });
  return JSON.parse(JSON.stringify({ evaluation, validation }));
}
