import { findOp } from './catalogue';
import { codeOf, type DiagnosticName } from './diagnostic-codes';
import { graphSchema, type Diagnostic, type GraphEdge, type GraphIR, type GraphNode } from './graph';
import { findCycles, topologicalOrder } from './graph-index';
import { isSinkOp, type InferContext, type InferInputs, type OpSpec, type PortSpec } from './op-spec';
import { checkParams } from './params';
import { assignabilityReason } from './port-types';
import type { PortValueType } from './port-values';
import { schemaDiagnostics } from './schema-diagnostics';

/** Outcome of validation; `graph` is present whenever the document parsed, even with errors in it. */
export interface ValidationResult {
  ok: boolean;
  graph?: GraphIR;
  diagnostics: Diagnostic[];
  /** Inferred value per node and output port, for nodes inference could reach (e.g. tensor shapes on edges). */
  inferred: Record<string, Record<string, PortValueType>>;
}

export interface ValidateOptions {
  context?: InferContext;
}

function diag(
  name: DiagnosticName,
  message: string,
  pin: Omit<Diagnostic, 'code' | 'severity' | 'message'> = {},
) {
  const severity: Diagnostic['severity'] = name === 'UNUSED_OUTPUT' ? 'warning' : 'error';
  return { code: codeOf(name), severity, message, ...pin };
}

const endpoint = (e: GraphEdge) => `${e.source.node}.${e.source.port} -> ${e.target.node}.${e.target.port}`;

interface NodeFacts {
  node: GraphNode;
  spec: OpSpec | undefined;
  params: Record<string, unknown> | undefined;
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
  const diagnostics: Diagnostic[] = [];

  const facts = new Map<string, NodeFacts>();
  for (const node of graph.nodes) {
    if (facts.has(node.id)) {
      diagnostics.push(
        diag('DUPLICATE_NODE_ID', `node id "${node.id}" is used twice; rename one`, { nodeId: node.id }),
      );
      continue;
    }
    const spec = findOp(node.op);
    let params: Record<string, unknown> | undefined;
    if (spec === undefined) {
      diagnostics.push(
        diag(
          'UNKNOWN_OP',
          `node ${node.id}: unknown op "${node.op}"; replace it with a node from the palette`,
          {
            nodeId: node.id,
          },
        ),
      );
    } else {
      const checked = checkParams(
        spec.params,
        node.params,
        spec.fields.map((f) => f.name),
      );
      if (checked.ok) params = checked.value;
      else {
        for (const p of checked.problems) {
          diagnostics.push(
            diag('INVALID_PARAM', `node ${node.id}: ${p.message}`, {
              nodeId: node.id,
              ...(p.name === undefined ? {} : { param: p.name }),
            }),
          );
        }
      }
    }
    facts.set(node.id, { node, spec, params });
  }

  // Structural edges have known endpoints and ports; typed edges also pass every wiring rule.
  const structural: GraphEdge[] = [];
  const typed = new Set<GraphEdge>();
  const badInputs = new Set<string>();
  const edgeIds = new Set<string>();
  const connections = new Set<string>();
  const takenInputs = new Set<string>();
  for (const edge of graph.edges) {
    const pin = { edgeId: edge.id, nodeId: edge.target.node, port: edge.target.port };
    if (edgeIds.has(edge.id)) {
      diagnostics.push(diag('DUPLICATE_EDGE_ID', `edge id "${edge.id}" is used twice; rename one`, pin));
      continue;
    }
    edgeIds.add(edge.id);
    const source = facts.get(edge.source.node);
    const target = facts.get(edge.target.node);
    const missing =
      source === undefined ? edge.source.node : target === undefined ? edge.target.node : undefined;
    if (missing !== undefined || source === undefined || target === undefined) {
      diagnostics.push(
        diag(
          'DANGLING_EDGE_NODE',
          `edge ${edge.id} (${endpoint(edge)}) refers to missing node ${missing}; remove it`,
          {
            edgeId: edge.id,
            ...(target === undefined ? {} : { nodeId: edge.target.node }),
          },
        ),
      );
      continue;
    }
    if (source.spec === undefined || target.spec === undefined) continue;
    const out = source.spec.outputs.find((p) => p.name === edge.source.port);
    const inp = target.spec.inputs.find((p) => p.name === edge.target.port);
    if (out === undefined || inp === undefined) {
      const [node, kind, ports, port] =
        out === undefined
          ? [edge.source.node, 'output', source.spec.outputs, edge.source.port]
          : [edge.target.node, 'input', target.spec.inputs, edge.target.port];
      diagnostics.push(
        diag(
          'DANGLING_EDGE_PORT',
          `edge ${edge.id}: ${node} has no ${kind} "${port}" (${kind}s: ${ports.map((p) => p.name).join(', ') || 'none'}); reconnect it`,
          { edgeId: edge.id, nodeId: node },
        ),
      );
      continue;
    }
    const inputKey = `${edge.target.node}\u0000${edge.target.port}`;
    const connectionKey = `${edge.source.node}\u0000${edge.source.port}\u0000${inputKey}`;
    const rule = wiringProblem(edge, out, inp, connections.has(connectionKey), takenInputs.has(inputKey));
    if (!connections.has(connectionKey)) structural.push(edge);
    connections.add(connectionKey);
    takenInputs.add(inputKey);
    if (rule === null) typed.add(edge);
    else {
      badInputs.add(edge.target.node);
      diagnostics.push(diag(rule.name, rule.message, pin));
    }
  }

  const nodeIds = [...facts.keys()];
  const acyclic = structural.filter((e) => e.source.node !== e.target.node);
  for (const { edge, path } of findCycles(nodeIds, acyclic)) {
    diagnostics.push(
      diag(
        'CYCLE',
        `edge ${edge.id} closes the cycle ${path.join(' -> ')}; remove one of these connections`,
        {
          edgeId: edge.id,
          nodeId: edge.target.node,
        },
      ),
    );
  }

  const connected = new Set(structural.map((e) => `${e.target.node}\u0000${e.target.port}`));
  const complete = new Set<string>();
  for (const { node, spec } of facts.values()) {
    if (spec === undefined) continue;
    let ok = true;
    for (const port of spec.inputs) {
      if (port.required && !connected.has(`${node.id}\u0000${port.name}`)) {
        ok = false;
        diagnostics.push(
          diag(
            'MISSING_INPUT',
            `node ${node.id}: connect its ${port.label} input (${port.name}, a ${port.type})`,
            {
              nodeId: node.id,
              port: port.name,
            },
          ),
        );
      }
    }
    if (ok) complete.add(node.id);
  }

  const inferred = runInference(
    nodeIds,
    acyclic,
    typed,
    facts,
    complete,
    badInputs,
    options.context ?? {},
    diagnostics,
  );
  diagnostics.push(...unusedOutputs(facts, structural));
  return { ok: diagnostics.every((d) => d.severity !== 'error'), graph, diagnostics, inferred };
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
    return { name: 'ILLEGAL_CONNECTION', message: `edge ${edge.id} (${endpoint(edge)}): ${reason}` };
  if (duplicate) {
    return {
      name: 'DUPLICATE_CONNECTION',
      message: `edge ${edge.id} repeats the connection ${endpoint(edge)}; remove it`,
    };
  }
  if (taken && !inp.multiple) {
    return {
      name: 'INPUT_TAKEN',
      message: `edge ${edge.id}: input ${edge.target.node}.${edge.target.port} takes one connection and already has one; remove one`,
    };
  }
  return null;
}

function runInference(
  nodeIds: string[],
  edges: GraphEdge[],
  typed: Set<GraphEdge>,
  facts: Map<string, NodeFacts>,
  complete: Set<string>,
  badInputs: Set<string>,
  context: InferContext,
  diagnostics: Diagnostic[],
): Record<string, Record<string, PortValueType>> {
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of edges) incoming.set(e.target.node, [...(incoming.get(e.target.node) ?? []), e]);
  const values: Record<string, Record<string, PortValueType>> = {};
  for (const id of topologicalOrder(nodeIds, edges)) {
    const { spec, params } = facts.get(id) as NodeFacts;
    // Inference runs only where its inputs are trustworthy; the cause upstream already has its diagnostic.
    if (spec === undefined || params === undefined || !complete.has(id) || badInputs.has(id)) continue;
    const inputs: InferInputs = {};
    let known = true;
    for (const e of incoming.get(id) ?? []) {
      const value = typed.has(e) ? values[e.source.node]?.[e.source.port] : undefined;
      if (value === undefined) known = false;
      else (inputs[e.target.port] ??= []).push(value);
    }
    if (!known) continue;
    const result = spec.infer(inputs, params, context);
    if (result.ok) values[id] = result.outputs;
    else {
      diagnostics.push(
        diag('INFERENCE_FAILED', `node ${id}: ${result.message}`, {
          nodeId: id,
          ...(result.port === undefined ? {} : { port: result.port }),
        }),
      );
    }
  }
  return values;
}

function unusedOutputs(facts: Map<string, NodeFacts>, edges: GraphEdge[]): Diagnostic[] {
  const usefulNodes = new Set<string>();
  const stack: string[] = [];
  for (const { node, spec } of facts.values()) {
    if (spec !== undefined && isSinkOp(spec)) {
      usefulNodes.add(node.id);
      stack.push(node.id);
    }
  }
  const incoming = new Map<string, GraphEdge[]>();
  for (const e of edges) incoming.set(e.target.node, [...(incoming.get(e.target.node) ?? []), e]);
  while (stack.length > 0) {
    for (const e of incoming.get(stack.pop() as string) ?? []) {
      if (!usefulNodes.has(e.source.node)) {
        usefulNodes.add(e.source.node);
        stack.push(e.source.node);
      }
    }
  }
  const usefulPorts = new Set(
    edges.filter((e) => usefulNodes.has(e.target.node)).map((e) => `${e.source.node}\u0000${e.source.port}`),
  );
  const out: Diagnostic[] = [];
  for (const { node, spec } of facts.values()) {
    if (spec === undefined || isSinkOp(spec)) continue;
    for (const port of spec.outputs) {
      if (usefulPorts.has(`${node.id}\u0000${port.name}`)) continue;
      out.push(
        diag(
          'UNUSED_OUTPUT',
          `node ${node.id}: output ${port.name} reaches no Evaluate, Scorecard or Deploy node; connect it onwards or remove it`,
          { nodeId: node.id, port: port.name },
        ),
      );
    }
  }
  return out;
}
