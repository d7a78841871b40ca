import { canonicalJson, sameJson } from '../canonical-json';
import { codeOf } from '../diagnostic-codes';
import { UserError } from '../errors';
import type { GraphEdge, GraphIR, GraphNode } from '../graph';
import type { ChangeOf, GraphChange } from './graph-change';

function conflict(change: GraphChange, why: string): UserError {
  return new UserError(
    codeOf('CHANGE_CONFLICT'),
    `cannot apply ${change.type}: ${why}; reload the graph and try again`,
    {
      change: change.type,
    },
  );
}

function insertAt<T>(list: readonly T[], item: T, index: number | undefined): T[] {
  const at = index === undefined ? list.length : Math.min(index, list.length);
  return [...list.slice(0, at), item, ...list.slice(at)];
}

function nodeAt(graph: GraphIR, change: GraphChange, id: string): number {
  const i = graph.nodes.findIndex((n) => n.id === id);
  if (i < 0) throw conflict(change, `node ${id} does not exist`);
  return i;
}

function replaceNode(graph: GraphIR, i: number, node: GraphNode): GraphIR {
  const nodes = [...graph.nodes];
  nodes[i] = node;
  return { ...graph, nodes };
}

// Optional fields are deleted rather than set to undefined, so the document stays what JSON would carry.
function withOptional<T extends object, K extends keyof T>(obj: T, key: K, value: T[K] | undefined): T {
  const copy = { ...obj };
  if (value === undefined) delete copy[key];
  else copy[key] = value;
  return copy;
}

function addEdges(graph: GraphIR, change: GraphChange, edges: readonly GraphEdge[], index?: number): GraphIR {
  const ids = new Set(graph.nodes.map((n) => n.id));
  const edgeIds = new Set(graph.edges.map((e) => e.id));
  let list = graph.edges;
  for (const edge of edges) {
    if (edgeIds.has(edge.id)) throw conflict(change, `edge ${edge.id} already exists`);
    for (const end of [edge.source.node, edge.target.node]) {
      if (!ids.has(end)) throw conflict(change, `edge ${edge.id} needs node ${end}, which does not exist`);
    }
    edgeIds.add(edge.id);
    list = insertAt(list, edge, index);
  }
  return { ...graph, edges: list };
}

function removeNode(graph: GraphIR, change: ChangeOf<'remove-node'>): GraphIR {
  const i = nodeAt(graph, change, change.node.id);
  if (!sameJson(graph.nodes[i], change.node))
    throw conflict(change, `node ${change.node.id} has changed since`);
  const touching = graph.edges.filter(
    (e) => e.source.node === change.node.id || e.target.node === change.node.id,
  );
  const listed = change.edges.map((e) => canonicalJson(e)).sort();
  if (!sameJson(touching.map((e) => canonicalJson(e)).sort(), listed)) {
    throw conflict(change, `the connections of node ${change.node.id} have changed since`);
  }
  return {
    ...graph,
    nodes: graph.nodes.filter((_, j) => j !== i),
    edges: graph.edges.filter((e) => !touching.includes(e)),
  };
}

/**
 * Applies one change and returns a new graph; the input is never mutated. Throws a UserError when the change
 * does not fit (its `from` differs from the graph, its node is missing), so a stale undo cannot corrupt a document.
 */
export function applyChange(graph: GraphIR, change: GraphChange): GraphIR {
  switch (change.type) {
    case 'add-node': {
      if (graph.nodes.some((n) => n.id === change.node.id))
        throw conflict(change, `node ${change.node.id} already exists`);
      const added = { ...graph, nodes: insertAt(graph.nodes, change.node, change.index) };
      return change.edges === undefined ? added : addEdges(added, change, change.edges);
    }
    case 'remove-node':
      return removeNode(graph, change);
    case 'move-node': {
      const i = nodeAt(graph, change, change.id);
      const node = graph.nodes[i] as GraphNode;
      if (!sameJson(node.position, change.from))
        throw conflict(change, `node ${change.id} is no longer where it was`);
      return replaceNode(graph, i, withOptional(node, 'position', change.to));
    }
    case 'set-label': {
      const i = nodeAt(graph, change, change.id);
      const node = graph.nodes[i] as GraphNode;
      if (!sameJson(node.label, change.from))
        throw conflict(change, `the label of node ${change.id} has changed since`);
      return replaceNode(graph, i, withOptional(node, 'label', change.to));
    }
    case 'set-param': {
      const i = nodeAt(graph, change, change.id);
      const node = graph.nodes[i] as GraphNode;
      const current = Object.hasOwn(node.params, change.name) ? node.params[change.name] : undefined;
      if (!sameJson(current, change.from))
        throw conflict(change, `param ${change.name} of node ${change.id} has changed since`);
      return replaceNode(graph, i, { ...node, params: withOptional(node.params, change.name, change.to) });
    }
    case 'add-edge':
      return addEdges(graph, change, [change.edge], change.index);
    case 'remove-edge': {
      const i = graph.edges.findIndex((e) => e.id === change.edge.id);
      if (i < 0) throw conflict(change, `edge ${change.edge.id} does not exist`);
      if (!sameJson(graph.edges[i], change.edge))
        throw conflict(change, `edge ${change.edge.id} has changed since`);
      return { ...graph, edges: graph.edges.filter((_, j) => j !== i) };
    }
    case 'set-groups': {
      if (!sameJson(graph.groups ?? [], change.from ?? []))
        throw conflict(change, 'the groups have changed since');
      return withOptional(graph, 'groups', change.to);
    }
    case 'set-meta': {
      if (!sameJson(graph.meta[change.key], change.from))
        throw conflict(change, `the graph ${change.key} has changed since`);
      return { ...graph, meta: withOptional(graph.meta, change.key, change.to) };
    }
  }
}

/** Applies changes in order; all or nothing, since the input graph is never mutated. */
export function applyChanges(graph: GraphIR, changes: readonly GraphChange[]): GraphIR {
  return changes.reduce(applyChange, graph);
}
