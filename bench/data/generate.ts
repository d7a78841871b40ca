// Writes a deterministic numeric loan-like CSV (11 columns) for the data benchmark.
import { createWriteStream } from 'node:fs';
import { mulberry32 } from '../../packages/data/src/split/prng';

/** Writes `rows` rows of 11 numeric columns (ints, money with cents, rates, a 0/1 target) to `path`. */
export async function generateNumericCsv(path: string, rows: number, seed = 7): Promise<void> {
  const rand = mulberry32(seed);
  const out = createWriteStream(path);
  out.write('id,limit,age,income,balance,utilization,rate,term,delinq,score,default\n');
  let chunk = '';
  for (let i = 0; i < rows; i++) {
    const income = (20000 + rand() * 180000).toFixed(2);
    const balance = (rand() * 50000 - 2000).toFixed(2);
    const util = rand().toFixed(6);
    const rate = (0.02 + rand() * 0.25).toFixed(4);
    const score = Math.floor(300 + rand() * 550);
    chunk += `${i + 1},${Math.floor(rand() * 100) * 5000},${18 + Math.floor(rand() * 60)},${income},${balance},${util},${rate},${12 * (1 + Math.floor(rand() * 5))},${Math.floor(rand() * 4)},${score},${rand() < 0.2 ? 1 : 0}\n`;
    if (chunk.length > 1 << 20) {
      if (!out.write(chunk)) await new Promise((r) => out.once('drain', r));
      chunk = '';
    }
  }
  out.write(chunk);
  await new Promise<void>((resolve, reject) =>
    out.end((err?: Error | null) => (err ? reject(err) : resolve())),
  );
}
