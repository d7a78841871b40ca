import type { Table } from '../../table';

/**
 * A fixed table for pinning WOE binning: `rows` rows of a 0/1 target and numeric columns with every shape the
 * binning meets (continuous, integer with heavy ties at the cut values, gaps, special codes, infinities, a
 * constant, values outside every cut when applied) and a text column. Deterministic (an LCG), no I/O.
 */
export function woeFixture(rows: number, seed = 11): Table {
  let s = seed >>> 0;
  const rand = () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
  const target = new Float64Array(rows);
  const cont = new Float64Array(rows);
  const ints = new Float64Array(rows);
  const gappy = new Float64Array(rows);
  const special = new Float64Array(rows);
  const wild = new Float64Array(rows);
  const flat = new Float64Array(rows);
  const codes = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    const risk = rand();
    target[i] = rand() < 0.08 + 0.3 * risk ? 1 : 0;
    cont[i] = risk * 1000 + rand() * 400 - 200;
    ints[i] = Math.floor(18 + risk * 30 + rand() * 20);
    gappy[i] = rand() < 0.07 ? NaN : Math.round((1 - risk) * 50 + rand() * 30) / 4;
    const u = rand();
    special[i] = u < 0.05 ? -1 : u < 0.08 ? 999 : Math.floor(risk * 24 + rand() * 12);
    wild[i] = u < 0.01 ? Infinity : u < 0.02 ? -Infinity : (risk - 0.5) * 1e6 * rand();
    flat[i] = 7;
    codes[i] = rand() < 0.04 ? -1 : Math.floor(risk * 5 + rand() * 3);
  }
  const numeric = (name: string, values: Float64Array) => ({ name, type: 'numeric' as const, values });
  return {
    rowCount: rows,
    columns: [
      numeric('target', target),
      numeric('cont', cont),
      numeric('ints', ints),
      numeric('gappy', gappy),
      numeric('special', special),
      numeric('wild', wild),
      numeric('flat', flat),
      { name: 'grade', type: 'categorical', codes, levels: ['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H'] },
    ],
  };
}
