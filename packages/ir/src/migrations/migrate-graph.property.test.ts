import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { StudioError } from '../errors';
import { graphSchema } from '../graph';
import { corruptedGraphArb, graphArb, v0DocumentArb } from '../test-support/arbitraries';
import { validateGraph } from '../validate-graph';
import { migrateGraph } from './migrate-graph';

function migrateOrStudioError(doc: unknown): void {
  try {
    const g = migrateGraph(doc);
    expect(graphSchema.safeParse(g).success).toBe(true);
    validateGraph(g);
  } catch (e) {
    expect(e).toBeInstanceOf(StudioError);
  }
}

describe('migrateGraph on random input', () => {
  it('returns a schema-valid graph or throws a StudioError', () => {
    fc.assert(fc.property(fc.oneof(v0DocumentArb, corruptedGraphArb, fc.anything()), migrateOrStudioError), {
      numRuns: 400,
    });
  });

  it('leaves current documents as they are', () => {
    fc.assert(
      fc.property(graphArb, (g) => {
        expect(migrateGraph(g)).toEqual(g);
      }),
      { numRuns: 100 },
    );
  });
});
