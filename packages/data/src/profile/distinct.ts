/**
 * Number of distinct values in `values` (no NaN), counting at most `cap`. An open-addressing hash set over the
 * raw float bits: several times faster than a JS Set of numbers on millions of rows, and it stops at the cap.
 */
export function countDistinct(values: Float64Array, cap: number): number {
  let size = 16;
  while (size < cap * 3) size <<= 1;
  const mask = size - 1;
  const keys = new Float64Array(size);
  const used = new Uint8Array(size);
  const words = new Uint32Array(values.buffer, values.byteOffset, values.length * 2);
  let count = 0;
  let zero = false;
  for (let i = 0; i < values.length; i++) {
    const v = values[i]!;
    if (v === 0) {
      // +0 and -0 are equal but differ in bits; count them once, outside the table.
      if (!zero) {
        zero = true;
        if (++count >= cap) return cap;
      }
      continue;
    }
    let h = Math.imul(words[2 * i]! ^ Math.imul(words[2 * i + 1]!, 0x9e3779b1), 0x85ebca6b);
    h = (h ^ (h >>> 15)) & mask;
    while (used[h] === 1 && keys[h] !== v) h = (h + 1) & mask;
    if (used[h] === 0) {
      used[h] = 1;
      keys[h] = v;
      if (++count >= cap) return cap;
    }
  }
  return count;
}
