import type { GraphChange, GraphEdge, GraphIR, GraphNode } from '@studio/ir';
import { addEdgeChange, addNodeChange } from './change-builders';
import { newId } from './new-id';

/** What Ctrl+C keeps: the selected nodes and only the edges between them. */
export interface ClipboardPayload {
  nodes: GraphNode[];
  edges: GraphEdge[];
}

/** Copies the selected nodes and the edges that stay inside the selection; null when nothing is selected. */
export function copySelection(graph: GraphIR, nodeIds: ReadonlySet<string>): ClipboardPayload | null {
  const nodes = graph.nodes.filter((n) => nodeIds.has(n.id));
  if (nodes.length === 0) return null;
  const edges = graph.edges.filter((e) => nodeIds.has(e.source.node) && nodeIds.has(e.target.node));
  return structuredClone({ nodes, edges });
}

/**
 * The changes that paste a payload into a graph: fresh ids (so pasting twice works), positions shifted by
 * `offset` so the copy does not hide the original, and edges rewired to the new ids.
 */
export function pasteChanges(
  graph: GraphIR,
  payload: ClipboardPayload,
  offset: { x: number; y: number },
): { changes: GraphChange[]; nodeIds: string[] } {
  const taken = new Set([...graph.nodes.map((n) => n.id), ...graph.edges.map((e) => e.id)]);
  const rename = new Map<string, string>();
  const nodes = payload.nodes.map((n): GraphNode => {
    const id = newId(n.op, taken);
    taken.add(id);
    rename.set(n.id, id);
    const p = n.position ?? { x: 0, y: 0 };
    return { ...structuredClone(n), id, position: { x: p.x + offset.x, y: p.y + offset.y } };
  });
  const edges = payload.edges.map((e): GraphEdge => {
    const id = newId('e', taken);
    taken.add(id);
    return {
      id,
      source: { node: rename.get(e.source.node) ?? e.source.node, port: e.source.port },
      target: { node: rename.get(e.target.node) ?? e.target.node, port: e.target.port },
    };
  });
  return {
    changes: [...nodes.map(addNodeChange), ...edges.map(addEdgeChange)],
    nodeIds: nodes.map((n) => n.id),
  };
}
