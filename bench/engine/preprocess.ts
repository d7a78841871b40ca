/** k-th smallest value (Hoare's selection; reorders `a`). */
function select(a: Float64Array, k: number): number {
  let lo = 0;
  let hi = a.length - 1;
  while (lo < hi) {
    const pivot = a[(lo + hi) >> 1] ?? 0;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((a[i] ?? 0) < pivot) i++;
      while ((a[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const t = a[i] ?? 0;
        a[i++] = a[j] ?? 0;
        a[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return a[k] ?? Number.NaN;
}

/** Median, as numpy computes it (mean of the two middle values for even counts). */
function medianOf(a: Float64Array): number {
  const mid = a.length >> 1;
  return a.length % 2 ? select(a, mid) : (select(a, mid - 1) + select(a, mid)) / 2;
}

/** Median imputation and standardisation fitted on the training rows (sklearn SimpleImputer + StandardScaler). */
export function fitTransform(X: Float32Array, rows: number, cols: number, trainRows: number): Float32Array {
  const out = new Float32Array(rows * cols);
  for (let c = 0; c < cols; c++) {
    const present: number[] = [];
    for (let r = 0; r < trainRows; r++) {
      const v = X[r * cols + c] ?? Number.NaN;
      if (!Number.isNaN(v)) present.push(v);
    }
    const median = medianOf(Float64Array.from(present));
    let sum = 0;
    let sq = 0;
    for (let r = 0; r < trainRows; r++) {
      const v = X[r * cols + c] ?? Number.NaN;
      const f = Number.isNaN(v) ? median : v;
      sum += f;
      sq += f * f;
    }
    const mean = sum / trainRows;
    const std = Math.sqrt(Math.max(sq / trainRows - mean * mean, 0)) || 1;
    for (let r = 0; r < rows; r++) {
      const v = X[r * cols + c] ?? Number.NaN;
      out[r * cols + c] = ((Number.isNaN(v) ? median : v) - mean) / std;
    }
  }
  return out;
}

/** ROC AUC (Mann–Whitney with tie handling). */
export function auc(score: Float32Array, y: Uint8Array): number {
  const idx = Uint32Array.from({ length: y.length }, (_, i) => i).sort(
    (a, b) => (score[a] ?? 0) - (score[b] ?? 0),
  );
  let pos = 0;
  let rankSum = 0;
  for (let i = 0; i < idx.length;) {
    let j = i;
    while (j < idx.length && score[idx[j] ?? 0] === score[idx[i] ?? 0]) j++;
    for (let k = i; k < j; k++) {
      if (y[idx[k] ?? 0]) {
        pos++;
        rankSum += (i + j + 1) / 2;
      }
    }
    i = j;
  }
  return (rankSum - (pos * (pos + 1)) / 2) / (pos * (y.length - pos));
}
