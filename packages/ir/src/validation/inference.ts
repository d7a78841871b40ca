import type { Diagnostic, GraphEdge } from '../graph';
import { edgesByNode, topologicalOrder } from '../graph-index';
import type { InferContext, InferInputs } from '../op-spec';
import type { PortValueType } from '../port-values';
import { diagnostic, type NodeFacts } from './diagnostic';

/** Inferred values by node id and output port name. */
export type InferredPorts = Record<string, Record<string, PortValueType>>;

interface InferenceInput {
  nodeIds: string[];
  /** Acyclic structural edges; nodes on or behind a cycle are never reached. */
  edges: GraphEdge[];
  typed: Set<GraphEdge>;
  facts: Map<string, NodeFacts>;
  /** Nodes whose required inputs are all connected. */
  complete: Set<string>;
  badInputs: Set<string>;
  context: InferContext;
}

/** Runs each op's inference in topological order, where its inputs are trustworthy. */
export function inferPorts(input: InferenceInput): { inferred: InferredPorts; diagnostics: Diagnostic[] } {
  const incoming = edgesByNode(input.edges, 'target');
  const inferred: InferredPorts = {};
  const diagnostics: Diagnostic[] = [];
  for (const id of topologicalOrder(input.nodeIds, input.edges)) {
    const { spec, params } = input.facts.get(id) as NodeFacts;
    // Skipped nodes are not reported again: the cause upstream already has its diagnostic.
    if (spec === undefined || params === undefined || !input.complete.has(id) || input.badInputs.has(id))
      continue;
    const values: InferInputs = {};
    let known = true;
    for (const e of incoming.get(id) ?? []) {
      const value = input.typed.has(e) ? inferred[e.source.node]?.[e.source.port] : undefined;
      if (value === undefined) known = false;
      else (values[e.target.port] ??= []).push(value);
    }
    if (!known) continue;
    const result = spec.infer(values, params, input.context);
    if (result.ok) inferred[id] = result.outputs;
    else {
      const port = result.port === undefined ? {} : { port: result.port };
      const param = result.param === undefined ? {} : { param: result.param };
      diagnostics.push(
        diagnostic('INFERENCE_FAILED', `node ${id}: ${result.message}`, { nodeId: id, ...port, ...param }),
      );
    }
  }
  return { inferred, diagnostics };
}
