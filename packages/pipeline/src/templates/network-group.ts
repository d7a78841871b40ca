import type { GraphIR } from '@studio/ir';

const LAYER_OPS = new Set(['dense', 'activation', 'dropout', 'batch-norm']);

/**
 * Groups the network layers of a template (the nodes with ids starting `prefix` whose op is a layer) into one
 * "Network" block, collapsed, so the template opens with the network as a single block with typed ports.
 * Groups never change what the graph computes.
 */
export function withNetworkGroup(graph: GraphIR, prefix: string, name = 'Network'): GraphIR {
  const nodes = graph.nodes.filter((n) => n.id.startsWith(prefix) && LAYER_OPS.has(n.op)).map((n) => n.id);
  if (nodes.length === 0) return graph;
  const group = { id: `${prefix}network`, name, nodes, collapsed: true };
  return { ...graph, groups: [...(graph.groups ?? []), group] };
}
