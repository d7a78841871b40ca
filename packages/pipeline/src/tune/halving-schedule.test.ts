import { describe, expect, it } from 'vitest';
import { halvingSchedule } from './halving-schedule';

describe('halvingSchedule', () => {
  it('keeps the best 1/η per rung and ends at the full resource', () => {
    expect(halvingSchedule(27, 3)).toEqual([
      { configs: 27, resource: 1 / 27 },
      { configs: 9, resource: 1 / 9 },
      { configs: 3, resource: 1 / 3 },
      { configs: 1, resource: 1 },
    ]);
    expect(halvingSchedule(20, 3)).toEqual([
      { configs: 20, resource: 1 / 9 },
      { configs: 6, resource: 1 / 3 },
      { configs: 2, resource: 1 },
    ]);
    expect(halvingSchedule(16, 2).map((r) => r.configs)).toEqual([16, 8, 4, 2, 1]);
  });

  it('runs a single configuration once, in full', () => {
    expect(halvingSchedule(1, 3)).toEqual([{ configs: 1, resource: 1 }]);
    expect(halvingSchedule(2, 3)).toEqual([{ configs: 2, resource: 1 }]);
  });

  it('never schedules an empty rung and always raises the resource', () => {
    for (let n = 1; n <= 200; n++)
      for (const eta of [2, 3, 4, 8]) {
        const s = halvingSchedule(n, eta);
        expect(s.at(-1)!.resource).toBe(1);
        expect(s.every((r) => r.configs >= 1)).toBe(true);
        for (let k = 1; k < s.length; k++) {
          expect(s[k]!.configs).toBeLessThanOrEqual(s[k - 1]!.configs);
          expect(s[k]!.resource).toBeCloseTo(s[k - 1]!.resource * eta, 12);
        }
      }
  });
});
