/**
 * mulberry32: a tiny seeded 32-bit PRNG returning floats in [0, 1). Chosen because it is a few lines in any
 * language, so the Python reference script reproduces our splits bit for bit (see split/stratified-split.ts).
 */
export function mulberry32(seed: number): () => number {
  let a = seed | 0;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
