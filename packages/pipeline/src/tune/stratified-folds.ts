import { mulberry32 } from '@studio/data';

/** The row indices of one fold: fitted on `train`, scored on `valid`. */
export interface Fold {
  train: Int32Array;
  valid: Int32Array;
}

/**
 * Stratified k-fold: each class's rows (ascending) are shuffled by the seed and dealt round-robin to the folds,
 * so every fold holds the class shares of the whole to within one row. Fewer rows of a class than folds leaves
 * some folds without that class; the caller refuses that before training.
 */
export function stratifiedFolds(y: ArrayLike<number>, k: number, seed: number): Fold[] {
  const rand = mulberry32(seed);
  const foldOf = new Int32Array(y.length);
  for (const cls of [0, 1]) {
    const rows: number[] = [];
    for (let i = 0; i < y.length; i++) if (y[i] === cls) rows.push(i);
    for (let i = rows.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [rows[i], rows[j]] = [rows[j]!, rows[i]!];
    }
    rows.forEach((r, m) => (foldOf[r] = m % k));
  }
  return Array.from({ length: k }, (_, f) => {
    const train: number[] = [];
    const valid: number[] = [];
    for (let i = 0; i < y.length; i++) (foldOf[i] === f ? valid : train).push(i);
    return { train: Int32Array.from(train), valid: Int32Array.from(valid) };
  });
}
