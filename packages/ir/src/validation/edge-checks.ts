import type { DiagnosticName } from '../diagnostic-codes';
import type { Diagnostic, GraphEdge } from '../graph';
import type { PortSpec } from '../op-spec';
import { assignabilityReason } from '../port-types';
import { diagnostic, inputKey, wireName, type NodeFacts } from './diagnostic';

/** What edge checks leave for the later passes. */
export interface EdgeFacts {
  /** Edges with known endpoints and ports, each connection once: they count for cycles and required inputs. */
  structural: GraphEdge[];
  /** Structural edges that also pass every wiring rule: only these carry values into inference. */
  typed: Set<GraphEdge>;
  /** Nodes with at least one broken incoming wire; inference skips them rather than guess. */
  badInputs: Set<string>;
  diagnostics: Diagnostic[];
}

function wiringProblem(
  edge: GraphEdge,
  out: PortSpec,
  inp: PortSpec,
  duplicate: boolean,
  taken: boolean,
): { name: DiagnosticName; message: string } | null {
  if (edge.source.node === edge.target.node) {
    return {
      name: 'SELF_LOOP',
      message: `edge ${edge.id} wires node ${edge.source.node} to itself; remove it`,
    };
  }
  const reason = assignabilityReason(out.type, inp.type);
  if (reason !== null)
    return { name: 'ILLEGAL_CONNECTION', message: `edge ${edge.id} (${wireName(edge)}): ${reason}` };
  if (duplicate) {
    return {
      name: 'DUPLICATE_CONNECTION',
      message: `edge ${edge.id} repeats the connection ${wireName(edge)}; remove it`,
    };
  }
  if (taken && !inp.multiple) {
    const input = `${edge.target.node}.${edge.target.port}`;
    return {
      name: 'INPUT_TAKEN',
      message: `edge ${edge.id}: input ${input} takes one connection and already has one; remove one`,
    };
  }
  return null;
}

/** Checks edge ids, endpoints, ports, types, repeated connections and single inputs, in document order. */
export function checkEdges(edges: readonly GraphEdge[], facts: Map<string, NodeFacts>): EdgeFacts {
  const result: EdgeFacts = { structural: [], typed: new Set(), badInputs: new Set(), diagnostics: [] };
  const edgeIds = new Set<string>();
  const connections = new Set<string>();
  const taken = new Set<string>();
  for (const edge of edges) {
    const pin = { edgeId: edge.id, nodeId: edge.target.node, port: edge.target.port };
    if (edgeIds.has(edge.id)) {
      result.diagnostics.push(
        diagnostic('DUPLICATE_EDGE_ID', `edge id "${edge.id}" is used twice; rename one`, pin),
      );
      continue;
    }
    edgeIds.add(edge.id);
    const source = facts.get(edge.source.node);
    const target = facts.get(edge.target.node);
    if (source === undefined || target === undefined) {
      const missing = source === undefined ? edge.source.node : edge.target.node;
      result.diagnostics.push(
        diagnostic(
          'DANGLING_EDGE_NODE',
          `edge ${edge.id} (${wireName(edge)}) refers to missing node ${missing}; remove it`,
          {
            edgeId: edge.id,
            ...(target === undefined ? {} : { nodeId: edge.target.node }),
          },
        ),
      );
      continue;
    }
    const out = source.spec?.outputs.find((p) => p.name === edge.source.port);
    const inp = target.spec?.inputs.find((p) => p.name === edge.target.port);
    // A wire touching an unknown op, or from a misnamed output into a real input, is still a wire: it counts
    // for cycles and required inputs, but inference stays away from it. Each cause has its own finding.
    const unverifiable = source.spec === undefined || target.spec === undefined;
    if (unverifiable || (out === undefined && inp !== undefined)) {
      result.structural.push(edge);
      result.badInputs.add(edge.target.node);
    }
    if (source.spec === undefined || target.spec === undefined) continue;
    if (out === undefined || inp === undefined) {
      const [node, kind, ports, port] =
        out === undefined
          ? [edge.source.node, 'output', source.spec.outputs, edge.source.port]
          : [edge.target.node, 'input', target.spec.inputs, edge.target.port];
      const names = ports.map((p) => p.name).join(', ') || 'none';
      result.diagnostics.push(
        diagnostic(
          'DANGLING_EDGE_PORT',
          `edge ${edge.id}: ${node} has no ${kind} "${port}" (${kind}s: ${names}); reconnect it`,
          {
            edgeId: edge.id,
            nodeId: node,
          },
        ),
      );
      continue;
    }
    const input = inputKey(edge.target.node, edge.target.port);
    const connection = `${inputKey(edge.source.node, edge.source.port)}\u0000${input}`;
    const problem = wiringProblem(edge, out, inp, connections.has(connection), taken.has(input));
    if (!connections.has(connection)) result.structural.push(edge);
    connections.add(connection);
    taken.add(input);
    if (problem === null) result.typed.add(edge);
    else {
      result.badInputs.add(edge.target.node);
      result.diagnostics.push(diagnostic(problem.name, problem.message, pin));
    }
  }
  return result;
}
