import type { GraphChange, GraphEdge, GraphIR, GraphNode, Position } from '@studio/ir';

/**
 * The canvas's vocabulary of edits, expressed as @studio/ir GraphChanges. Keeping the construction here
 * means components never spell out change objects, and the undo history only ever sees IR changes.
 */

/** Adds one node. */
export function addNodeChange(node: GraphNode): GraphChange {
  return { type: 'addNode', node };
}

/** Adds one edge (the caller has already checked the connection). */
export function addEdgeChange(edge: GraphEdge): GraphChange {
  return { type: 'addEdge', edge };
}

/** Moves a node; null when it is already there (React Flow reports no-op positions at drag end). */
export function moveNodeChange(graph: GraphIR, nodeId: string, to: Position): GraphChange | null {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  const from = node.position;
  if (from && from.x === to.x && from.y === to.y) return null;
  return { type: 'moveNode', nodeId, from, to };
}

/** Sets one parameter; null when the value is unchanged. */
export function setParamChange(
  graph: GraphIR,
  nodeId: string,
  name: string,
  value: unknown,
): GraphChange | null {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  const from = node.params[name];
  if (JSON.stringify(from) === JSON.stringify(value)) return null;
  return { type: 'setParam', nodeId, name, from, to: value };
}

/**
 * Removes nodes and edges. Edges go first (the selected ones and every edge touching a removed node),
 * so that undo, which replays the inverses backwards, restores nodes before their edges.
 */
export function removeChanges(
  graph: GraphIR,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): GraphChange[] {
  const edges = graph.edges.filter(
    (e) => edgeIds.has(e.id) || nodeIds.has(e.source.node) || nodeIds.has(e.target.node),
  );
  const nodes = graph.nodes.filter((n) => nodeIds.has(n.id));
  return [
    ...edges.map((edge): GraphChange => ({ type: 'removeEdge', edge })),
    ...nodes.map((node): GraphChange => ({ type: 'removeNode', node })),
  ];
}

/** Joins two consecutive moves of the same node (a drag) into one change from the first to the last position. */
export function squashChange(prev: GraphChange, next: GraphChange): GraphChange | null {
  if (prev.type === 'moveNode' && next.type === 'moveNode' && prev.nodeId === next.nodeId) {
    return { ...next, from: prev.from };
  }
  return null;
}
