import type { ParamField, SearchDimension } from '@studio/ir';

/** One configuration: a value per searched parameter. */
export type Config = Record<string, number | string>;

// Three significant digits keep the leaderboard readable; sampling stays seeded, so nothing is lost.
function round3(x: number): number {
  return x === 0 ? 0 : Number(x.toPrecision(3));
}

/** A value of one dimension drawn with `rand` (uniform, or log-uniform on the log scale; whole for integers). */
export function sampleDimension(d: SearchDimension, field: ParamField, rand: () => number): number | string {
  const u = rand();
  if (d.type === 'choice') return d.values[Math.min(d.values.length - 1, Math.floor(u * d.values.length))]!;
  if (field.kind === 'integer') {
    const lo = Math.ceil(d.min);
    const hi = Math.floor(d.max);
    // Every whole number in [lo, hi] owns an equal stretch of [lo, hi + 1), linear or logarithmic.
    const x =
      d.scale === 'log'
        ? Math.exp(Math.log(lo) + u * (Math.log(hi + 1) - Math.log(lo)))
        : lo + u * (hi - lo + 1);
    return Math.min(hi, Math.max(lo, Math.floor(x)));
  }
  const x =
    d.scale === 'log'
      ? Math.exp(Math.log(d.min) + u * (Math.log(d.max) - Math.log(d.min)))
      : d.min + u * (d.max - d.min);
  return Math.min(d.max, Math.max(d.min, round3(x)));
}

/** A configuration drawn from the space, dimensions in their listed order (so the same seed draws the same). */
export function sampleConfig(
  space: readonly SearchDimension[],
  fields: ReadonlyMap<string, ParamField>,
  rand: () => number,
): Config {
  const out: Config = {};
  for (const d of space) out[d.param] = sampleDimension(d, fields.get(d.param)!, rand);
  return out;
}

/** The model node's own values of the searched parameters, when every one lies inside the space; else null. */
export function ownConfig(space: readonly SearchDimension[], own: Config): Config | null {
  const out: Config = {};
  for (const d of space) {
    const v = own[d.param];
    if (v === undefined) return null;
    const inside =
      d.type === 'choice' ? d.values.includes(v) : typeof v === 'number' && v >= d.min && v <= d.max;
    if (!inside) return null;
    out[d.param] = v;
  }
  return out;
}
