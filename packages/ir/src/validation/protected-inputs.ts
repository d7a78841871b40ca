import type { Diagnostic, GraphEdge } from '../graph';
import { edgesByNode } from '../graph-index';
import { diagnostic, type NodeFacts } from './diagnostic';
import type { InferredPorts } from './inference';

/**
 * The columns a model may be fitted on: walking back from the node that produces it, the columns of the nearest
 * table with known columns on every path (the table a Logistic Regression, GBM or network input reads), less
 * the target. A table whose columns are only known at training time (after Feature selection) is walked
 * through: its columns are some of those before it, so those are `maybe` inputs.
 */
function modelColumns(
  modelNode: string,
  incoming: Map<string, GraphEdge[]>,
  inferred: InferredPorts,
): Map<string, 'sure' | 'maybe'> {
  const columns = new Map<string, 'sure' | 'maybe'>();
  const seen = new Set<string>([modelNode]);
  const stack: [string, boolean][] = [[modelNode, false]];
  while (stack.length > 0) {
    const [at, narrowed] = stack.pop()!;
    for (const e of incoming.get(at) ?? []) {
      const value = inferred[e.source.node]?.[e.source.port];
      if (value?.type === 'table' && value.columns !== undefined) {
        for (const c of value.columns)
          if (c !== value.target && columns.get(c) !== 'sure') columns.set(c, narrowed ? 'maybe' : 'sure');
      } else if (!seen.has(e.source.node)) {
        seen.add(e.source.node);
        stack.push([e.source.node, narrowed || value?.type === 'table']);
      }
    }
  }
  return columns;
}

/**
 * Issue #14: a column marked protected on an Evaluate node (or its age column) that the evaluated model also
 * reads as an input is a warning on that node before any run, pinned to the field that marks it.
 */
export function protectedInputs(
  facts: Map<string, NodeFacts>,
  edges: readonly GraphEdge[],
  inferred: InferredPorts,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const incoming = edgesByNode(edges, 'target');
  for (const { node, params } of facts.values()) {
    if (node.op !== 'evaluate' || !params) continue;
    const marked = [
      ...(Array.isArray(params.protected) ? params.protected.map(String) : []).map((c) => [c, 'protected']),
      ...(params.ageColumn ? [[String(params.ageColumn), 'ageColumn']] : []),
    ];
    if (marked.length === 0) continue;
    const model = (incoming.get(node.id) ?? []).find((e) => e.target.port === 'model');
    if (!model) continue;
    const inputs = modelColumns(model.source.node, incoming, inferred);
    for (const [column, param] of marked) {
      const use = inputs.get(column!);
      if (use === undefined) continue;
      const is =
        use === 'sure'
          ? 'is also an input of the model'
          : 'reaches the model as a candidate input (feature selection decides at training time)';
      out.push(
        diagnostic(
          'PROTECTED_AS_INPUT',
          `the protected attribute "${column}" ${is}, so its groups may be scored differently because of it; leave it out of the model's columns (Dataset node, Leave out) unless the law and your policy allow its use`,
          { nodeId: node.id, param: param! },
        ),
      );
    }
  }
  return out;
}
