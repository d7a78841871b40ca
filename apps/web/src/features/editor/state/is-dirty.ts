import type { DocumentState } from './document-store';

// Element by element, identity first: the IR's changes keep untouched nodes and edges as the same objects, so
// during a drag only the moved node is serialised, not the whole graph twice per frame.
function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  return a.every((x, i) => x === b[i] || JSON.stringify(x) === JSON.stringify(b[i]));
}

/** True when the document differs from what was last loaded or saved (undoing back to it counts as clean). */
export function isDirty(s: Pick<DocumentState, 'graph' | 'savedGraph'>): boolean {
  const { graph: a, savedGraph: b } = s;
  if (a === b) return false;
  return (
    a.irVersion !== b.irVersion ||
    JSON.stringify(a.meta) !== JSON.stringify(b.meta) ||
    !sameItems(a.nodes, b.nodes) ||
    !sameItems(a.edges, b.edges) ||
    (a.groups !== b.groups && JSON.stringify(a.groups ?? []) !== JSON.stringify(b.groups ?? []))
  );
}
