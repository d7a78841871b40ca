import type { GraphChange } from './graph-change';

/** The change that undoes `change`: applying both in turn gives back the graph (edge order aside). */
export function invertChange(change: GraphChange): GraphChange {
  switch (change.type) {
    case 'add-node':
      return { type: 'remove-node', node: change.node, edges: change.edges ?? [], ...indexOf(change) };
    case 'remove-node':
      return { type: 'add-node', node: change.node, edges: change.edges, ...indexOf(change) };
    case 'add-edge':
      return { type: 'remove-edge', edge: change.edge, ...indexOf(change) };
    case 'remove-edge':
      return { type: 'add-edge', edge: change.edge, ...indexOf(change) };
    case 'move-node':
    case 'set-label':
    case 'set-param':
    case 'set-meta':
    case 'set-groups':
      return { ...change, from: change.to, to: change.from } as GraphChange;
  }
}

function indexOf(change: { index?: number | undefined }): { index?: number } {
  return change.index === undefined ? {} : { index: change.index };
}

/** Undoes a sequence of changes: each inverted, last first. */
export function invertChanges(changes: readonly GraphChange[]): GraphChange[] {
  return changes.map(invertChange).reverse();
}
