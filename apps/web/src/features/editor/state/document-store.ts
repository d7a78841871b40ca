import { createStore } from 'zustand/vanilla';
import { applyChanges, diffGraphs, invertChange, type GraphChange, type GraphIR } from '@studio/ir';
import {
  bailToMark,
  canRedo,
  canUndo,
  createHistory,
  mark,
  record,
  redo,
  undo,
  type History,
  type HistoryStep,
} from './history';
import { squashChange } from '../graph/change-builders';

/**
 * DOCUMENT state: the graph that is saved to the server (tldraw's "document" scope), plus the bookkeeping
 * that belongs to it: the version it was loaded from and the undo history of diffs with marks.
 * Every edit is a typed GraphChange from @studio/ir applied by its pure `applyChange`.
 */
export interface DocumentState {
  graph: GraphIR;
  /** The saved version this document descends from; sent as `baseVersionId` so the server can detect a stale save. */
  baseVersionId: string | null;
  /** The graph as last loaded or saved, to tell whether there are unsaved edits. */
  savedGraph: GraphIR;
  history: History<GraphChange>;
}

export interface DocumentActions {
  /** Replaces the document (open, reload, load latest); forgets the history because its diffs no longer apply. */
  load(graph: GraphIR, baseVersionId: string | null): void;
  /** Applies changes and records them; `markId` opens a new undo step first. */
  apply(changes: GraphChange[], markId?: string): void;
  /** Opens an undo step without changing anything yet (start of a drag). */
  mark(id: string): void;
  undo(): void;
  redo(): void;
  /** Cancels the interaction opened by `markId`, leaving no redo entry. */
  bailToMark(markId: string): void;
  /** Records a successful save of `graph` as version `versionId`; the undo history survives a save. */
  saved(graph: GraphIR, versionId: string): void;
  /** Keeps the local edits but bases the next save on `versionId` (the "keep editing" answer to a stale save). */
  rebase(versionId: string): void;
  /**
   * Shows someone else's newer version (the "load latest" answer to a stale save) as ONE undoable step,
   * so Ctrl+Z brings the local edits back: nothing is lost.
   */
  adoptLatest(graph: GraphIR, versionId: string): void;
}

export type DocumentStore = ReturnType<typeof createDocumentStore>;

/** Creates the document store for one open project. */
export function createDocumentStore(graph: GraphIR, baseVersionId: string | null) {
  return createStore<DocumentState & DocumentActions>()((set, get) => {
    const step = ({ history, changes }: HistoryStep<GraphChange>) =>
      set({ history, graph: applyChanges(get().graph, changes) });
    return {
      graph,
      baseVersionId,
      savedGraph: graph,
      history: createHistory<GraphChange>(),
      load: (g, versionId) =>
        set({ graph: g, savedGraph: g, baseVersionId: versionId, history: createHistory<GraphChange>() }),
      apply: (changes, markId) => {
        if (changes.length === 0) return;
        const s = get();
        const h = markId === undefined ? s.history : mark(s.history, markId);
        set({ graph: applyChanges(s.graph, changes), history: record(h, changes, squashChange) });
      },
      mark: (id) => set({ history: mark(get().history, id) }),
      undo: () => step(undo(get().history, invertChange)),
      redo: () => step(redo(get().history)),
      bailToMark: (markId) => step(bailToMark(get().history, markId, invertChange)),
      saved: (g, versionId) => set({ savedGraph: g, baseVersionId: versionId }),
      rebase: (versionId) => set({ baseVersionId: versionId }),
      adoptLatest: (latest, versionId) => {
        get().apply(diffGraphs(get().graph, latest), 'load-latest');
        set({ savedGraph: get().graph, baseVersionId: versionId });
      },
    };
  });
}

/** True when there is something to undo. */
export const selectCanUndo = (s: DocumentState) => canUndo(s.history);
/** True when there is something to redo. */
export const selectCanRedo = (s: DocumentState) => canRedo(s.history);
