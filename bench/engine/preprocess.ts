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

/**
 * Median imputation and standardisation fitted on the training rows (sklearn SimpleImputer +
 * StandardScaler). Every pass walks the row-major matrix in order.
 */
export function fitTransform(X: Float32Array, rows: number, cols: number, trainRows: number): Float32Array {
  const present = Array.from({ length: cols }, () => new Float64Array(trainRows));
  const count = new Int32Array(cols);
  for (let r = 0; r < trainRows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = X[r * cols + c] ?? Number.NaN;
      if (v === v) {
        const k = count[c] ?? 0;
        (present[c] as Float64Array)[k] = v;
        count[c] = k + 1;
      }
    }
  }
  const median = present.map((p, c) => medianOf(p.subarray(0, count[c])));
  const sum = new Float64Array(cols);
  const sq = new Float64Array(cols);
  for (let r = 0; r < trainRows; r++) {
    for (let c = 0; c < cols; c++) {
      const v = X[r * cols + c] ?? Number.NaN;
      const f = v === v ? v : (median[c] ?? 0);
      sum[c] = (sum[c] ?? 0) + f;
      sq[c] = (sq[c] ?? 0) + f * f;
    }
  }
  const mean = Array.from(sum, (s) => s / trainRows);
  const scale = mean.map((m, c) => 1 / (Math.sqrt(Math.max((sq[c] ?? 0) / trainRows - m * m, 0)) || 1));
  const out = new Float32Array(rows * cols);
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      const i = r * cols + c;
      const v = X[i] ?? Number.NaN;
      out[i] = ((v === v ? v : (median[c] ?? 0)) - (mean[c] ?? 0)) * (scale[c] ?? 1);
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
