import { join } from 'node:path';
import { useCheckKernels } from '@studio/data';
import { checkKernels } from '@studio/engine';
import { pinnedMismatches } from '@studio/test-support';
import { afterAll, describe, expect, it } from 'vitest';
import './native-kernels';
import { splitPinnedResults } from './split-pinned-cases';

afterAll(() => useCheckKernels(null));

describe('the split stage through the native column kernels matches the pins the TypeScript loops wrote', () => {
  it('German credit, Taiwan and checksFixture, every split method', async () => {
    expect(checkKernels).not.toBeNull();
    const results = await splitPinnedResults();
    expect(pinnedMismatches(results, join(import.meta.dirname, 'split-pinned.json'))).toEqual([]);
  }, 120_000);
});
