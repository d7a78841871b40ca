import type { ElkNode } from 'elkjs/lib/elk-api';
import type { GraphIR, Position } from '@studio/ir';

/** A node's box on the canvas (measured by React Flow, or estimated before it was ever drawn). */
export interface NodeSize {
  width: number;
  height: number;
}

/** How the laid-out graph should fit: wider than `maxWidth` (px at zoom 1) and it is wrapped into rows. */
export interface LayoutFit {
  /** The widest single-row layout kept as is; default 1,400 px (an editor canvas at a readable zoom). */
  maxWidth?: number;
  /** Width : height the wrapped rows aim for; default 1.6 (the editor canvas's shape). */
  aspect?: number;
}

const DEFAULT_MAX_WIDTH = 1400;
const DEFAULT_ASPECT = 1.6;

/**
 * ELK's layered algorithm, left to right. Spacing leaves room for the port names at either end of a wire.
 * Wrapping (MULTI_EDGE, which keeps the wires crossing a cut readable) is switched on only for a graph that
 * is too wide in one row: ELK's aspect ratio would otherwise fold even two nodes into a column.
 */
const LAYOUT_OPTIONS: Record<string, string> = {
  'elk.algorithm': 'layered',
  'elk.direction': 'RIGHT',
  'elk.layered.spacing.nodeNodeBetweenLayers': '60',
  'elk.spacing.nodeNode': '36',
  'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
  'elk.layered.considerModelOrder.strategy': 'NODES_AND_EDGES',
  'elk.padding': '[top=20,left=20,bottom=20,right=20]',
};

/**
 * The ELK engine, loaded on first use so that only a Tidy (or a new template) pays for its ~1.4 MB. In the
 * browser it runs in a Web Worker (ELK's own worker script, emitted as an asset), so laying out hundreds of
 * nodes never freezes the page; where there are no workers (unit tests under Node) the bundled build runs inline.
 */
let engine: Promise<{ layout(graph: ElkNode): Promise<ElkNode> }> | null = null;
function elk() {
  engine ??=
    typeof Worker === 'function'
      ? Promise.all([import('elkjs/lib/elk-api.js'), import('elkjs/lib/elk-worker.min.js?url')]).then(
          ([api, worker]) => new api.default({ workerUrl: worker.default }),
        )
      : import('elkjs/lib/elk.bundled.js').then((m) => new m.default());
  return engine;
}

const WRAPPING = (aspect: number): Record<string, string> => ({
  'elk.aspectRatio': String(aspect),
  'elk.layered.wrapping.strategy': 'MULTI_EDGE',
  'elk.layered.wrapping.additionalEdgeSpacing': '24',
});

/**
 * Positions for every node of `graph` (top-left corners, rounded), laid out by ELK from their sizes: one row
 * left to right, or rows when that row is wider than `fit.maxWidth`. Pure with respect to the graph: the
 * caller turns the answer into undoable moves.
 */
export async function layoutPositions(
  graph: GraphIR,
  sizeOf: (nodeId: string) => NodeSize,
  fit: LayoutFit = {},
): Promise<Map<string, Position>> {
  const flat = await runElk(graph, sizeOf, LAYOUT_OPTIONS);
  if ((flat.width ?? 0) <= (fit.maxWidth ?? DEFAULT_MAX_WIDTH)) return positionsOf(flat);
  const wrapped = await runElk(graph, sizeOf, {
    ...LAYOUT_OPTIONS,
    ...WRAPPING(fit.aspect ?? DEFAULT_ASPECT),
  });
  return positionsOf(wrapped);
}

function positionsOf(laid: ElkNode): Map<string, Position> {
  const out = new Map<string, Position>();
  for (const c of laid.children ?? []) out.set(c.id, { x: Math.round(c.x ?? 0), y: Math.round(c.y ?? 0) });
  return out;
}

async function runElk(
  graph: GraphIR,
  sizeOf: (nodeId: string) => NodeSize,
  layoutOptions: Record<string, string>,
): Promise<ElkNode> {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const root: ElkNode = {
    id: '__root',
    layoutOptions,
    children: graph.nodes.map((n) => ({ id: n.id, ...sizeOf(n.id) })),
    edges: graph.edges
      .filter((e) => ids.has(e.source.node) && ids.has(e.target.node))
      .map((e) => ({ id: e.id, sources: [e.source.node], targets: [e.target.node] })),
  };
  return (await elk()).layout(root);
}
