import type { ElkNode } from 'elkjs/lib/elk-api';
import type { GraphIR, Position } from '@studio/ir';

/** A node's box on the canvas (measured by React Flow, or estimated before it was ever drawn). */
export interface NodeSize {
  width: number;
  height: number;
}

/** Target width : height of the laid-out graph; a longer chain is wrapped into rows to come close to it. */
export const LAYOUT_ASPECT = 1.8;

/**
 * ELK's layered algorithm, left to right, with its graph wrapping: a chain wider than `LAYOUT_ASPECT` allows
 * is cut into rows (MULTI_EDGE wrapping keeps edges that cross a cut readable). Spacing leaves room for the
 * wires' labels of ports.
 */
const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.aspectRatio': String(LAYOUT_ASPECT),
  'elk.layered.wrapping.strategy': 'MULTI_EDGE',
  'elk.layered.wrapping.additionalEdgeSpacing': '24',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  'elk.spacing.nodeNode': '36',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.padding': '[top=20,left=20,bottom=20,right=20]',
};

/** The ELK engine, loaded on first use so that only a Tidy (or a new template) pays for its ~1.5 MB. */
let engine: Promise<{ layout(graph: ElkNode): Promise<ElkNode> }> | null = null;
function elk() {
  engine ??= import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return engine;
}

/**
 * Positions for every node of `graph` (top-left corners, rounded), laid out by ELK from their sizes. Pure
 * with respect to the graph: the caller turns the answer into undoable moves.
 */
export async function layoutPositions(
  graph: GraphIR,
  sizeOf: (nodeId: string) => NodeSize,
): Promise<Map<string, Position>> {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const root: ElkNode = {
    id: '__root',
    layoutOptions: LAYOUT_OPTIONS,
    children: graph.nodes.map((n) => ({ id: n.id, ...sizeOf(n.id) })),
    edges: graph.edges
      .filter((e) => ids.has(e.source.node) && ids.has(e.target.node))
      .map((e) => ({ id: e.id, sources: [e.source.node], targets: [e.target.node] })),
  };
  const laid = await (await elk()).layout(root);
  const out = new Map<string, Position>();
  for (const c of laid.children ?? []) out.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  return out;
}
