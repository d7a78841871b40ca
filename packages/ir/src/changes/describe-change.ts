import { findOp } from '../catalogue';
import { canonicalJson } from '../canonical-json';
import type { GraphEdge, GraphNode } from '../graph';
import type { GraphChange } from './graph-change';

function value(v: unknown): string {
  if (v === undefined) return '(unset)';
  if (typeof v === 'number' || typeof v === 'boolean' || v === null) return String(v);
  if (typeof v === 'string' && /^[\w.-]+$/.test(v)) return v;
  let text: string;
  try {
    text = canonicalJson(v);
  } catch {
    text = String(v);
  }
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

const wire = (e: GraphEdge) => `${e.source.node}.${e.source.port} -> ${e.target.node}.${e.target.port}`;
const nodeName = (n: GraphNode) => `node ${n.id} (${findOp(n.op)?.title ?? n.op})`;
const connections = (n: number) => (n === 1 ? '1 connection' : `${n} connections`);

/**
 * How lines name nodes by id: the node's label or its op's title with the id, e.g. `Split (split-1)`, for every
 * node of the given graphs (later graphs win, so pass the older version first).
 */
export function nodeNames(...graphs: readonly { nodes: readonly GraphNode[] }[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const g of graphs)
    for (const n of g.nodes) names.set(n.id, `${n.label || (findOp(n.op)?.title ?? n.op)} (${n.id})`);
  return names;
}

/**
 * One readable audit line per change, e.g. `node split-1: param testFraction 0.2 -> 0.3`; with `names` (from
 * `nodeNames`), nodes are named, e.g. `Split (split-1): param testFraction 0.2 -> 0.3`.
 */
export function describeChange(change: GraphChange, names?: ReadonlyMap<string, string>): string {
  const node = (id: string) => names?.get(id) ?? `node ${id}`;
  switch (change.type) {
    case 'add-node': {
      const n = change.edges?.length ?? 0;
      return `added ${nodeName(change.node)}${n > 0 ? ` with ${connections(n)}` : ''}`;
    }
    case 'remove-node':
      return `removed ${nodeName(change.node)}${change.edges.length > 0 ? ` and ${connections(change.edges.length)}` : ''}`;
    case 'move-node':
      return change.to === undefined
        ? `${node(change.id)}: position cleared`
        : `moved ${node(change.id)} to (${Math.round(change.to.x)}, ${Math.round(change.to.y)})`;
    case 'set-param':
      return `${node(change.id)}: param ${change.name} ${value(change.from)} -> ${value(change.to)}`;
    case 'set-label':
      return `${node(change.id)}: label ${value(change.from)} -> ${value(change.to)}`;
    case 'add-edge':
      return `connected ${wire(change.edge)}`;
    case 'remove-edge':
      return `disconnected ${wire(change.edge)}`;
    case 'set-meta':
      return `graph ${change.key} ${value(change.from)} -> ${value(change.to)}`;
    case 'set-groups': {
      const list = (gs: typeof change.from) =>
        (gs ?? []).map((g) => `${g.name} (${g.nodes.length})${g.collapsed ? ' collapsed' : ''}`).join(', ') ||
        'none';
      return `groups ${list(change.from)} -> ${list(change.to)}`;
    }
  }
}
