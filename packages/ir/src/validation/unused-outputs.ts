import type { Diagnostic, GraphEdge } from '../graph';
import { edgesByNode } from '../graph-index';
import { isSinkOp } from '../op-spec';
import { diagnostic, inputKey, type NodeFacts } from './diagnostic';

/** Warns about every output of a non-sink node whose wires never lead to an Evaluate, Scorecard or Deploy. */
export function unusedOutputs(facts: Map<string, NodeFacts>, edges: readonly GraphEdge[]): Diagnostic[] {
  const incoming = edgesByNode(edges, 'target');
  const useful = new Set<string>();
  const stack: string[] = [];
  for (const { node, spec } of facts.values()) {
    if (spec !== undefined && isSinkOp(spec)) {
      useful.add(node.id);
      stack.push(node.id);
    }
  }
  while (stack.length > 0) {
    for (const e of incoming.get(stack.pop() as string) ?? []) {
      if (!useful.has(e.source.node)) {
        useful.add(e.source.node);
        stack.push(e.source.node);
      }
    }
  }
  const usefulPorts = new Set(
    edges.filter((e) => useful.has(e.target.node)).map((e) => inputKey(e.source.node, e.source.port)),
  );
  const out: Diagnostic[] = [];
  for (const { node, spec } of facts.values()) {
    if (spec === undefined || isSinkOp(spec)) continue;
    for (const port of spec.outputs) {
      if (usefulPorts.has(inputKey(node.id, port.name))) continue;
      const message = `node ${node.id}: output ${port.name} reaches no Evaluate, Scorecard or Deploy node; connect it onwards or remove it`;
      out.push(diagnostic('UNUSED_OUTPUT', message, { nodeId: node.id, port: port.name }));
    }
  }
  return out;
}
