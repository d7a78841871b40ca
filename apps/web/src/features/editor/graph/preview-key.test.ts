import { describe, expect, it } from 'vitest';
import { IR_VERSION, type GraphIR } from '@studio/ir';
import { previewKey } from './preview-key';

const graph: GraphIR = {
  irVersion: IR_VERSION,
  nodes: [{ id: 'a', op: 'split', params: { testFraction: 0.3 }, position: { x: 0, y: 0 } }],
  edges: [],
  meta: { name: 'g' },
};

describe('previewKey', () => {
  it('ignores moves and labels but not params', () => {
    const moved = { ...graph, nodes: [{ ...graph.nodes[0]!, position: { x: 50, y: 9 }, label: 'Split' }] };
    const edited = { ...graph, nodes: [{ ...graph.nodes[0]!, params: { testFraction: 0.2 } }] };
    expect(previewKey(moved)).toBe(previewKey(graph));
    expect(previewKey(edited)).not.toBe(previewKey(graph));
  });
});
