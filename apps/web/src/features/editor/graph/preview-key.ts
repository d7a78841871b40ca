import type { GraphIR } from '@studio/ir';

/**
 * What a node preview depends on: ops, params and wires, not positions or labels, so dragging a node around
 * the canvas does not re-run the preview.
 */
export function previewKey(graph: GraphIR): string {
  return JSON.stringify({
    nodes: graph.nodes.map((n) => [n.id, n.op, n.params]),
    edges: graph.edges.map((e) => [e.source.node, e.source.port, e.target.node, e.target.port]),
    target: graph.meta.target ?? null,
    seed: graph.meta.seed ?? null,
  });
}
