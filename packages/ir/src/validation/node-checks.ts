import { findOp } from '../catalogue';
import type { Diagnostic, GraphNode } from '../graph';
import { checkParams } from '../params';
import { diagnostic, type NodeFacts } from './diagnostic';

/** Checks ids, ops and params of every node; later checks use the facts of each id's first node. */
export function checkNodes(nodes: readonly GraphNode[]): {
  facts: Map<string, NodeFacts>;
  diagnostics: Diagnostic[];
} {
  const facts = new Map<string, NodeFacts>();
  const diagnostics: Diagnostic[] = [];
  for (const node of nodes) {
    const pin = { nodeId: node.id };
    if (facts.has(node.id)) {
      diagnostics.push(
        diagnostic('DUPLICATE_NODE_ID', `node id "${node.id}" is used twice; rename one`, pin),
      );
      continue;
    }
    const spec = findOp(node.op);
    let params: Record<string, unknown> | undefined;
    if (spec === undefined) {
      diagnostics.push(
        diagnostic(
          'UNKNOWN_OP',
          `node ${node.id}: unknown op "${node.op}"; replace it with a node from the palette`,
          pin,
        ),
      );
    } else {
      const checked = checkParams(
        spec.params,
        node.params,
        spec.fields.map((f) => f.name),
      );
      if (checked.ok) params = checked.value;
      for (const p of checked.ok ? [] : checked.problems) {
        const param = p.name === undefined ? {} : { param: p.name };
        diagnostics.push(diagnostic('INVALID_PARAM', `node ${node.id}: ${p.message}`, { ...pin, ...param }));
      }
    }
    facts.set(node.id, { node, spec, params });
  }
  return { facts, diagnostics };
}
