import { describe, expect, it } from 'vitest';
import { monotoneOf, withMonotone } from './monotone';

describe('monotone constraint lists', () => {
  const lists = { monotoneIncreasing: ['debt'], monotoneDecreasing: ['income'] };

  it('reads the direction of a column', () => {
    expect(monotoneOf(lists, 'debt')).toBe('increasing');
    expect(monotoneOf(lists, 'income')).toBe('decreasing');
    expect(monotoneOf(lists, 'age')).toBe('none');
  });

  it('moves a column between the lists, never into both', () => {
    expect(withMonotone(lists, 'debt', 'decreasing')).toEqual({
      monotoneIncreasing: [],
      monotoneDecreasing: ['income', 'debt'],
    });
    expect(withMonotone(lists, 'income', 'none')).toEqual({
      monotoneIncreasing: ['debt'],
      monotoneDecreasing: [],
    });
    expect(withMonotone(lists, 'age', 'increasing')).toEqual({
      monotoneIncreasing: ['debt', 'age'],
      monotoneDecreasing: ['income'],
    });
  });
});
