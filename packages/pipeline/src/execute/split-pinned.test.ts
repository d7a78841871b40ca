import { join } from 'node:path';
import { pinnedMismatches } from '@studio/test-support';
import { describe, expect, it } from 'vitest';
import { splitPinnedResults } from './split-pinned-cases';

describe('the split stage is pinned: same warnings and the same rows on each side as before', () => {
  it('German credit, Taiwan and checksFixture, every split method', async () => {
    const results = await splitPinnedResults();
    expect(pinnedMismatches(results, join(import.meta.dirname, 'split-pinned.json'))).toEqual([]);
  }, 120_000);
});
