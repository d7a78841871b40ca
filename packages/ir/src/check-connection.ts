import { findOp } from './catalogue';
import { codeOf, type DiagnosticCode } from './diagnostic-codes';
import type { GraphIR, PortRef } from './graph';
import { indexGraph, reaches } from './graph-index';
import { assignabilityReason } from './port-types';

/** Whether the canvas may draw the wire; when not, a catalogue code and a reason to show beside the cursor. */
export type ConnectionCheck = { ok: true } | { ok: false; code: DiagnosticCode; reason: string };

const refuse = (name: Parameters<typeof codeOf>[0], reason: string): ConnectionCheck => ({
  ok: false,
  code: codeOf(name),
  reason,
});

/** The canvas's live check while a wire is dragged from `source` (an output) to `target` (an input). */
export function checkConnection(
  graph: Pick<GraphIR, 'nodes' | 'edges'>,
  source: PortRef,
  target: PortRef,
): ConnectionCheck {
  if (source.node === target.node) return refuse('SELF_LOOP', 'a node cannot feed itself');
  const index = indexGraph(graph);
  const from = index.nodes.get(source.node);
  const to = index.nodes.get(target.node);
  if (from === undefined || to === undefined) {
    return refuse(
      'DANGLING_EDGE_NODE',
      `node ${from === undefined ? source.node : target.node} does not exist`,
    );
  }
  const fromSpec = findOp(from.op);
  const toSpec = findOp(to.op);
  if (fromSpec === undefined || toSpec === undefined) {
    const node = fromSpec === undefined ? from : to;
    return refuse('UNKNOWN_OP', `node ${node.id} has unknown op "${node.op}"; replace it first`);
  }
  const out = fromSpec.outputs.find((p) => p.name === source.port);
  if (out === undefined) return refuse('DANGLING_EDGE_PORT', `${source.node} has no output "${source.port}"`);
  const inp = toSpec.inputs.find((p) => p.name === target.port);
  if (inp === undefined) return refuse('DANGLING_EDGE_PORT', `${target.node} has no input "${target.port}"`);
  const reason = assignabilityReason(out.type, inp.type);
  if (reason !== null) return refuse('ILLEGAL_CONNECTION', reason);
  const into = (index.incoming.get(target.node) ?? []).filter((e) => e.target.port === target.port);
  if (into.some((e) => e.source.node === source.node && e.source.port === source.port)) {
    return refuse('DUPLICATE_CONNECTION', 'these two ports are already connected');
  }
  if (into.length > 0 && !inp.multiple) {
    return refuse(
      'INPUT_TAKEN',
      `${inp.label} of ${target.node} takes one connection and already has one; remove that one first`,
    );
  }
  if (reaches(index, target.node, source.node)) {
    return refuse('CYCLE', `${target.node} already feeds ${source.node}; this connection would make a cycle`);
  }
  return { ok: true };
}
