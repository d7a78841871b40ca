import { describe, expect, it } from 'vitest';
import { calibrateMinMax, calibratePercentile } from './calibrate';
import { quantizeWeights } from './quantize-weights';

describe('calibration', () => {
  const samples = Float64Array.from({ length: 1001 }, (_, i) => (i % 2 ? -1 : 1) * (i / 1000));

  it('min-max maps the largest magnitude to 127 and ignores NaN', () => {
    expect(calibrateMinMax([...samples, NaN])).toBeCloseTo(1 / 127, 12);
  });

  it('percentile clips the tail', () => {
    expect(calibratePercentile(samples, 50)).toBeCloseTo(0.5 / 127, 12);
    expect(calibratePercentile(samples, 100)).toBeCloseTo(calibrateMinMax(samples), 12);
  });

  it('refuses no samples and a percentile out of range', () => {
    expect(() => calibrateMinMax([NaN])).toThrow(/at least one sample/);
    expect(() => calibratePercentile(samples, 0)).toThrow(/in \(0, 100\]/);
  });
});

describe('quantizeWeights', () => {
  it('scales each output column by its own max and rounds within half a step', () => {
    const w = { rows: 2, cols: 3, data: Float32Array.of(1, -0.02, 0, -2, 0.006, 0) };
    const q = quantizeWeights(w);
    expect(Array.from(q.scales)).toEqual([2 / 127, 0.02 / 127, 1].map(Math.fround));
    expect(Array.from(q.values)).toEqual([64, -127, 0, -127, 38, 0]);
    w.data.forEach((v, k) =>
      expect(Math.abs(q.values[k]! * q.scales[k % 3]! - v)).toBeLessThanOrEqual(q.scales[k % 3]! / 2 + 1e-9),
    );
  });
});
