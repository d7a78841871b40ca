import { sameJson } from '../canonical-json';
import type { GraphChange } from './graph-change';

// The one value a change overwrites; two changes with the same slot can fold into one.
function slotOf(change: GraphChange): string | undefined {
  switch (change.type) {
    case 'move-node':
      return `position\u0000${change.id}`;
    case 'set-label':
      return `label\u0000${change.id}`;
    case 'set-param':
      return `param\u0000${change.id}\u0000${change.name}`;
    case 'set-meta':
      return `meta\u0000${change.key}`;
    case 'set-groups':
      return 'groups';
    default:
      return undefined;
  }
}

/**
 * Folds repeated edits of one value (a drag's many moves, typing into a field) into a single change from the
 * first `from` to the last `to`, and drops edits that end where they began. Applying the result equals applying
 * the input; structural changes (adding or removing nodes and edges) are kept in place and fence folding.
 */
export function squashChanges(changes: readonly GraphChange[]): GraphChange[] {
  const out: GraphChange[] = [];
  const open = new Map<string, number>();
  for (const change of changes) {
    const slot = slotOf(change);
    if (slot === undefined) {
      open.clear();
      out.push(change);
      continue;
    }
    const at = open.get(slot);
    if (at !== undefined) {
      out[at] = { ...(out[at] as GraphChange), to: (change as { to?: unknown }).to } as GraphChange;
    } else {
      open.set(slot, out.length);
      out.push(change);
    }
  }
  return out.filter((c) => {
    if (slotOf(c) === undefined) return true;
    const { from, to } = c as { from?: unknown; to?: unknown };
    return !sameJson(from, to);
  });
}
