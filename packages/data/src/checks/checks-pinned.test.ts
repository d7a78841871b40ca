import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checksPinnedResults } from './checks-pinned-cases';

const pinned = JSON.parse(readFileSync(join(import.meta.dirname, 'checks-pinned.json'), 'utf8')) as {
  results: Record<string, unknown>;
};

describe('the dataset checks are pinned: same warnings and numbers as the per-column hash tally gave', () => {
  it('German credit, Taiwan and checksFixture under every threshold set, with and without a target', async () => {
    const results = await checksPinnedResults();
    expect(Object.keys(results)).toEqual(Object.keys(pinned.results));
    // Case by case, so a failure names the case.
    for (const [key, value] of Object.entries(results))
      expect({ key, value }).toEqual({ key, value: pinned.results[key] });
  }, 120_000);
});
