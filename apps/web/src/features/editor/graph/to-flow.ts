import { findOp, type Diagnostic, type GraphEdge, type GraphIR, type GraphNode } from '@studio/ir';
import type { FlowEdge, OpFlowNode } from './flow-types';
import { portColor } from './port-colors';
import { outputSummary, type Inferred, type LayerSize } from './layer-size';

/** Session facts that change how the document is drawn but are not part of it. */
export interface FlowView {
  selectedNodes: ReadonlySet<string>;
  selectedEdges: ReadonlySet<string>;
  measured: Readonly<Record<string, { width: number; height: number }>>;
  facts: {
    diagnostics: readonly Diagnostic[];
    inferred: Inferred;
    sizes: ReadonlyMap<string, LayerSize>;
  };
}

type Size = { width: number; height: number };

/**
 * The flow objects made for each document node and edge, reused while the node (by identity: the IR's pure
 * changes keep every untouched node's object), its selection, its measured size and the validation facts
 * stay the same. React Flow and the memoised OpNode then skip the nodes a drag does not move, which is what
 * keeps a 300-node canvas at frame rate (bench/canvas).
 */
export interface FlowCache {
  facts: FlowView['facts'] | null;
  nodes: WeakMap<
    GraphNode,
    { index: number; selected: boolean; measured: Size | undefined; flow: OpFlowNode }
  >;
  edges: WeakMap<GraphEdge, { selected: boolean; flow: FlowEdge }>;
}

/** An empty cache for one canvas. */
export function createFlowCache(): FlowCache {
  return { facts: null, nodes: new WeakMap(), edges: new WeakMap() };
}

/** Derives React Flow nodes and edges from the document; the document is never mutated by the canvas. */
export function graphToFlow(
  graph: GraphIR,
  view: FlowView,
  cache: FlowCache = createFlowCache(),
): { nodes: OpFlowNode[]; edges: FlowEdge[] } {
  if (cache.facts !== view.facts) {
    cache.facts = view.facts;
    cache.nodes = new WeakMap();
    cache.edges = new WeakMap();
  }
  const { diagnostics, inferred, sizes } = view.facts;
  let byNode: Map<string, Diagnostic[]> | null = null;
  const diagnosticsOf = (id: string) => {
    if (!byNode) {
      byNode = new Map();
      for (const d of diagnostics) if (d.nodeId) byNode.set(d.nodeId, [...(byNode.get(d.nodeId) ?? []), d]);
    }
    return byNode.get(id) ?? [];
  };
  const nodes = graph.nodes.map((n, i): OpFlowNode => {
    const measured = view.measured[n.id];
    const selected = view.selectedNodes.has(n.id);
    const hit = cache.nodes.get(n);
    if (hit && hit.selected === selected && hit.measured === measured && (n.position || hit.index === i))
      return hit.flow;
    const flow: OpFlowNode = {
      id: n.id,
      type: 'op',
      position: n.position ?? { x: 40 + (i % 4) * 260, y: 40 + Math.floor(i / 4) * 160 },
      selected,
      data: {
        op: n.op,
        spec: findOp(n.op),
        label: n.label,
        diagnostics: diagnosticsOf(n.id),
        output: outputSummary(inferred[n.id]),
        size: sizes.get(n.id) ?? null,
      },
      ...(measured ? { measured } : {}),
    };
    cache.nodes.set(n, { index: i, selected, measured, flow });
    return flow;
  });
  const opOf = new Map(graph.nodes.map((n) => [n.id, n.op]));
  const edges = graph.edges.map((e): FlowEdge => {
    const selected = view.selectedEdges.has(e.id);
    const hit = cache.edges.get(e);
    if (hit && hit.selected === selected) return hit.flow;
    const type = findOp(opOf.get(e.source.node) ?? '')?.outputs.find((p) => p.name === e.source.port)?.type;
    const bad = diagnostics.some((d) => d.edgeId === e.id && d.severity === 'error');
    const flow: FlowEdge = {
      id: e.id,
      source: e.source.node,
      sourceHandle: e.source.port,
      target: e.target.node,
      targetHandle: e.target.port,
      selected,
      style: { stroke: bad ? 'var(--danger)' : type ? portColor[type] : '#9aa3b2', strokeWidth: 2 },
      data: {},
    };
    cache.edges.set(e, { selected, flow });
    return flow;
  });
  return { nodes, edges };
}
