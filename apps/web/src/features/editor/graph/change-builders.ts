import type { GraphChange, GraphEdge, GraphIR, GraphNode, Position } from '@studio/ir';

/**
 * The canvas's vocabulary of edits, expressed as @studio/ir GraphChanges. Keeping the construction here
 * means components never spell out change objects, and the undo history only ever sees IR changes.
 */

/** Adds one node. */
export function addNodeChange(node: GraphNode): GraphChange {
  return { type: 'add-node', node };
}

/** Adds one edge (the caller has already checked the connection). */
export function addEdgeChange(edge: GraphEdge): GraphChange {
  return { type: 'add-edge', edge };
}

/** Moves a node; null when it is already there (React Flow reports no-op positions at drag end). */
export function moveNodeChange(graph: GraphIR, nodeId: string, to: Position): GraphChange | null {
  const node = graph.nodes.find((n) => n.id === nodeId);
  if (!node) return null;
  const from = node.position;
  if (from && from.x === to.x && from.y === to.y) return null;
  return { type: 'move-node', id: nodeId, from, to };
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
  return { type: 'set-param', id: nodeId, name, from, to: value };
}

/** Renames a node on the canvas (an empty label falls back to the op title); null when unchanged. */
export function setLabelChange(graph: GraphIR, nodeId: string, label: string): GraphChange | null {
  const node = graph.nodes.find((n) => n.id === nodeId);
  const to = label.trim() || undefined;
  if (!node || node.label === to) return null;
  return { type: 'set-label', id: nodeId, from: node.label, to };
}

/**
 * Removes nodes and edges: first the selected edges between surviving nodes, then each node with the edges
 * still touching it. Each change records its index so undo puts things back where they were.
 */
export function removeChanges(
  graph: GraphIR,
  nodeIds: ReadonlySet<string>,
  edgeIds: ReadonlySet<string>,
): GraphChange[] {
  const changes: GraphChange[] = [];
  let edges = [...graph.edges];
  for (const edge of graph.edges) {
    if (!edgeIds.has(edge.id) || nodeIds.has(edge.source.node) || nodeIds.has(edge.target.node)) continue;
    changes.push({ type: 'remove-edge', edge, index: edges.indexOf(edge) });
    edges = edges.filter((e) => e !== edge);
  }
  let nodes = [...graph.nodes];
  for (const node of graph.nodes) {
    if (!nodeIds.has(node.id)) continue;
    const touching = edges.filter((e) => e.source.node === node.id || e.target.node === node.id);
    changes.push({ type: 'remove-node', node, edges: touching, index: nodes.indexOf(node) });
    nodes = nodes.filter((n) => n !== node);
    edges = edges.filter((e) => !touching.includes(e));
  }
  return changes;
}

/** Joins two consecutive moves of the same node (a drag) into one change from the first to the last position. */
export function squashChange(prev: GraphChange, next: GraphChange): GraphChange | null {
  if (prev.type === 'move-node' && next.type === 'move-node' && prev.id === next.id) {
    return { ...next, from: prev.from };
  }
  return null;
}
