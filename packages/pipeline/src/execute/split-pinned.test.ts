import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { splitPinnedResults } from './split-pinned-cases';

const pinned = JSON.parse(readFileSync(join(import.meta.dirname, 'split-pinned.json'), 'utf8')) as {
  results: Record<string, unknown>;
};

describe('the split stage is pinned: same warnings and the same rows on each side as before', () => {
  it('German credit, Taiwan and checksFixture, every split method', async () => {
    const results = await splitPinnedResults();
    expect(Object.keys(results)).toEqual(Object.keys(pinned.results));
    for (const [key, value] of Object.entries(results))
      expect({ key, value }).toEqual({ key, value: pinned.results[key] });
  }, 120_000);
});
