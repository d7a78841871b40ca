import { describe, expect, it } from 'vitest';
import { parseCsv } from '@studio/data';
import { inputPsi, percentile, psiMinSampleFromEnv } from './deployment-stats';

describe('deployment stats', () => {
  it('takes nearest-rank percentiles', () => {
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(xs, 0.5)).toBe(50);
    expect(percentile(xs, 0.99)).toBe(99);
    expect(percentile([7], 0.99)).toBe(7);
  });

  it('finds no shift when live inputs follow training, a large one when they do not', () => {
    const csv = 'age,bad\n' + Array.from({ length: 500 }, (_, i) => `${20 + (i % 50)},${i % 2}`).join('\n');
    const training = parseCsv(Buffer.from(csv));
    const fields = [{ name: 'age', type: 'numeric' as const, nullable: false }];
    const same = Array.from({ length: 500 }, (_, i) => ({ age: 20 + (i % 50) }));
    const older = Array.from({ length: 500 }, (_, i) => ({ age: 60 + (i % 10) }));
    expect(inputPsi(fields, training, same)[0]!.psi).toBeLessThan(0.01);
    expect(inputPsi(fields, training, older)[0]).toMatchObject({ field: 'age', sample: 500 });
    expect(inputPsi(fields, training, older)[0]!.psi).toBeGreaterThan(1);
  });

  it('gives no PSI below the minimum sample (4 requests are not drift), configurable', () => {
    const csv = 'age,bad\n' + Array.from({ length: 500 }, (_, i) => `${20 + (i % 50)},${i % 2}`).join('\n');
    const training = parseCsv(Buffer.from(csv));
    const fields = [{ name: 'age', type: 'numeric' as const, nullable: false }];
    const four = Array.from({ length: 4 }, () => ({ age: 70 }));
    expect(inputPsi(fields, training, four)).toEqual([]);
    expect(inputPsi(fields, training, four.slice(0, 3).concat([{ age: 71 }]), 4)[0]).toMatchObject({
      sample: 4,
    });
    const missingAge = Array.from({ length: 600 }, (_, i) => (i < 450 ? {} : { age: 30 }));
    expect(inputPsi(fields, training, missingAge)).toEqual([]);
    expect(psiMinSampleFromEnv({})).toBe(500);
    expect(psiMinSampleFromEnv({ STUDIO_PSI_MIN_SAMPLE: '50' })).toBe(50);
    expect(() => psiMinSampleFromEnv({ STUDIO_PSI_MIN_SAMPLE: 'lots' })).toThrow(/positive whole number/);
  });
});
