import { canonicalJson } from './canonical-json';
import { findOp } from './catalogue';
import type { GraphIR } from './graph';
import { sha256HexOfText } from './sha256';

const byKey =
  <T>(key: (x: T) => string) =>
  (a: T, b: T) => {
    const ka = key(a);
    const kb = key(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };

/**
 * SHA-256 of the whole saved document, positions and labels included. Node and edge order does not count:
 * reordering the arrays is not an edit, and diffs applied in another order must land on the same hash.
 */
export function contentHash(graph: GraphIR): string {
  const nodes = [...graph.nodes].sort(byKey((n) => `${n.id}\u0000${canonicalJson(n)}`));
  const edges = [...graph.edges].sort(byKey((e) => `${e.id}\u0000${canonicalJson(e)}`));
  return sha256HexOfText(canonicalJson({ ...graph, nodes, edges }));
}

/**
 * SHA-256 of what decides a training result: ops, params with defaults filled in, and wiring. Positions,
 * labels, edge ids and the graph name are left out, so moving a node or renaming the graph keeps cached runs.
 */
export function semanticHash(graph: GraphIR): string {
  const nodes = graph.nodes
    .map((n) => {
      const parsed = findOp(n.op)?.params.safeParse(n.params);
      return { id: n.id, op: n.op, params: parsed?.success ? parsed.data : n.params };
    })
    .sort(byKey((n) => `${n.id}\u0000${canonicalJson(n)}`));
  const edges = graph.edges
    .map((e) => ({ source: e.source, target: e.target }))
    .map((e) => canonicalJson(e))
    .sort();
  const { target, seed } = graph.meta;
  return sha256HexOfText(canonicalJson({ irVersion: graph.irVersion, nodes, edges, meta: { target, seed } }));
}
