import type { GraphIR, GraphNode, PortRef } from '@studio/ir';
import { PlanProblem } from './plan-problem';

/** Read-only lookups over a validated graph: nodes by id, the source feeding each input, consumers of each output. */
export interface GraphLinks {
  node(id: string): GraphNode;
  /** The output wired into `port` of node `id`, if any. */
  source(id: string, port: string): PortRef | undefined;
  /** Nodes (and their input port) fed by `port` of node `id`. */
  consumers(id: string, port: string): PortRef[];
  nodesOf(op: string): GraphNode[];
}

/** Builds the lookups of `graph`; the graph must have passed `validateGraph`. */
export function graphLinks(graph: GraphIR): GraphLinks {
  const nodes = new Map(graph.nodes.map((n) => [n.id, n]));
  const sources = new Map<string, PortRef>();
  const consumers = new Map<string, PortRef[]>();
  for (const e of graph.edges) {
    sources.set(`${e.target.node}\u0000${e.target.port}`, e.source);
    const key = `${e.source.node}\u0000${e.source.port}`;
    consumers.set(key, [...(consumers.get(key) ?? []), e.target]);
  }
  return {
    node(id) {
      const n = nodes.get(id);
      if (!n) throw new PlanProblem('PLAN_UNKNOWN_NODE', `there is no node "${id}" in the graph`);
      return n;
    },
    source: (id, port) => sources.get(`${id}\u0000${port}`),
    consumers: (id, port) => consumers.get(`${id}\u0000${port}`) ?? [],
    nodesOf: (op) => graph.nodes.filter((n) => n.op === op),
  };
}

/** The output feeding a required input; validation guarantees it, so absence is reported against the node. */
export function requiredSource(links: GraphLinks, nodeId: string, port: string): PortRef {
  const src = links.source(nodeId, port);
  if (!src)
    throw new PlanProblem('PLAN_MISSING_INPUT', `connect the ${port} input of this node`, { nodeId, port });
  return src;
}

/** A node's display name for logs: its label, else its id. */
export function nodeLabel(node: GraphNode): string {
  return node.label?.trim() || node.id;
}
