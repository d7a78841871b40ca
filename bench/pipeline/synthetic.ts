/**
 * A synthetic retail-loan CSV for the pipeline benchmark: 8 numeric characteristics (two with 5% gaps) and
 * 4 text ones, default drawn from a logistic model of them. Generated once per row count, cached in bench/.cache.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const CACHE = join(dirname(fileURLToPath(import.meta.url)), '..', '.cache');

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGIONS = ['north', 'south', 'east', 'west', 'centre', 'coast'];
const PURPOSES = ['car', 'home', 'education', 'business', 'holiday', 'debt', 'medical', 'other'];
const HOUSING = ['own', 'rent', 'family'];
const EMPLOYMENT = ['salaried', 'self-employed', 'retired', 'student', 'unemployed'];

/** The path of the cached CSV with `rows` rows (written on first use); the target column is `default`. */
export function syntheticCsv(rows: number): string {
  const path = join(CACHE, `pipeline-synthetic-${rows}.csv`);
  if (existsSync(path)) return path;
  mkdirSync(CACHE, { recursive: true });
  const rand = mulberry32(2026);
  const normal = () => Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand());
  const lines = [
    'age,income,debt_ratio,months_employed,credit_lines,late_payments,utilisation,loan_amount,region,purpose,housing,employment,default',
  ];
  for (let i = 0; i < rows; i++) {
    const age = Math.round(21 + 45 * rand());
    const income = Math.round(Math.exp(10 + 0.5 * normal()));
    const debt = Math.max(0, 0.35 + 0.15 * normal());
    const employed = Math.round(120 * rand() * rand());
    const lines_ = Math.floor(8 * rand());
    const late = Math.floor(-Math.log(1 - rand()) * 0.7);
    const util = Math.min(1.2, Math.max(0, 0.4 + 0.25 * normal()));
    const amount = Math.round(1000 + 30000 * rand());
    const region = REGIONS[Math.floor(rand() * REGIONS.length)]!;
    const purpose = PURPOSES[Math.floor(rand() * PURPOSES.length)]!;
    const housing = HOUSING[Math.floor(rand() * HOUSING.length)]!;
    const employment = EMPLOYMENT[Math.floor(rand() * EMPLOYMENT.length)]!;
    const logit =
      -2.2 -
      0.02 * (age - 40) -
      0.6 * Math.log(income / 22000) +
      2.2 * (debt - 0.35) -
      0.006 * employed +
      0.55 * late +
      1.4 * (util - 0.4) +
      0.00001 * amount +
      (purpose === 'debt' ? 0.5 : purpose === 'home' ? -0.3 : 0) +
      (housing === 'rent' ? 0.3 : 0) +
      (employment === 'unemployed' ? 0.9 : employment === 'student' ? 0.4 : 0);
    const bad = rand() < 1 / (1 + Math.exp(-logit)) ? 1 : 0;
    const gap = (v: number) => (rand() < 0.05 ? '' : String(v));
    lines.push(
      [
        age,
        income,
        debt.toFixed(4),
        gap(employed),
        lines_,
        late,
        gap(Number(util.toFixed(4))),
        amount,
        region,
        purpose,
        housing,
        employment,
        bad,
      ].join(','),
    );
  }
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
