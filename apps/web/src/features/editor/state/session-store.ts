import { createStore } from 'zustand/vanilla';
import type { GraphVersion } from '@studio/api';
import type { ClipboardPayload } from '../graph/clipboard';
import type { ToastItem } from '../../../components/toasts';

/**
 * SESSION state: local to this tab, never persisted or saved with the graph (tldraw's "session" scope):
 * selection, measured node sizes, which version is being viewed, open panels, toasts and dialogs.
 * The viewport itself lives in React Flow; the document lives in document-store.ts.
 */
export type RightTab = 'inspector' | 'problems' | 'datasets' | 'versions' | 'audit';

/** A toast of the editor session (shown by components/toasts.tsx). */
export type Toast = ToastItem;

export interface SessionState {
  selectedNodes: string[];
  selectedEdges: string[];
  measured: Record<string, { width: number; height: number }>;
  /** A saved version shown read-only instead of the working document; null when editing. */
  viewingVersionId: string | null;
  tab: RightTab;
  /** Why the connection being dragged right now is refused; null when it is legal or nothing is dragged. */
  connectionHint: string | null;
  toasts: Toast[];
  /** The version another save created while this tab was editing (a 409); drives the stale-save dialog. */
  staleLatest: GraphVersion | null;
  helpOpen: boolean;
  /** The node whose wires the keyboard connect dialog offers (C); null when it is closed. */
  connectFor: string | null;
  /** Eager mode: the bottom drawer shows the selected node's output on a sample of rows. */
  previewOpen: boolean;
  /** What Ctrl+C copied, and how many times it was pasted (each paste lands a step further away). */
  clipboard: { payload: ClipboardPayload; pastes: number } | null;
}

export interface SessionActions {
  select(nodes: string[], edges: string[]): void;
  setMeasured(id: string, size: { width: number; height: number }): void;
  viewVersion(versionId: string | null): void;
  setTab(tab: RightTab): void;
  setConnectionHint(hint: string | null): void;
  toast(kind: Toast['kind'], text: string): void;
  dismissToast(id: number): void;
  setStaleLatest(latest: GraphVersion | null): void;
  setHelpOpen(open: boolean): void;
  setConnectFor(nodeId: string | null): void;
  setPreviewOpen(open: boolean): void;
  setClipboard(clipboard: SessionState['clipboard']): void;
}

export type SessionStore = ReturnType<typeof createSessionStore>;

const TOAST_MS = 6000;

/** Creates the session store for one open editor. */
export function createSessionStore() {
  let nextToast = 1;
  return createStore<SessionState & SessionActions>()((set, get) => ({
    selectedNodes: [],
    selectedEdges: [],
    measured: {},
    viewingVersionId: null,
    tab: 'inspector',
    connectionHint: null,
    toasts: [],
    staleLatest: null,
    helpOpen: false,
    connectFor: null,
    previewOpen: false,
    clipboard: null,
    select: (nodes, edges) => set({ selectedNodes: nodes, selectedEdges: edges }),
    setMeasured: (id, size) => {
      const prev = get().measured[id];
      if (prev && prev.width === size.width && prev.height === size.height) return;
      set({ measured: { ...get().measured, [id]: size } });
    },
    viewVersion: (versionId) => set({ viewingVersionId: versionId, selectedNodes: [], selectedEdges: [] }),
    setTab: (tab) => set({ tab }),
    setConnectionHint: (hint) => {
      if (get().connectionHint !== hint) set({ connectionHint: hint });
    },
    toast: (kind, text) => {
      const id = nextToast++;
      // Same text twice in a row (e.g. repeated refused drops) shows once, newest.
      set({ toasts: [...get().toasts.filter((t) => t.text !== text), { id, kind, text }].slice(-4) });
      setTimeout(() => get().dismissToast(id), TOAST_MS);
    },
    dismissToast: (id) => set({ toasts: get().toasts.filter((t) => t.id !== id) }),
    setStaleLatest: (latest) => set({ staleLatest: latest }),
    setHelpOpen: (open) => set({ helpOpen: open }),
    setConnectFor: (nodeId) => set({ connectFor: nodeId }),
    setPreviewOpen: (open) => set({ previewOpen: open }),
    setClipboard: (clipboard) => set({ clipboard }),
  }));
}
