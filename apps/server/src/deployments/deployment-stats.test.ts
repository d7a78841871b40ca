import { describe, expect, it } from 'vitest';
import { parseCsv } from '@studio/data';
import { inputPsi, percentile } from './deployment-stats';

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
    expect(inputPsi(fields, training, older)[0]!.psi).toBeGreaterThan(1);
  });
});
