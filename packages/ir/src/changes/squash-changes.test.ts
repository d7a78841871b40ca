import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contentHash } from '../content-hash';
import { exampleScorecardGraph } from '../examples';
import { graphArb } from '../test-support/arbitraries';
import { applyChanges } from './apply-change';
import { diffGraphs } from './diff-graphs';
import type { GraphChange } from './graph-change';
import { squashChanges } from './squash-changes';

const g = exampleScorecardGraph();

describe('squashChanges', () => {
  it('folds a drag into one move and drops edits that end where they began', () => {
    const drag: GraphChange[] = [
      { type: 'move-node', id: 'lr-1', from: { x: 1200, y: 0 }, to: { x: 1210, y: 5 } },
      { type: 'move-node', id: 'split-1', from: { x: 240, y: 0 }, to: { x: 250, y: 5 } },
      { type: 'move-node', id: 'lr-1', from: { x: 1210, y: 5 }, to: { x: 1300, y: 40 } },
      { type: 'set-param', id: 'lr-1', name: 'l2', from: 1, to: 2 },
      { type: 'set-param', id: 'lr-1', name: 'l2', from: 2, to: 1 },
    ];
    const squashed = squashChanges(drag);
    expect(squashed).toEqual([
      { type: 'move-node', id: 'lr-1', from: { x: 1200, y: 0 }, to: { x: 1300, y: 40 } },
      { type: 'move-node', id: 'split-1', from: { x: 240, y: 0 }, to: { x: 250, y: 5 } },
    ]);
    expect(applyChanges(g, squashed)).toEqual(applyChanges(g, drag));
  });

  it('does not fold across a structural change', () => {
    const lr = g.nodes.find((n) => n.id === 'lr-1');
    if (lr === undefined) throw new Error('fixture lost lr-1');
    const edges = g.edges.filter((e) => e.source.node === 'lr-1' || e.target.node === 'lr-1');
    const seq: GraphChange[] = [
      { type: 'set-label', id: 'lr-1', to: 'A' },
      { type: 'remove-node', node: { ...lr, label: 'A' }, edges },
      { type: 'add-node', node: { ...lr, label: 'A' }, edges },
      { type: 'set-label', id: 'lr-1', from: 'A', to: undefined },
    ];
    expect(squashChanges(seq)).toEqual(seq);
  });

  it('never changes the result of a sequence of diffs', () => {
    fc.assert(
      fc.property(fc.array(graphArb, { minLength: 2, maxLength: 4 }), (graphs) => {
        const changes = graphs
          .slice(1)
          .flatMap((next, i) => diffGraphs(graphs[i] as (typeof graphs)[number], next));
        const first = graphs[0] as (typeof graphs)[number];
        const squashed = squashChanges(changes);
        expect(squashed.length).toBeLessThanOrEqual(changes.length);
        expect(contentHash(applyChanges(first, squashed))).toBe(contentHash(applyChanges(first, changes)));
      }),
      { numRuns: 200 },
    );
  });
});
