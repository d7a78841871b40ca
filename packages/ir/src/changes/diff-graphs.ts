import { sameJson } from '../canonical-json';
import { codeOf } from '../diagnostic-codes';
import { UserError } from '../errors';
import type { GraphEdge, GraphIR, GraphNode } from '../graph';
import type { GraphChange } from './graph-change';

function byId<T extends { id: string }>(
  list: readonly T[],
  what: 'node' | 'edge',
): Map<string, { item: T; index: number }> {
  const map = new Map<string, { item: T; index: number }>();
  list.forEach((item, index) => {
    if (map.has(item.id)) {
      throw new UserError(
        codeOf(what === 'node' ? 'DUPLICATE_NODE_ID' : 'DUPLICATE_EDGE_ID'),
        `${what} id "${item.id}" is used twice; give every ${what} its own id before comparing graphs`,
      );
    }
    map.set(item.id, { item, index });
  });
  return map;
}

const touches = (e: GraphEdge, id: string) => e.source.node === id || e.target.node === id;

/**
 * The changes that turn `prev` into `next`: removals (last first), then edits of kept nodes and meta, then
 * additions (first first), so that `applyChanges(prev, diffGraphs(prev, next))` rebuilds `next`, in `next`'s
 * array order whenever kept nodes and edges keep their relative order. A node whose op changed is replaced.
 */
export function diffGraphs(prev: GraphIR, next: GraphIR): GraphChange[] {
  const prevNodes = byId(prev.nodes, 'node');
  const nextNodes = byId(next.nodes, 'node');
  const prevEdges = byId(prev.edges, 'edge');
  const nextEdges = byId(next.edges, 'edge');

  const gone = new Set<string>();
  for (const [id, { item }] of prevNodes) {
    const after = nextNodes.get(id);
    if (after === undefined || after.item.op !== item.op) gone.add(id);
  }
  const kept = (e: GraphEdge) => {
    const after = nextEdges.get(e.id)?.item;
    return after !== undefined && sameJson(after, e) && !gone.has(e.source.node) && !gone.has(e.target.node);
  };

  const changes: GraphChange[] = [];
  const byIndexDesc = <T>(a: { index: number; item: T }, b: { index: number; item: T }) => b.index - a.index;

  for (const { item, index } of [...prevEdges.values()].sort(byIndexDesc)) {
    if (!kept(item) && !gone.has(item.source.node) && !gone.has(item.target.node)) {
      changes.push({ type: 'remove-edge', edge: item, index });
    }
  }
  const removed = new Set(changes.map((c) => (c.type === 'remove-edge' ? c.edge : undefined)));
  let remaining = prev.edges.filter((e) => !removed.has(e));
  for (const { item, index } of [...prevNodes.values()].sort(byIndexDesc)) {
    if (!gone.has(item.id)) continue;
    const edges = remaining.filter((e) => touches(e, item.id));
    remaining = remaining.filter((e) => !touches(e, item.id));
    changes.push({ type: 'remove-node', node: item, edges, index });
  }

  for (const { item: before } of prevNodes.values()) {
    if (gone.has(before.id)) continue;
    changes.push(...nodeEdits(before, (nextNodes.get(before.id) as { item: GraphNode }).item));
  }
  for (const key of ['name', 'target', 'seed'] as const) {
    if (!sameJson(prev.meta[key], next.meta[key])) {
      changes.push({ type: 'set-meta', key, from: prev.meta[key], to: next.meta[key] } as GraphChange);
    }
  }
  if (!sameJson(prev.groups ?? [], next.groups ?? [])) {
    changes.push({ type: 'set-groups', from: prev.groups, to: next.groups } as GraphChange);
  }

  next.nodes.forEach((node, index) => {
    if (!prevNodes.has(node.id) || gone.has(node.id)) changes.push({ type: 'add-node', node, index });
  });
  next.edges.forEach((edge, index) => {
    const before = prevEdges.get(edge.id)?.item;
    if (before === undefined || !kept(before)) changes.push({ type: 'add-edge', edge, index });
  });
  return changes;
}

function nodeEdits(before: GraphNode, after: GraphNode): GraphChange[] {
  const out: GraphChange[] = [];
  const id = before.id;
  if (!sameJson(before.position, after.position))
    out.push({ type: 'move-node', id, from: before.position, to: after.position });
  if (!sameJson(before.label, after.label))
    out.push({ type: 'set-label', id, from: before.label, to: after.label });
  const names = [...new Set([...Object.keys(before.params), ...Object.keys(after.params)])].sort();
  for (const name of names) {
    const from = Object.hasOwn(before.params, name) ? before.params[name] : undefined;
    const to = Object.hasOwn(after.params, name) ? after.params[name] : undefined;
    if (!sameJson(from, to)) out.push({ type: 'set-param', id, name, from, to });
  }
  return out;
}
