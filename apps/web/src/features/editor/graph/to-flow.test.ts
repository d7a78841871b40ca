import { describe, expect, it } from 'vitest';
import { applyChanges } from '@studio/ir';
import { createFlowCache, graphToFlow, type FlowView } from './to-flow';
import { pipelineGraph } from '../../../test-support/test-graph';

const view = (facts: FlowView['facts'], selected: string[] = []): FlowView => ({
  selectedNodes: new Set(selected),
  selectedEdges: new Set(),
  measured: {},
  facts,
});

describe('graph to flow', () => {
  it('reuses the flow objects of nodes a move did not touch, and rebuilds on new facts or selection', () => {
    const facts = { diagnostics: [], inferred: {}, sizes: new Map() };
    const cache = createFlowCache();
    const g1 = pipelineGraph();
    const a = graphToFlow(g1, view(facts), cache);
    const g2 = applyChanges(g1, [
      { type: 'move-node', id: 's', from: { x: 200, y: 0 }, to: { x: 250, y: 10 } },
    ]);
    const b = graphToFlow(g2, view(facts), cache);
    expect(b.nodes[0]).toBe(a.nodes[0]);
    expect(b.nodes[2]).toBe(a.nodes[2]);
    expect(b.nodes[1]).not.toBe(a.nodes[1]);
    expect(b.nodes[1]!.position).toEqual({ x: 250, y: 10 });
    expect(b.edges[0]).toBe(a.edges[0]);
    const c = graphToFlow(g2, view(facts, ['d']), cache);
    expect(c.nodes[0]).not.toBe(b.nodes[0]);
    expect(c.nodes[0]!.selected).toBe(true);
    const d = graphToFlow(g2, view({ ...facts, diagnostics: [] }, ['d']), cache);
    expect(d.nodes[2]).not.toBe(c.nodes[2]);
  });
});
