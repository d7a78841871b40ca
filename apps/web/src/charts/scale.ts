/** A linear map from a data domain to a pixel range, with its inverse (for hover). */
export interface LinearScale {
  (value: number): number;
  invert(pixel: number): number;
  domain: readonly [number, number];
  range: readonly [number, number];
}

/** Builds a linear scale; a zero-width domain maps everything to the middle of the range instead of dividing by 0. */
export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  const [d0, d1] = domain;
  const [r0, r1] = range;
  const span = d1 - d0;
  const scale = ((v: number) =>
    span === 0 ? (r0 + r1) / 2 : r0 + ((v - d0) / span) * (r1 - r0)) as LinearScale;
  scale.invert = (p: number) => (r1 === r0 ? d0 : d0 + ((p - r0) / (r1 - r0)) * span);
  scale.domain = domain;
  scale.range = range;
  return scale;
}

/** The smallest [min, max] covering every value (with `include` values forced in), or [0, 1] when there are none. */
export function extent(values: Iterable<number>, include: readonly number[] = []): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const v of [...values, ...include]) {
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  return lo === Infinity ? [0, 1] : [lo, hi];
}

/** A "nice" step (1, 2 or 5 times a power of ten) giving about `count` ticks over [min, max]. */
export function niceStep(min: number, max: number, count: number): number {
  const raw = (max - min) / Math.max(1, count);
  if (!(raw > 0)) return 1;
  const power = 10 ** Math.floor(Math.log10(raw));
  const f = raw / power;
  return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * power;
}

/** Widens [min, max] outwards to multiples of the nice step, so axes start and end on a tick. */
export function niceDomain(min: number, max: number, count = 5): [number, number] {
  if (min === max) return min === 0 ? [0, 1] : [Math.min(0, min), Math.max(0, max)];
  const step = niceStep(min, max, count);
  return [Math.floor(min / step) * step, Math.ceil(max / step) * step];
}

/** Tick values at nice steps inside [min, max], rounded so 0.1 + 0.2 prints as 0.3. */
export function ticks(min: number, max: number, count = 5): number[] {
  const step = niceStep(min, max, count);
  const digits = Math.max(0, -Math.floor(Math.log10(step)));
  const out: number[] = [];
  for (let v = Math.ceil(min / step - 1e-9) * step; v <= max + step * 1e-9; v += step) {
    out.push(Number(v.toFixed(digits)));
  }
  return out;
}

/** Formats a tick label with no more decimals than the step needs. */
export function formatTick(value: number, step: number): string {
  const digits = Math.max(0, Math.min(6, -Math.floor(Math.log10(step))));
  return value.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: 0 });
}
