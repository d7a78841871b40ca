/** Seeded synthetic data and reference computations used by the engine's tests. */

/** Mulberry32: a tiny seeded PRNG, so fixtures are identical on every run. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface Synthetic {
  X: Float32Array;
  y: Uint8Array;
  rows: number;
  inputs: number;
}

/** y ~ Bernoulli(sigmoid(X·beta + intercept)) with X ~ U(-2, 2). */
export function logisticData(rows: number, beta: number[], intercept: number, seed: number): Synthetic {
  const r = rng(seed);
  const inputs = beta.length;
  const X = new Float32Array(rows * inputs);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    let z = intercept;
    for (let j = 0; j < inputs; j++) {
      const v = Math.fround(r() * 4 - 2);
      X[i * inputs + j] = v;
      z += (beta[j] ?? 0) * v;
    }
    y[i] = r() < 1 / (1 + Math.exp(-z)) ? 1 : 0;
  }
  return { X, y, rows, inputs };
}

/** XOR-like: the label is whether x0 and x1 share a sign; no linear model separates it. */
export function xorData(rows: number, seed: number): Synthetic {
  const r = rng(seed);
  const X = new Float32Array(rows * 2);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    const a = r() * 2 - 1;
    const b = r() * 2 - 1;
    X[2 * i] = a;
    X[2 * i + 1] = b;
    y[i] = a * b > 0 ? 1 : 0;
  }
  return { X, y, rows, inputs: 2 };
}

/** ROC AUC with average ranks for ties (Mann–Whitney U). */
export function auc(score: ArrayLike<number>, y: ArrayLike<number>): number {
  const idx = Array.from({ length: y.length }, (_, i) => i).sort((a, b) => (score[a] ?? 0) - (score[b] ?? 0));
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j < idx.length && score[idx[j] ?? 0] === score[idx[i] ?? 0]) j++;
    const avg = (i + j + 1) / 2;
    for (let k = i; k < j; k++) {
      if ((y[idx[k] ?? 0] ?? 0) > 0.5) {
        pos++;
        rankSum += avg;
      }
    }
    i = j;
  }
  const neg = y.length - pos;
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * neg);
}

/**
 * Reference logistic regression by IRLS in f64 (dense normal equations, Gaussian elimination):
 * minimises mean weighted log-loss + l2/2·|w|², intercept unpenalised. Returns [w..., b].
 */
export function irls(d: Synthetic, l2: number, weights = { negative: 1, positive: 1 }): number[] {
  const P = d.inputs + 1;
  let beta = new Array<number>(P).fill(0);
  for (let iter = 0; iter < 50; iter++) {
    const g = new Array<number>(P).fill(0);
    const H = Array.from({ length: P }, () => new Array<number>(P).fill(0));
    for (let i = 0; i < d.rows; i++) {
      const x = [...d.X.subarray(i * d.inputs, (i + 1) * d.inputs), 1];
      const z = x.reduce((s, v, j) => s + v * (beta[j] ?? 0), 0);
      const p = 1 / (1 + Math.exp(-z));
      const yi = d.y[i] ?? 0;
      const w = yi ? weights.positive : weights.negative;
      for (let a = 0; a < P; a++) {
        g[a] = (g[a] ?? 0) + (w * (p - yi) * (x[a] ?? 0)) / d.rows;
        const row = H[a] ?? [];
        for (let b = 0; b < P; b++)
          row[b] = (row[b] ?? 0) + (w * p * (1 - p) * (x[a] ?? 0) * (x[b] ?? 0)) / d.rows;
      }
    }
    for (let j = 0; j < d.inputs; j++) {
      g[j] = (g[j] ?? 0) + l2 * (beta[j] ?? 0);
      const row = H[j] ?? [];
      row[j] = (row[j] ?? 0) + l2;
    }
    const step = solve(H, g);
    beta = beta.map((v, j) => v - (step[j] ?? 0));
    if (Math.max(...step.map(Math.abs)) < 1e-12) break;
  }
  return beta;
}

function solve(A: number[][], b: number[]): number[] {
  const n = b.length;
  const M = A.map((row, i) => [...row, b[i] ?? 0]);
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(M[r]?.[c] ?? 0) > Math.abs(M[piv]?.[c] ?? 0)) piv = r;
    [M[c], M[piv]] = [M[piv] ?? [], M[c] ?? []];
    const pr = M[c] ?? [];
    for (let r = c + 1; r < n; r++) {
      const row = M[r] ?? [];
      const f = (row[c] ?? 0) / (pr[c] ?? 1);
      for (let k = c; k <= n; k++) row[k] = (row[k] ?? 0) - f * (pr[k] ?? 0);
    }
  }
  const x = new Array<number>(n).fill(0);
  for (let r = n - 1; r >= 0; r--) {
    const row = M[r] ?? [];
    let s = row[n] ?? 0;
    for (let k = r + 1; k < n; k++) s -= (row[k] ?? 0) * (x[k] ?? 0);
    x[r] = s / (row[r] ?? 1);
  }
  return x;
}

/** Log-odds of a probability. */
export function logit(p: number): number {
  return Math.log(p / (1 - p));
}
