import { findOp } from './catalogue';
import type { Diagnostic, GraphEdge, GraphGroup, GraphIR, PortRef } from './graph';
import type { PortType } from './port-types';
import { diagnostic } from './validation/diagnostic';

/** One typed port of a group's block: an inner node's port that an edge across the boundary reaches. */
export interface GroupPort {
  /** `node.port` of the inner endpoint: stable while the group's wiring stays the same. */
  key: string;
  /** Inner endpoint. */
  node: string;
  port: string;
  /** What the canvas shows, e.g. "Dense 1 · out". */
  label: string;
  /** The port's type from the op catalogue; undefined for an unknown op or port (validation reports those). */
  type: PortType | undefined;
  /** The crossing edges through this port, in graph order. */
  edges: string[];
}

/** The block interface of a group: derived from the edges crossing its boundary, never stored apart from them. */
export interface GroupInterface {
  inputs: GroupPort[];
  outputs: GroupPort[];
}

/** The groups of a graph; absent means none. */
export function groupsOf(graph: Pick<GraphIR, 'groups'>): readonly GraphGroup[] {
  return graph.groups ?? [];
}

function portOf(
  graph: Pick<GraphIR, 'nodes'>,
  ref: PortRef,
  side: 'inputs' | 'outputs',
): { label: string; type: PortType | undefined } {
  const node = graph.nodes.find((n) => n.id === ref.node);
  const spec = node === undefined ? undefined : findOp(node.op);
  const port = spec?.[side].find((p) => p.name === ref.port);
  const nodeLabel = node?.label ?? spec?.title ?? ref.node;
  return { label: `${nodeLabel} · ${port?.label ?? ref.port}`, type: port?.type };
}

/**
 * The typed ports of a group: one input per inner input port fed from outside, one output per inner output
 * port read from outside. Order follows the edges, so the block's ports sit in a stable order.
 */
export function groupInterface(graph: Pick<GraphIR, 'nodes' | 'edges'>, group: GraphGroup): GroupInterface {
  const inside = new Set(group.nodes);
  const inputs = new Map<string, GroupPort>();
  const outputs = new Map<string, GroupPort>();
  const add = (into: Map<string, GroupPort>, ref: PortRef, edge: GraphEdge, side: 'inputs' | 'outputs') => {
    const key = `${ref.node}.${ref.port}`;
    const known = into.get(key);
    if (known) known.edges.push(edge.id);
    else
      into.set(key, { key, node: ref.node, port: ref.port, ...portOf(graph, ref, side), edges: [edge.id] });
  };
  for (const edge of graph.edges) {
    const from = inside.has(edge.source.node);
    const to = inside.has(edge.target.node);
    if (!from && to) add(inputs, edge.target, edge, 'inputs');
    if (from && !to) add(outputs, edge.source, edge, 'outputs');
  }
  return { inputs: [...inputs.values()], outputs: [...outputs.values()] };
}

/** True when some path leaves `group` and comes back into it (collapsed, the block would feed itself). */
function reentrantEdge(graph: Pick<GraphIR, 'edges'>, group: GraphGroup): GraphEdge | undefined {
  const inside = new Set(group.nodes);
  const out = new Map<string, GraphEdge[]>();
  for (const e of graph.edges) out.set(e.source.node, [...(out.get(e.source.node) ?? []), e]);
  const seen = new Set<string>();
  const stack = graph.edges
    .filter((e) => inside.has(e.source.node) && !inside.has(e.target.node))
    .map((e) => e.target.node);
  let steps = 0;
  while (stack.length > 0 && steps++ < 100_000) {
    const id = stack.pop() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const e of out.get(id) ?? []) {
      if (inside.has(e.target.node)) return e;
      stack.push(e.target.node);
    }
  }
  return undefined;
}

/**
 * Checks the groups of a graph: ids unique, every listed node exists and sits in one group only, no empty
 * group, and each block's interface is clean (no path out of the block and back in). Each finding is pinned
 * to a node of the group where there is one, so the canvas shows it in place.
 */
export function checkGroups(graph: Pick<GraphIR, 'nodes' | 'edges' | 'groups'>): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const nodeIds = new Set(graph.nodes.map((n) => n.id));
  const groupIds = new Set<string>();
  const owner = new Map<string, string>();
  for (const group of groupsOf(graph)) {
    const where = `group ${group.id} ("${group.name}")`;
    if (groupIds.has(group.id)) {
      diagnostics.push(
        diagnostic('DUPLICATE_GROUP_ID', `${where}: another group has this id; ungroup one of them`),
      );
    }
    groupIds.add(group.id);
    if (group.nodes.length === 0) {
      diagnostics.push(diagnostic('GROUP_EMPTY', `${where} has no nodes; ungroup it or add nodes to it`));
      continue;
    }
    for (const id of group.nodes) {
      if (!nodeIds.has(id)) {
        const message = `${where} lists node ${id}, which is not in the graph; ungroup and group again`;
        diagnostics.push(diagnostic('GROUP_UNKNOWN_NODE', message));
        continue;
      }
      const other = owner.get(id);
      if (other !== undefined) {
        const message =
          other === group.id
            ? `${where} lists node ${id} twice; ungroup and group again`
            : `node ${id} is in ${where} and in group ${other}; a node belongs to one group, ungroup one`;
        diagnostics.push(diagnostic('GROUP_OVERLAP', message, { nodeId: id }));
      }
      owner.set(id, group.id);
    }
    const back = reentrantEdge(graph, group);
    if (back !== undefined) {
      const message = `${where}: a path leaves the block and comes back in through edge ${back.id} (${back.source.node} -> ${back.target.node}); add the nodes on that path to the group or split it`;
      diagnostics.push(diagnostic('GROUP_INTERFACE', message, { nodeId: back.target.node, edgeId: back.id }));
    }
  }
  return diagnostics;
}

/** The graph without its groups: what lowering and training see (groups never change what a graph computes). */
export function flattenGroups<G extends Pick<GraphIR, 'groups'>>(graph: G): Omit<G, 'groups'> {
  const { groups: _groups, ...flat } = graph;
  return flat;
}
