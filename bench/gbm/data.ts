/**
 * The GBM benchmark's data sets, written once as raw little-endian files under bench/.cache so that our
 * engine and the Python anchors read exactly the same rows: the synthetic credit generator
 * (bench/engine/credit-data.ts; first 70% of rows train, the rest is held out) and Taiwan credit default
 * (stratified 70/30, seed 42, every column but ID and the target as raw numbers).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  binaryTarget,
  dropColumns,
  readCsv,
  stratifiedSplit,
  takeRows,
  type Table,
} from '../../packages/data/src/index';
import { creditData, FEATURES } from '../engine/credit-data';

const CACHE = join(import.meta.dirname, '..', '.cache');
const TARGET = 'default.payment.next.month';

export interface GbmData {
  cols: number;
  trainRows: number;
  testRows: number;
  xtr: Float32Array;
  ytr: Float32Array;
  xte: Float32Array;
  yte: Float32Array;
}

/** File stem of a data set; `{stem}.json` holds the shape, `{stem}.{xtr,xte}.f32` and `{stem}.{ytr,yte}.u8` the rows. */
export const stem = (name: string) => join(CACHE, `gbm-${name}`);

function write(name: string, d: GbmData): void {
  mkdirSync(CACHE, { recursive: true });
  const s = stem(name);
  writeFileSync(`${s}.xtr.f32`, d.xtr);
  writeFileSync(`${s}.xte.f32`, d.xte);
  writeFileSync(`${s}.ytr.u8`, Uint8Array.from(d.ytr));
  writeFileSync(`${s}.yte.u8`, Uint8Array.from(d.yte));
  writeFileSync(`${s}.json`, JSON.stringify({ cols: d.cols, trainRows: d.trainRows, testRows: d.testRows }));
}

/** Reads a prepared data set. */
export function load(name: string): GbmData {
  const s = stem(name);
  const meta = JSON.parse(readFileSync(`${s}.json`, 'utf8')) as {
    cols: number;
    trainRows: number;
    testRows: number;
  };
  const f32 = (p: string) => {
    const b = readFileSync(p);
    return new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4);
  };
  return {
    ...meta,
    xtr: f32(`${s}.xtr.f32`),
    xte: f32(`${s}.xte.f32`),
    ytr: Float32Array.from(readFileSync(`${s}.ytr.u8`)),
    yte: Float32Array.from(readFileSync(`${s}.yte.u8`)),
  };
}

function features(t: Table): Float32Array {
  const cols = t.columns.map((c) => (c.type === 'categorical' ? Float64Array.from(c.codes) : c.values));
  const x = new Float32Array(t.rowCount * cols.length);
  for (let i = 0; i < t.rowCount; i++)
    for (let j = 0; j < cols.length; j++) x[i * cols.length + j] = cols[j]![i]!;
  return x;
}

/** Writes the data set `name` ('synthetic-<rows>' or 'taiwan') unless it is cached. */
export async function prepare(name: string): Promise<void> {
  if (existsSync(`${stem(name)}.json`)) return;
  if (name === 'taiwan') {
    const table = await readCsv(join(import.meta.dirname, '../../../shared/datasets/taiwan_default.csv'));
    const y = binaryTarget(table, TARGET);
    const split = stratifiedSplit(y, { testFraction: 0.3, seed: 42 });
    const raw = dropColumns(table, ['ID', TARGET]);
    write(name, {
      cols: raw.columns.length,
      trainRows: split.train.length,
      testRows: split.test.length,
      xtr: features(takeRows(raw, split.train)),
      xte: features(takeRows(raw, split.test)),
      ytr: Float32Array.from(split.train, (i) => y[i]!),
      yte: Float32Array.from(split.test, (i) => y[i]!),
    });
    return;
  }
  const rows = Number(name.replace('synthetic-', ''));
  const d = creditData(rows);
  const trainRows = Math.floor(rows * 0.7);
  write(name, {
    cols: FEATURES,
    trainRows,
    testRows: rows - trainRows,
    xtr: d.X.slice(0, trainRows * FEATURES),
    xte: d.X.slice(trainRows * FEATURES),
    ytr: Float32Array.from(d.y.subarray(0, trainRows)),
    yte: Float32Array.from(d.y.subarray(trainRows)),
  });
}
