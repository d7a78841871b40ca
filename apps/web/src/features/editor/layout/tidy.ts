import type { GraphChange, GraphIR } from '@studio/ir';
import { moveNodeChange } from '../graph/change-builders';
import { layoutPositions, type NodeSize } from './auto-layout';

/** The moves that lay `graph` out with ELK; empty when every node is already where the layout puts it. */
export async function tidyChanges(
  graph: GraphIR,
  sizeOf: (nodeId: string) => NodeSize,
): Promise<GraphChange[]> {
  const positions = await layoutPositions(graph, sizeOf);
  return graph.nodes.flatMap((n) => {
    const to = positions.get(n.id);
    const move = to ? moveNodeChange(graph, n.id, to) : null;
    return move ? [move] : [];
  });
}

/** `graph` with every node at its laid-out position (a template before its first save in the editor). */
export async function tidyGraph(graph: GraphIR, sizeOf: (nodeId: string) => NodeSize): Promise<GraphIR> {
  const positions = await layoutPositions(graph, sizeOf);
  return {
    ...graph,
    nodes: graph.nodes.map((n) => ({ ...n, position: positions.get(n.id) ?? n.position })),
  };
}
