import { expect, it } from 'vitest';
import { formatShape } from './port-values';

it('names the batch dimension and marks unknown feature dimensions', () => {
  expect(formatShape([null, 12])).toBe('[batch, 12]');
  expect(formatShape([null, null])).toBe('[batch, ?]');
  expect(formatShape([])).toBe('[]');
});
