import type { Column, Table } from '../table';

/**
 * A fixed table for pinning the dataset checks: `rows` rows (≥ 200) of a 0/1 `target` and columns of every shape
 * the checks judge: row sequences and shuffled unique integers (ID-like, with and without a few gaps), unique
 * decimals and text, a single repeated value among unique ones, ties, high cardinality, gaps, mostly missing
 * (above and exactly at the threshold), constant and near-constant (at, just above and just below 99 %), ±0,
 * ±∞, huge and subnormal ranges, leaks (separating, near-perfect, missing exactly when bad, outcome names),
 * dates, booleans, text columns. Deterministic (an LCG), no I/O.
 */
export function checksFixture(rows: number, seed = 7): Table {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const shuffled = (a: Float64Array): Float64Array => {
    for (let i = a.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      const t = a[i]!;
      a[i] = a[j]!;
      a[j] = t;
    }
    return a;
  };
  const risk = Float64Array.from({ length: rows }, () => rand());
  const y = Uint8Array.from(risk, (r) => (rand() < 0.05 + 0.35 * r ? 1 : 0));
  const num = (name: string, f: (i: number) => number, type: 'numeric' | 'date' | 'boolean' = 'numeric') => ({
    name,
    type,
    values: Float64Array.from({ length: rows }, (_, i) => f(i)),
  });
  const cat = (name: string, levels: number, f: (i: number) => number): Column => ({
    name,
    type: 'categorical',
    codes: Int32Array.from({ length: rows }, (_, i) => f(i)),
    levels: Array.from({ length: levels }, (_, k) => `v${k}`),
  });
  const unique = shuffled(Float64Array.from({ length: rows }, (_, i) => i * 3 - 50));
  const oneRepeat = shuffled(Float64Array.from({ length: rows }, (_, i) => (i === rows - 1 ? 17 : i)));
  // Exactly 1 % of the rows hold other values (the top value fills exactly 99 %), then one more and one fewer.
  const edge = Math.floor(rows / 100);
  const nearAt = shuffled(Float64Array.from({ length: rows }, (_, i) => (i < rows - edge ? 4 : i)));
  const nearAbove = shuffled(Float64Array.from({ length: rows }, (_, i) => (i < rows - edge + 1 ? 4 : i)));
  const nearBelow = shuffled(Float64Array.from({ length: rows }, (_, i) => (i < rows - edge - 1 ? 4 : i)));
  const halfMissing = shuffled(Float64Array.from({ length: rows }, (_, i) => (i < rows / 2 ? NaN : i % 13)));
  return {
    rowCount: rows,
    columns: [
      num('id_seq', (i) => i + 1),
      num('id_desc', (i) => 5 * (rows - i)),
      num('target', (i) => y[i]!),
      num('id_shuffled', (i) => unique[i]!),
      num('id_gappy', (i) => (i % 40 === 3 ? NaN : unique[i]!)),
      num('id_too_gappy', (i) => (i % 15 === 3 ? NaN : unique[i]!)),
      num('id_decimal', (i) => unique[i]! + 0.25),
      num('one_repeat', (i) => oneRepeat[i]!),
      num('seq_with_tie', (i) => (i === rows >> 1 ? i : i + 1)),
      num('ties', () => Math.floor(rand() * 10)),
      num('cont', (i) => risk[i]! * 1000 + rand() * 400 - 200),
      num('high_card', () => Math.floor(rand() * rows * 10)),
      num('gappy', (i) => (rand() < 0.07 ? NaN : Math.round((1 - risk[i]!) * 50 + rand() * 30) / 4)),
      num('mostly_missing', () => (rand() < 0.6 ? NaN : Math.floor(rand() * 5))),
      num('half_missing', (i) => halfMissing[i]!),
      num('constant', () => 7),
      num('constant_gappy', () => (rand() < 0.3 ? NaN : -2.5)),
      num('near_const', () => (rand() < 0.995 ? 0 : rand() * 100)),
      num('near_at', (i) => nearAt[i]!),
      num('near_above', (i) => nearAbove[i]!),
      num('near_below', (i) => nearBelow[i]!),
      num('signed_zero', () => (rand() < 0.5 ? -0 : rand() < 0.9 ? 0 : 1)),
      num('zeros_only', () => (rand() < 0.5 ? -0 : 0)),
      num('wild', (i) => {
        const u = rand();
        return u < 0.01 ? Infinity : u < 0.02 ? -Infinity : (risk[i]! - 0.5) * 1e6 * rand();
      }),
      num('huge', () => (rand() < 0.5 ? -1e308 : 1e308 * rand())),
      num('subnormal', () => (rand() < 0.5 ? 0 : 5e-324)),
      num('leak_perfect', (i) => (y[i] ? 1000 + rand() : rand() * 999)),
      num('leak_near', (i) => (y[i] ? 500 + rand() * 500 : rand() < 0.97 ? rand() * 500 : 600)),
      num('leak_missing', (i) => (y[i] ? NaN : rand() * 10)),
      num('recoveries_amount', () => Math.floor(rand() * 300)),
      num('all_missing', () => NaN),
      num('opened', (i) => Date.UTC(2015, 0, 1) + Math.floor(i / 7) * 86_400_000, 'date'),
      num('flag', () => (rand() < 0.3 ? 1 : 0), 'boolean'),
      num('flag_rare', () => (rand() < 0.004 ? 1 : 0), 'boolean'),
      cat('grade', 8, (i) => (rand() < 0.04 ? -1 : Math.floor(risk[i]! * 5 + rand() * 3))),
      cat('id_text', rows, (i) => (unique[i]! + 50) / 3),
      cat('cat_constant', 3, () => 1),
      cat('cat_near_const', 3, () => (rand() < 0.996 ? 0 : 2)),
      cat('cat_mostly_missing', 4, () => (rand() < 0.7 ? -1 : 3)),
      cat('loan_status', 3, (i) => i % 3),
      cat('cat_leak', 2, (i) => y[i]!),
      cat('cat_empty', 2, () => -1),
    ],
  };
}
