import { join } from 'node:path';
import { pinnedMismatches } from '@studio/test-support';
import { describe, expect, it } from 'vitest';
import { checksPinnedResults } from './checks-pinned-cases';

describe('the dataset checks are pinned: same warnings and numbers as the per-column hash tally gave', () => {
  it('German credit, Taiwan and checksFixture under every threshold set, with and without a target', async () => {
    const results = await checksPinnedResults();
    expect(pinnedMismatches(results, join(import.meta.dirname, 'checks-pinned.json'))).toEqual([]);
  }, 120_000);
});
