import { describe, expect, it } from 'vitest';
import { exampleScorecardGraph } from '../examples';
import type { GraphIR } from '../graph';
import { applyChange, applyChanges } from './apply-change';
import type { GraphChange } from './graph-change';
import { invertChange, invertChanges } from './invert-change';

const g = exampleScorecardGraph();
const lr = g.nodes.find((n) => n.id === 'lr-1') as GraphIR['nodes'][number];
const lrEdges = g.edges.filter((e) => e.source.node === 'lr-1' || e.target.node === 'lr-1');

const samples: GraphChange[] = [
  { type: 'remove-node', node: lr, edges: lrEdges, index: 5 },
  { type: 'add-node', node: { id: 'n-9', op: 'dense', params: {} } },
  { type: 'move-node', id: 'lr-1', from: lr.position, to: { x: 1, y: 1 } },
  { type: 'set-param', id: 'lr-1', name: 'l2', from: 1, to: 3 },
  { type: 'set-label', id: 'lr-1', to: 'PD model' },
  { type: 'remove-edge', edge: g.edges[2] as GraphIR['edges'][number], index: 2 },
  { type: 'set-meta', key: 'target', from: 'default', to: 'bad_flag' },
];

describe('invertChange', () => {
  for (const change of samples) {
    it(`undoes ${change.type}`, () => {
      const undone = applyChange(applyChange(g, change), invertChange(change));
      expect(undone.nodes).toEqual(g.nodes);
      expect(new Set(undone.edges)).toEqual(new Set(g.edges));
      expect(undone.meta).toEqual(g.meta);
      expect(invertChange(invertChange(change))).toEqual(
        change.type === 'add-node' ? { ...change, edges: [] } : change,
      );
    });
  }

  it('undoes a sequence last first', () => {
    const seq: GraphChange[] = [
      { type: 'set-param', id: 'lr-1', name: 'l2', from: 1, to: 3 },
      { type: 'set-param', id: 'lr-1', name: 'l2', from: 3, to: 5 },
      { type: 'remove-node', node: { ...lr, params: { ...lr.params, l2: 5 } }, edges: lrEdges, index: 5 },
    ];
    const undone = applyChanges(applyChanges(g, seq), invertChanges(seq));
    expect(undone.nodes).toEqual(g.nodes);
    // Restored wires go to the end of the edge list; their order carries no meaning.
    expect(new Set(undone.edges)).toEqual(new Set(g.edges));
  });
});
