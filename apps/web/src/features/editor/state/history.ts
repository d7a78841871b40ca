/**
 * Undo/redo as diffs with marks (tldraw style), generic over the change type so it stays pure and testable.
 *
 * Every user interaction starts with `mark`; the changes it makes are recorded after the mark. Undo reverts
 * everything back to the latest mark that has changes after it, so a drag of many pointer moves, a paste of
 * many nodes or a delete of a selection is one step. `bailToMark` cancels an interaction without a redo entry.
 */

/** One entry on the undo stack: a mark that opens an interaction, or changes recorded inside it. */
export type HistoryEntry<C> = { kind: 'mark'; id: string } | { kind: 'diff'; changes: C[] };

/** One undone interaction waiting on the redo stack, with its changes in forward order. */
export interface RedoGroup<C> {
  markId: string;
  changes: C[];
}

/** Immutable history value: the document store replaces it on every step. */
export interface History<C> {
  undos: HistoryEntry<C>[];
  redos: RedoGroup<C>[];
}

/** Merges `next` into `prev` when they can be one change (two moves of the same node), else null. */
export type Squash<C> = (prev: C, next: C) => C | null;

/** Changes to apply to the document, plus the history after the step. */
export interface HistoryStep<C> {
  history: History<C>;
  changes: C[];
}

/** A history with nothing to undo or redo. */
export function createHistory<C>(): History<C> {
  return { undos: [], redos: [] };
}

/** Opens an interaction: everything recorded until the next mark is undone in one step. */
export function mark<C>(h: History<C>, id: string): History<C> {
  const top = h.undos[h.undos.length - 1];
  // Two marks in a row with nothing between them would make an empty undo step; keep only the newest.
  const undos = top?.kind === 'mark' ? h.undos.slice(0, -1) : h.undos;
  return { undos: [...undos, { kind: 'mark', id }], redos: h.redos };
}

/** Records changes already applied to the document; a new edit forgets what could be redone. */
export function record<C>(h: History<C>, changes: C[], squash?: Squash<C>): History<C> {
  if (changes.length === 0) return h;
  const top = h.undos[h.undos.length - 1];
  if (top?.kind !== 'diff') return { undos: [...h.undos, { kind: 'diff', changes }], redos: [] };
  const merged = [...top.changes];
  for (const change of changes) {
    const last = merged[merged.length - 1];
    const joined = last !== undefined && squash ? squash(last, change) : null;
    if (joined === null) merged.push(change);
    else merged[merged.length - 1] = joined;
  }
  return { undos: [...h.undos.slice(0, -1), { kind: 'diff', changes: merged }], redos: [] };
}

/** True when at least one recorded change can be undone. */
export function canUndo<C>(h: History<C>): boolean {
  return h.undos.some((e) => e.kind === 'diff');
}

/** True when an undone interaction can be redone. */
export function canRedo<C>(h: History<C>): boolean {
  return h.redos.length > 0;
}

/** Splits off the latest interaction that recorded changes, dropping empty marks on the way. */
function popGroup<C>(undos: HistoryEntry<C>[]): { rest: HistoryEntry<C>[]; group: RedoGroup<C> } | null {
  let end = undos.length;
  while (end > 0 && undos[end - 1]?.kind === 'mark') end--;
  if (end === 0) return null;
  let start = end;
  while (start > 0 && undos[start - 1]?.kind === 'diff') start--;
  const opener = undos[start - 1];
  const changes = undos.slice(start, end).flatMap((e) => (e.kind === 'diff' ? e.changes : []));
  const markId = opener?.kind === 'mark' ? opener.id : '';
  return { rest: undos.slice(0, Math.max(0, start - 1)), group: { markId, changes } };
}

/** Steps back one interaction: returns the inverse changes, newest first, to apply to the document. */
export function undo<C>(h: History<C>, invert: (change: C) => C): HistoryStep<C> {
  const popped = popGroup(h.undos);
  if (!popped) return { history: h, changes: [] };
  const inverse = [...popped.group.changes].reverse().map(invert);
  return { history: { undos: popped.rest, redos: [...h.redos, popped.group] }, changes: inverse };
}

/** Re-applies the last undone interaction: returns its changes in their original order. */
export function redo<C>(h: History<C>): HistoryStep<C> {
  const group = h.redos[h.redos.length - 1];
  if (!group) return { history: h, changes: [] };
  const undos: HistoryEntry<C>[] = [
    ...h.undos,
    { kind: 'mark', id: group.markId },
    { kind: 'diff', changes: group.changes },
  ];
  return { history: { undos, redos: h.redos.slice(0, -1) }, changes: group.changes };
}

/**
 * Cancels everything since the mark `id` (inclusive) without leaving a redo entry, e.g. a drag ended by Escape.
 * Returns no changes when the mark is not on the stack.
 */
export function bailToMark<C>(h: History<C>, id: string, invert: (change: C) => C): HistoryStep<C> {
  let at = -1;
  for (let i = h.undos.length - 1; i >= 0; i--) {
    const e = h.undos[i];
    if (e?.kind === 'mark' && e.id === id) {
      at = i;
      break;
    }
  }
  if (at < 0) return { history: h, changes: [] };
  const changes = h.undos
    .slice(at + 1)
    .flatMap((e) => (e.kind === 'diff' ? e.changes : []))
    .reverse()
    .map(invert);
  return { history: { undos: h.undos.slice(0, at), redos: h.redos }, changes };
}
