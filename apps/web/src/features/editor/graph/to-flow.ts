import { findOp, type Diagnostic, type GraphIR } from '@studio/ir';
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

/** Derives React Flow nodes and edges from the document; the document is never mutated by the canvas. */
export function graphToFlow(graph: GraphIR, view: FlowView): { nodes: OpFlowNode[]; edges: FlowEdge[] } {
  const byNode = new Map<string, Diagnostic[]>();
  const { diagnostics, inferred, sizes } = view.facts;
  for (const d of diagnostics) {
    if (d.nodeId) byNode.set(d.nodeId, [...(byNode.get(d.nodeId) ?? []), d]);
  }
  const specs = new Map(graph.nodes.map((n) => [n.id, findOp(n.op)]));
  const nodes = graph.nodes.map((n, i): OpFlowNode => {
    const measured = view.measured[n.id];
    return {
      id: n.id,
      type: 'op',
      position: n.position ?? { x: 40 + (i % 4) * 260, y: 40 + Math.floor(i / 4) * 160 },
      selected: view.selectedNodes.has(n.id),
      data: {
        op: n.op,
        spec: specs.get(n.id),
        label: n.label,
        diagnostics: byNode.get(n.id) ?? [],
        output: outputSummary(inferred[n.id]),
        size: sizes.get(n.id) ?? null,
      },
      ...(measured ? { measured } : {}),
    };
  });
  const edges = graph.edges.map((e): FlowEdge => {
    const type = specs.get(e.source.node)?.outputs.find((p) => p.name === e.source.port)?.type;
    const bad = diagnostics.some((d) => d.edgeId === e.id && d.severity === 'error');
    return {
      id: e.id,
      source: e.source.node,
      sourceHandle: e.source.port,
      target: e.target.node,
      targetHandle: e.target.port,
      selected: view.selectedEdges.has(e.id),
      style: { stroke: bad ? 'var(--danger)' : type ? portColor[type] : '#9aa3b2', strokeWidth: 2 },
      data: {},
    };
  });
  return { nodes, edges };
}
