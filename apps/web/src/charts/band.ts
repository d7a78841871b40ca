/** Horizontal position and width of bar `index` of `count` equal bands across `width` pixels. */
export interface Band {
  x: number;
  width: number;
}

/** Splits [0, width] into `count` bands; `gap` (0..1) is the share of each band left empty between bars. */
export function bands(count: number, width: number, gap = 0.15): Band[] {
  if (count <= 0) return [];
  const step = width / count;
  const inner = step * (1 - gap);
  return Array.from({ length: count }, (_, i) => ({ x: i * step + (step - inner) / 2, width: inner }));
}

/** The band index under a pixel x (clamped), for hover on bar charts. */
export function bandAt(count: number, width: number, px: number): number {
  if (count <= 0 || width <= 0) return -1;
  return Math.min(count - 1, Math.max(0, Math.floor((px / width) * count)));
}
