import { graphSchema, type Diagnostic, type GraphIR } from './graph';
import { findCycles } from './graph-index';
import { checkGroups } from './groups';
import type { InferContext } from './op-spec';
import { diagnostic, inputKey } from './validation/diagnostic';
import { checkEdges } from './validation/edge-checks';
import { inferPorts, type InferredPorts } from './validation/inference';
import { checkNodes } from './validation/node-checks';
import { dataWarnings } from './validation/data-warnings';
import { schemaDiagnostics } from './validation/schema-diagnostics';
import { unusedOutputs } from './validation/unused-outputs';
import { protectedInputs } from './validation/protected-inputs';

/** Outcome of validation; `graph` is present whenever the document parsed, even with errors in it. */
export interface ValidationResult {
  ok: boolean;
  graph?: GraphIR;
  diagnostics: Diagnostic[];
  /** Inferred value per node and output port, for nodes inference could reach (e.g. tensor shapes on edges). */
  inferred: InferredPorts;
}

/** Optional facts for validation beyond the document itself. */
export interface ValidateOptions {
  /** Facts from outside the graph, e.g. dataset columns, that sharpen inference. */
  context?: InferContext;
}

/**
 * Checks a GraphIR document from the wire: schema, then ops and params, wiring, cycles, required inputs and
 * type inference, each finding a coded diagnostic pinned to its node. Never throws.
 */
export function validateGraph(input: unknown, options: ValidateOptions = {}): ValidationResult {
  const parsed = graphSchema.safeParse(input);
  if (!parsed.success)
    return { ok: false, diagnostics: schemaDiagnostics(input, parsed.error), inferred: {} };
  const graph = parsed.data;

  const nodes = checkNodes(graph.nodes);
  const edges = checkEdges(graph.edges, nodes.facts);
  const diagnostics = [...nodes.diagnostics, ...edges.diagnostics];

  const nodeIds = [...nodes.facts.keys()];
  const acyclic = edges.structural.filter((e) => e.source.node !== e.target.node);
  for (const { edge, path } of findCycles(nodeIds, acyclic)) {
    const message = `edge ${edge.id} closes the cycle ${path.join(' -> ')}; remove one of these connections`;
    diagnostics.push(diagnostic('CYCLE', message, { edgeId: edge.id, nodeId: edge.target.node }));
  }

  const connected = new Set(edges.structural.map((e) => inputKey(e.target.node, e.target.port)));
  const complete = new Set<string>();
  for (const { node, spec } of nodes.facts.values()) {
    const missing = spec?.inputs.filter((p) => p.required && !connected.has(inputKey(node.id, p.name))) ?? [];
    for (const port of missing) {
      const message = `node ${node.id}: connect its ${port.label} input (${port.name}, a ${port.type})`;
      diagnostics.push(diagnostic('MISSING_INPUT', message, { nodeId: node.id, port: port.name }));
    }
    if (spec !== undefined && missing.length === 0) complete.add(node.id);
  }

  const { inferred, diagnostics: inference } = inferPorts({
    nodeIds,
    edges: acyclic,
    typed: edges.typed,
    facts: nodes.facts,
    complete,
    badInputs: edges.badInputs,
    context: options.context ?? {},
  });
  diagnostics.push(
    ...inference,
    ...unusedOutputs(nodes.facts, edges.structural),
    ...dataWarnings(nodes.facts.values(), options.context ?? {}),
    ...protectedInputs(nodes.facts, acyclic, inferred),
    ...checkGroups(graph),
  );
  return { ok: diagnostics.every((d) => d.severity !== 'error'), graph, diagnostics, inferred };
}
