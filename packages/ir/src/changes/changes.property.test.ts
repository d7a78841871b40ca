import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../content-hash';
import { graphArb } from '../test-support/arbitraries';
import { applyChanges } from './apply-change';
import { describeChange } from './describe-change';
import { diffGraphs } from './diff-graphs';
import { graphChangeSchema } from './graph-change';
import { invertChanges } from './invert-change';

describe('graph changes on random graphs', () => {
  it('diff then apply gives next; applying the inverse gives prev back', () => {
    fc.assert(
      fc.property(graphArb, graphArb, (prev, next) => {
        const changes = diffGraphs(prev, next);
        const rebuilt = applyChanges(prev, changes);
        expect(contentHash(rebuilt)).toBe(contentHash(next));
        expect(contentHash(applyChanges(rebuilt, invertChanges(changes)))).toBe(contentHash(prev));
        for (const c of changes) {
          expect(graphChangeSchema.safeParse(JSON.parse(JSON.stringify(c))).success).toBe(true);
          expect(describeChange(c).length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 400 },
    );
  });

  it('rebuilds next exactly, array order included, when kept elements keep their order', () => {
    fc.assert(
      fc.property(graphArb, fc.func(fc.boolean()), (prev, keep) => {
        const next = structuredClone(prev);
        next.nodes = next.nodes.filter((n) => keep(n.id));
        const ids = new Set(next.nodes.map((n) => n.id));
        next.edges = next.edges.filter((e) => ids.has(e.source.node) && ids.has(e.target.node) && keep(e.id));
        expect(applyChanges(prev, diffGraphs(prev, next))).toEqual(next);
        expect(applyChanges(next, diffGraphs(next, prev))).toEqual(prev);
      }),
      { numRuns: 200 },
    );
  });

  it('survives a JSON round trip of the changes', () => {
    fc.assert(
      fc.property(graphArb, graphArb, (prev, next) => {
        const wire = JSON.parse(JSON.stringify(diffGraphs(prev, next)));
        const parsed = wire.map((c: unknown) => graphChangeSchema.parse(c));
        expect(contentHash(applyChanges(prev, parsed))).toBe(contentHash(next));
      }),
      { numRuns: 200 },
    );
  });
});
