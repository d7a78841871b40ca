import { describe, expect, it } from 'vitest';
import type { Dataset } from '@studio/api';
import { guessTarget, targetChoices } from './guess-target';

const col = (name: string, distinctCount: number): Dataset['columns'][number] => ({
  name,
  type: 'numeric',
  missingCount: 0,
  distinctCount,
});

describe('target guess', () => {
  it('prefers a two-valued column named like an outcome over a later two-valued one', () => {
    const taiwan = [col('ID', 30000), col('SEX', 2), col('default.payment.next.month', 2), col('flag', 2)];
    expect(guessTarget(taiwan)).toBe('default.payment.next.month');
  });
  it('falls back to the last two-valued column, and to none', () => {
    expect(guessTarget([col('a', 2), col('b', 5), col('c', 2)])).toBe('c');
    expect(guessTarget([col('a', 3)])).toBeNull();
  });
  it('lists two-valued columns first', () => {
    expect(targetChoices([col('x', 9), col('y', 2)]).map((c) => c.name)).toEqual(['y', 'x']);
  });
});
