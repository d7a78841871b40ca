import { describe, expect, it } from 'vitest';
import { fixed3, ksAtLabel, pct, signed3 } from './format-metric';

describe('metric formats', () => {
  it('prints shares, metrics and deltas', () => {
    expect(pct(0.1234)).toBe('12.3%');
    expect(fixed3(0.75)).toBe('0.750');
    expect(signed3(0.0123)).toBe('+0.012');
    expect(signed3(-0.004)).toBe('−0.004');
    expect(signed3(null)).toBe('');
  });
  it('shows a dash for missing values', () => {
    expect(pct(null)).toBe('—');
    expect(fixed3(NaN)).toBe('—');
  });
});

describe('ksAtLabel', () => {
  it('reads a PD as a percentage and a score as points', () => {
    expect(ksAtLabel(0.2475)).toBe('at PD 24.8%');
    expect(ksAtLabel(612.4)).toBe('at score 612');
  });
});
