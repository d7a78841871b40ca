/**
 * Seeded synthetic credit data: 10 skewed numeric features, ~20% missing in one of them, and
 * ~7% defaults drawn from a nonlinear logistic model. Cached as raw little-endian files so the
 * Python anchors read exactly the same rows.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const FEATURES = 10;
export const MISSING_COLUMN = 3;
/** scikit-learn's C of the L1 case (lr-l1), small enough that some coefficients are exactly zero. */
export const L1_C = 1e-3;
const CACHE = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache');

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function features(r: () => number, out: Float64Array): void {
  const normal = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  out[0] = Math.exp(10.5 + 0.5 * normal()); // income, log-normal
  out[1] = r() ** 2 * 1.5; // debt ratio, right-skewed
  out[2] = 21 + 50 * r() ** 1.5; // age
  out[3] = r() < 0.2 ? Number.NaN : -60 * Math.log(1 - r()); // months employed, 20% missing
  out[4] = Math.floor(-3 * Math.log(1 - r())); // open accounts
  out[5] = Math.sqrt(r()); // utilisation
  out[6] = Math.floor(-0.4 * Math.log(1 - r())); // delinquencies
  out[7] = Math.exp(9 + 0.8 * normal()); // loan amount
  out[8] = Math.floor(-1.2 * Math.log(1 - r())); // recent inquiries
  out[9] = -4 * Math.log((1 - r()) * (1 - r())); // credit history years, gamma(2)
}

function logit(x: Float64Array): number {
  const employed = Number.isNaN(x[3] ?? 0) ? 0.4 : -0.006 * (x[3] ?? 0);
  return (
    1.6 * (x[5] ?? 0) ** 2 -
    0.6 * Math.log((x[0] ?? 1) / 36000) +
    0.7 * (x[6] ?? 0) +
    1.1 * (x[1] ?? 0) -
    0.015 * ((x[2] ?? 40) - 40) +
    0.25 * (x[8] ?? 0) +
    0.4 * Math.sin((x[9] ?? 0) / 3) +
    0.3 * Math.log((x[7] ?? 1) / 8000) * (x[1] ?? 0) +
    employed
  );
}

export interface CreditData {
  X: Float32Array;
  y: Uint8Array;
  rows: number;
}

/** The data set of `rows` rows for `seed`, generated once and cached under bench/.cache. */
export function creditData(rows: number, seed = 7): CreditData {
  const base = join(CACHE, `credit-${rows}-${seed}`);
  if (existsSync(`${base}.y.u8`)) {
    const xb = readFileSync(`${base}.x.f32`);
    const yb = readFileSync(`${base}.y.u8`);
    return { X: new Float32Array(xb.buffer, xb.byteOffset, rows * FEATURES), y: new Uint8Array(yb), rows };
  }
  // Calibrate the intercept on a sample so that about 7% of rows default.
  const sample = mulberry32(seed ^ 0x5a5a);
  const x = new Float64Array(FEATURES);
  const z: number[] = [];
  for (let i = 0; i < 20000; i++) {
    features(sample, x);
    z.push(logit(x));
  }
  let lo = -20;
  let hi = 20;
  for (let it = 0; it < 60; it++) {
    const mid = (lo + hi) / 2;
    const rate = z.reduce((s, v) => s + 1 / (1 + Math.exp(-(v + mid))), 0) / z.length;
    if (rate > 0.07) hi = mid;
    else lo = mid;
  }
  const r = mulberry32(seed);
  const X = new Float32Array(rows * FEATURES);
  const y = new Uint8Array(rows);
  for (let i = 0; i < rows; i++) {
    features(r, x);
    X.set(x, i * FEATURES);
    y[i] = r() < 1 / (1 + Math.exp(-(logit(x) + lo))) ? 1 : 0;
  }
  mkdirSync(dirname(base), { recursive: true });
  writeFileSync(`${base}.x.f32`, X);
  writeFileSync(`${base}.y.u8`, y);
  return { X, y, rows };
}

/** Paths of the cached files, for the Python anchors. */
export function creditDataFiles(rows: number, seed = 7): { x: string; y: string } {
  const base = join(CACHE, `credit-${rows}-${seed}`);
  return { x: `${base}.x.f32`, y: `${base}.y.u8` };
}
