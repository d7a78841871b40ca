import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readCsv } from '../csv/read-csv';
import { sharedDataset } from '../test-support/temp-csv';
import { binaryTarget } from './binary-target';
import { mulberry32 } from './prng';
import { randomSplit, stratifiedSplit, timeSplit } from './splits';

const reference = JSON.parse(
  readFileSync(join(import.meta.dirname, '../../../scoring/reference/sklearn_reference.json'), 'utf8'),
) as Record<
  string,
  { seed: number; testFraction: number; testIndices: number[]; target: string; bad: string }
>;

describe('splits', () => {
  it('mulberry32 is deterministic and matches its published first output', () => {
    const r = mulberry32(42);
    expect(Math.round(r() * 2 ** 32)).toBe(2581720956);
    expect(mulberry32(1)()).toBe(mulberry32(1)());
  });

  for (const name of ['german_credit', 'taiwan_default'] as const) {
    it(`stratified split of ${name} reproduces the Python reference script's test rows`, async () => {
      const ref = reference[name]!;
      const table = await readCsv(sharedDataset(`${name}.csv`));
      const y = binaryTarget(table, ref.target, name === 'taiwan_default' ? 1 : ref.bad);
      const { train, test } = stratifiedSplit(y, { testFraction: ref.testFraction, seed: ref.seed });
      expect([...test]).toEqual(ref.testIndices);
      expect(train.length + test.length).toBe(y.length);
    });
  }

  it('keeps the bad rate on both sides of a stratified split', () => {
    const y = Uint8Array.from({ length: 1000 }, (_, i) => (i % 5 === 0 ? 1 : 0));
    const { train, test } = stratifiedSplit(y, { testFraction: 0.3, seed: 3 });
    const rate = (idx: Int32Array) => idx.reduce((s, i) => s + y[i]!, 0) / idx.length;
    expect(test.length).toBe(300);
    expect(rate(test)).toBeCloseTo(0.2, 10);
    expect(rate(train)).toBeCloseTo(0.2, 10);
  });

  it('random split: seeded, disjoint, complete; another seed gives another split', () => {
    const a = randomSplit(100, { testFraction: 0.25, seed: 9 });
    const b = randomSplit(100, { testFraction: 0.25, seed: 9 });
    const c = randomSplit(100, { testFraction: 0.25, seed: 10 });
    expect(a).toEqual(b);
    expect(a.test).not.toEqual(c.test);
    expect(new Set([...a.train, ...a.test]).size).toBe(100);
    expect(a.test.length).toBe(25);
  });

  it('time split puts the latest rows in the test side', () => {
    const time = Float64Array.from({ length: 40 }, (_, i) => (i * 7) % 40);
    const { test } = timeSplit(time, { testFraction: 0.25 });
    expect([...test].map((i) => time[i]).sort((a, b) => a! - b!)).toEqual([
      30, 31, 32, 33, 34, 35, 36, 37, 38, 39,
    ]);
    expect(() => timeSplit(Float64Array.of(1, NaN), { testFraction: 0.5, minRows: 1 })).toThrow(
      expect.objectContaining({ code: 'SPLIT_TIME_MISSING' }),
    );
  });

  it('refuses a dataset too small for the split', () => {
    expect(() => randomSplit(12, { testFraction: 0.3 })).toThrow(
      expect.objectContaining({ code: 'DATASET_TOO_SMALL', message: expect.stringContaining('at least 10') }),
    );
    expect(() => stratifiedSplit([0, 0, 0, 0, 1], { testFraction: 0.3, minRows: 1 })).toThrow(
      expect.objectContaining({ code: 'DATASET_TOO_SMALL', message: expect.stringContaining('class 1') }),
    );
  });
});
