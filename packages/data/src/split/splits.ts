import { UserError } from '@studio/ir';
import { checkKernels } from '../check-kernels';
import { mulberry32 } from './prng';

/** Row indices of the two sides of a split, each ascending. */
export interface SplitIndices {
  train: Int32Array;
  test: Int32Array;
}

/** Options shared by the splits. */
export interface SplitOptions {
  /** Share of rows in the test side, in (0, 1). */
  testFraction: number;
  /** PRNG seed (random and stratified splits). */
  seed?: number;
  /** Smallest allowed side (default 10 rows); smaller splits are a user error. */
  minRows?: number;
}

/** floor(n * f + 0.5): spelled out so the Python reference rounds the same way (Python's round() is banker's). */
export function roundHalfUp(x: number): number {
  return Math.floor(x + 0.5);
}

/** In-place Fisher–Yates shuffle driven by `rand`, from the last element down. */
export function shuffleInPlace(a: Int32Array, rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i]!;
    a[i] = a[j]!;
    a[j] = t;
  }
}

function assertFraction(f: number): void {
  if (!(f > 0 && f < 1)) {
    throw new UserError(
      'SPLIT_BAD_FRACTION',
      `The test share must be between 0 and 1 (exclusive); got ${f}.`,
      {
        testFraction: f,
      },
    );
  }
}

/** Throws DATASET_TOO_SMALL when either side of a split would have fewer than `minRows` rows. */
export function assertSides(n: number, nTest: number, minRows: number, what = 'rows'): void {
  if (nTest < minRows || n - nTest < minRows) {
    throw new UserError(
      'DATASET_TOO_SMALL',
      `Splitting ${n} ${what} this way leaves ${nTest} for testing and ${n - nTest} for training; each side needs at least ${minRows}. Use more data or a test share nearer 0.5.`,
      { rows: n, test: nTest, train: n - nTest, minRows },
    );
  }
}

/** The two sides of a split from a per-row test mask (1 = test), both ascending. */
export function sidesFromMask(isTest: Uint8Array): SplitIndices {
  let nTest = 0;
  for (let i = 0; i < isTest.length; i++) nTest += isTest[i]!;
  const train = new Int32Array(isTest.length - nTest);
  const test = new Int32Array(nTest);
  let a = 0;
  let b = 0;
  for (let i = 0; i < isTest.length; i++) {
    if (isTest[i]) test[b++] = i;
    else train[a++] = i;
  }
  return { train, test };
}

/** A seeded random split of `n` rows: shuffle 0..n-1, the first round(n·f) shuffled rows are the test side. */
export function randomSplit(n: number, opts: SplitOptions): SplitIndices {
  assertFraction(opts.testFraction);
  const nTest = roundHalfUp(n * opts.testFraction);
  assertSides(n, nTest, opts.minRows ?? 10);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const kernels = checkKernels();
  if (kernels) kernels.shuffleMulberry32(order, Int32Array.of(opts.seed ?? 0));
  else shuffleInPlace(order, mulberry32(opts.seed ?? 0));
  const isTest = new Uint8Array(n);
  for (let k = 0; k < nTest; k++) isTest[order[k]!] = 1;
  return sidesFromMask(isTest);
}

/**
 * A seeded stratified split that keeps the bad rate equal on both sides. The rule, which
 * packages/scoring/reference/sklearn_reference.py reimplements exactly: one mulberry32(seed) stream; for each
 * class in ascending order (0, then 1), take that class's row indices ascending, Fisher–Yates shuffle them
 * (i from last down to 1, j = floor(rand·(i+1))), and put the first floor(n_c·f + 0.5) into the test side.
 */
export function stratifiedSplit(y: ArrayLike<number>, opts: SplitOptions): SplitIndices {
  assertFraction(opts.testFraction);
  const native = checkKernels();
  if (native && y instanceof Uint8Array) {
    // The same checks in the same order, then the same sides from the native pass.
    const counts = new Float64Array(2);
    native.classCounts(y, counts);
    const k0 = roundHalfUp(counts[0]! * opts.testFraction);
    assertSides(counts[0]!, k0, 1, 'rows of class 0');
    const k1 = roundHalfUp(counts[1]! * opts.testFraction);
    assertSides(counts[1]!, k1, 1, 'rows of class 1');
    assertSides(y.length, k0 + k1, opts.minRows ?? 10);
    const test = new Int32Array(k0 + k1);
    const train = new Int32Array(y.length - k0 - k1);
    native.stratifiedSides(y, k0, k1, (opts.seed ?? 0) | 0, train, test);
    return { train, test };
  }
  const rand = mulberry32(opts.seed ?? 0);
  // The native shuffle continues the same stream from its state (prng.ts's `a`).
  const kernels = checkKernels();
  const state = Int32Array.of(opts.seed ?? 0);
  const n = y.length;
  let zeros = 0;
  let ones = 0;
  for (let i = 0; i < n; i++) {
    const v = y[i];
    if (v === 0) zeros++;
    else if (v === 1) ones++;
  }
  // Both classes' row indices, ascending, in one pass.
  const byClass = [new Int32Array(zeros), new Int32Array(ones)] as const;
  for (let i = 0, a = 0, b = 0; i < n; i++) {
    const v = y[i];
    if (v === 0) byClass[0][a++] = i;
    else if (v === 1) byClass[1][b++] = i;
  }
  const isTest = new Uint8Array(n);
  let nTest = 0;
  for (const cls of [0, 1]) {
    const order = byClass[cls]!;
    const k = roundHalfUp(order.length * opts.testFraction);
    assertSides(order.length, k, 1, `rows of class ${cls}`);
    if (kernels) kernels.shuffleMulberry32(order, state);
    else shuffleInPlace(order, rand);
    for (let m = 0; m < k; m++) isTest[order[m]!] = 1;
    nTest += k;
  }
  assertSides(n, nTest, opts.minRows ?? 10);
  return sidesFromMask(isTest);
}

/** An out-of-time split: the latest round(n·f) rows by `time` are the test side (ties keep file order). */
export function timeSplit(time: Float64Array, opts: Omit<SplitOptions, 'seed'>): SplitIndices {
  assertFraction(opts.testFraction);
  const n = time.length;
  let missing = 0;
  for (const t of time) if (Number.isNaN(t)) missing++;
  if (missing > 0) {
    throw new UserError(
      'SPLIT_TIME_MISSING',
      `The time column is missing in ${missing} rows, so they cannot be placed before or after the cut. Fill them in or drop those rows.`,
      { missing },
    );
  }
  const nTest = roundHalfUp(n * opts.testFraction);
  assertSides(n, nTest, opts.minRows ?? 10);
  const order = Int32Array.from({ length: n }, (_, i) => i).sort((a, b) => time[a]! - time[b]! || a - b);
  const isTest = new Uint8Array(n);
  for (let k = n - nTest; k < n; k++) isTest[order[k]!] = 1;
  return sidesFromMask(isTest);
}
