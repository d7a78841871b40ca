import { describe, expect, it } from 'vitest';
import { elapsedSeconds, formatDuration } from './format-duration';

describe('formatDuration', () => {
  it('picks the unit by size', () => {
    expect(formatDuration(4.4)).toBe('4 s');
    expect(formatDuration(185)).toBe('3 min 05 s');
    expect(formatDuration(3720)).toBe('1 h 02 min');
  });
  it('shows a dash when unknown', () => {
    expect(formatDuration(null)).toBe('—');
    expect(formatDuration(NaN)).toBe('—');
  });
});

describe('elapsedSeconds', () => {
  it('measures to the finish, or to now while running', () => {
    expect(elapsedSeconds('2026-01-01T00:00:00Z', '2026-01-01T00:00:30Z')).toBe(30);
    expect(elapsedSeconds('2026-01-01T00:00:00Z', null, Date.parse('2026-01-01T00:01:00Z'))).toBe(60);
    expect(elapsedSeconds(null, null)).toBeNull();
  });
});
