import type { GraphEdge, GraphIR, GraphNode } from './graph';

/** Lookup maps derived from a graph (never stored): first node per id, and edges grouped by endpoint node. */
export interface GraphIndex {
  nodes: Map<string, GraphNode>;
  outgoing: Map<string, GraphEdge[]>;
  incoming: Map<string, GraphEdge[]>;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

/** Edges grouped by the node at their source or target end. */
export function edgesByNode(edges: readonly GraphEdge[], end: 'source' | 'target'): Map<string, GraphEdge[]> {
  const map = new Map<string, GraphEdge[]>();
  for (const edge of edges) push(map, edge[end].node, edge);
  return map;
}

/** Builds the lookup maps; edges whose endpoints are unknown are indexed all the same. */
export function indexGraph(graph: Pick<GraphIR, 'nodes' | 'edges'>): GraphIndex {
  const nodes = new Map<string, GraphNode>();
  for (const node of graph.nodes) if (!nodes.has(node.id)) nodes.set(node.id, node);
  return {
    nodes,
    outgoing: edgesByNode(graph.edges, 'source'),
    incoming: edgesByNode(graph.edges, 'target'),
  };
}

/** True when `to` can be reached from `from` by following edges forward (a node reaches itself). */
export function reaches(index: GraphIndex, from: string, to: string): boolean {
  const seen = new Set<string>([from]);
  const stack = [from];
  while (stack.length > 0) {
    const id = stack.pop() as string;
    if (id === to) return true;
    for (const edge of index.outgoing.get(id) ?? []) {
      if (!seen.has(edge.target.node)) {
        seen.add(edge.target.node);
        stack.push(edge.target.node);
      }
    }
  }
  return false;
}

/** The edges that close a cycle (DFS back edges), in a deterministic order, with the cycle each one closes. */
export function findCycles(
  nodeIds: readonly string[],
  edges: readonly GraphEdge[],
): { edge: GraphEdge; path: string[] }[] {
  const outgoing = edgesByNode(edges, 'source');
  const state = new Map<string, 'open' | 'done'>();
  const found: { edge: GraphEdge; path: string[] }[] = [];
  // Iterative DFS: graphs may hold thousands of nodes in a chain, deeper than a safe recursion.
  for (const root of nodeIds) {
    if (state.has(root)) continue;
    const path: string[] = [root];
    const cursor: number[] = [0];
    state.set(root, 'open');
    while (path.length > 0) {
      const id = path[path.length - 1] as string;
      const out = outgoing.get(id) ?? [];
      const i = cursor[cursor.length - 1] as number;
      if (i >= out.length) {
        state.set(id, 'done');
        path.pop();
        cursor.pop();
        continue;
      }
      cursor[cursor.length - 1] = i + 1;
      const edge = out[i] as GraphEdge;
      const next = edge.target.node;
      const s = state.get(next);
      if (s === 'open') {
        found.push({ edge, path: [...path.slice(path.indexOf(next)), next] });
      } else if (s === undefined) {
        state.set(next, 'open');
        path.push(next);
        cursor.push(0);
      }
    }
  }
  return found;
}

/** Node ids in an order where every edge goes forward; nodes on or behind a cycle are left out. */
export function topologicalOrder(nodeIds: readonly string[], edges: readonly GraphEdge[]): string[] {
  const known = new Set(nodeIds);
  const indegree = new Map<string, number>(nodeIds.map((id) => [id, 0]));
  const outgoing = new Map<string, GraphEdge[]>();
  for (const edge of edges) {
    if (!known.has(edge.source.node) || !known.has(edge.target.node)) continue;
    push(outgoing, edge.source.node, edge);
    indegree.set(edge.target.node, (indegree.get(edge.target.node) ?? 0) + 1);
  }
  const queue = nodeIds.filter((id) => indegree.get(id) === 0);
  const order: string[] = [];
  for (let head = 0; head < queue.length; head++) {
    const id = queue[head] as string;
    order.push(id);
    for (const edge of outgoing.get(id) ?? []) {
      const left = (indegree.get(edge.target.node) ?? 0) - 1;
      indegree.set(edge.target.node, left);
      if (left === 0) queue.push(edge.target.node);
    }
  }
  return order;
}
