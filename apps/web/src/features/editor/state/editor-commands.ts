import { checkConnection, defaultParams, type ConnectionCheck, type PortRef } from '@studio/ir';
import {
  addEdgeChange,
  addNodeChange,
  removeChanges,
  setLabelChange,
  setParamChange,
} from '../graph/change-builders';
import { copySelection, pasteChanges } from '../graph/clipboard';
import { expandSelection, pruneGroupsChange } from '../graph/groups';
import { newId } from '../graph/new-id';
import { nodeSizeOf } from '../layout/node-size';
import { tidyChanges } from '../layout/tidy';
import type { DocumentStore } from './document-store';
import { createGroupCommands } from './group-commands';
import type { SessionStore } from './session-store';

const PASTE_STEP = 40;

/**
 * The editor's commands as plain functions over the two stores, so keyboard shortcuts, buttons and the canvas
 * share one implementation and the tests need no React. Each command opens its own undo mark.
 */
export function createEditorCommands(doc: DocumentStore, session: SessionStore) {
  const graph = () => doc.getState().graph;
  const taken = () => new Set([...graph().nodes.map((n) => n.id), ...graph().edges.map((e) => e.id)]);

  return {
    ...createGroupCommands(doc, session),

    /** Adds a node of `op` with default params at `position`, and selects it. */
    addNode(op: string, position: { x: number; y: number }): string {
      const id = newId(op, taken());
      doc.getState().apply([addNodeChange({ id, op, params: defaultParams(op), position })], 'add');
      session.getState().select([id], []);
      return id;
    },

    /** Connects an output to an input when the IR allows it; returns the check so the caller can say why not. */
    connect(source: PortRef, target: PortRef): ConnectionCheck {
      const check = checkConnection(graph(), source, target);
      if (check.ok)
        doc.getState().apply([addEdgeChange({ id: newId('e', taken()), source, target })], 'connect');
      return check;
    },

    /** Deletes the selected nodes and edges (and the edges hanging off deleted nodes) as one undo step. */
    deleteSelection(): void {
      const s = session.getState();
      // A selected block deletes its member nodes; groups forget deleted nodes in the same undo step.
      const nodes = new Set(expandSelection(graph(), s.selectedNodes));
      const changes = removeChanges(graph(), nodes, new Set(s.selectedEdges));
      const prune = pruneGroupsChange(graph(), nodes);
      doc.getState().apply(prune ? [...changes, prune] : changes, 'delete');
      s.select([], []);
    },

    /** Sets one parameter of one node as its own undo step. */
    setParam(nodeId: string, name: string, value: unknown): void {
      const change = setParamChange(graph(), nodeId, name, value);
      if (change) doc.getState().apply([change], 'param');
    },

    /** Sets several parameters of one node as one undo step (a picker that edits two lists at once). */
    setParams(nodeId: string, values: Record<string, unknown>): void {
      const changes = Object.entries(values).flatMap(([name, value]) => {
        const change = setParamChange(graph(), nodeId, name, value);
        return change ? [change] : [];
      });
      if (changes.length > 0) doc.getState().apply(changes, 'param');
    },

    /** Renames one node as its own undo step. */
    setLabel(nodeId: string, label: string): void {
      const change = setLabelChange(graph(), nodeId, label);
      if (change) doc.getState().apply([change], 'label');
    },

    /** Copies the selected nodes with the edges between them; false when nothing is selected. */
    copy(): boolean {
      const payload = copySelection(
        graph(),
        new Set(expandSelection(graph(), session.getState().selectedNodes)),
      );
      if (payload) session.getState().setClipboard({ payload, pastes: 0 });
      return payload !== null;
    },

    /** Pastes the clipboard with fresh ids, offset from the original, and selects the pasted nodes. */
    paste(): boolean {
      const clip = session.getState().clipboard;
      if (!clip) return false;
      const step = PASTE_STEP * (clip.pastes + 1);
      const { changes, nodeIds } = pasteChanges(graph(), clip.payload, { x: step, y: step });
      doc.getState().apply(changes, 'paste');
      session.getState().setClipboard({ ...clip, pastes: clip.pastes + 1 });
      session.getState().select(nodeIds, []);
      return true;
    },

    /**
     * Lays the graph out with ELK (left to right, wrapped into rows when wide) as ONE undo step; resolves to
     * how many nodes moved. Edits made while the layout was computing win: the moves are computed again on
     * the graph as it is then only if it changed, so a stale layout never overwrites them.
     */
    async tidy(): Promise<number> {
      for (let attempt = 0; attempt < 3; attempt++) {
        const before = graph();
        const changes = await tidyChanges(before, nodeSizeOf(before, session.getState().measured));
        if (graph() !== before) continue;
        doc.getState().apply(changes, 'tidy');
        return changes.length;
      }
      return 0;
    },

    /** Selects every node and edge. */
    selectAll(): void {
      session.getState().select(
        graph().nodes.map((n) => n.id),
        graph().edges.map((e) => e.id),
      );
    },
  };
}

export type EditorCommands = ReturnType<typeof createEditorCommands>;
