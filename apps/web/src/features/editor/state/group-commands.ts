import { groupsOf, type GraphGroup } from '@studio/ir';
import { expandSelection, groupIdOfBlock } from '../graph/groups';
import { newId } from '../graph/new-id';
import type { DocumentStore } from './document-store';
import type { SessionStore } from './session-store';

/**
 * Group commands (subgraphs): group the selection into a named block, ungroup, collapse and expand. Each is
 * one `set-groups` change under its own undo mark, so Ctrl+Z undoes it like any other edit.
 */
export function createGroupCommands(doc: DocumentStore, session: SessionStore) {
  const graph = () => doc.getState().graph;
  const setGroups = (to: GraphGroup[], mark: string) =>
    doc.getState().apply([{ type: 'set-groups', from: graph().groups, to }], mark);

  return {
    /** A default name for the next group: "Group N". */
    nextGroupName(): string {
      return `Group ${groupsOf(graph()).length + 1}`;
    },

    /**
     * Groups the selected nodes (a selected block brings its members, whose group it replaces) into a new
     * expanded group named `name`; returns its id, or null with fewer than two nodes selected.
     */
    group(name: string): string | null {
      const g = graph();
      const selected = session.getState().selectedNodes;
      const nodes = expandSelection(g, selected).filter((id) => g.nodes.some((n) => n.id === id));
      if (nodes.length < 2 || name.trim() === '') return null;
      const taken = new Set([...g.nodes.map((n) => n.id), ...groupsOf(g).map((x) => x.id)]);
      const id = newId('group', taken);
      const inNew = new Set(nodes);
      const kept = groupsOf(g)
        .map((x) => ({ ...x, nodes: x.nodes.filter((n) => !inNew.has(n)) }))
        .filter((x) => x.nodes.length > 0);
      setGroups([...kept, { id, name: name.trim().slice(0, 200), nodes, collapsed: false }], 'group');
      session.getState().select(nodes, []);
      return id;
    },

    /** Removes the groups of the selected nodes or blocks (their nodes stay); false when none is selected. */
    ungroup(): boolean {
      const g = graph();
      const selected = session.getState().selectedNodes;
      const blockGroups = new Set(selected.map(groupIdOfBlock).filter((x): x is string => x !== null));
      const nodes = new Set(selected);
      const hit = (x: GraphGroup) => blockGroups.has(x.id) || x.nodes.some((n) => nodes.has(n));
      if (!groupsOf(g).some(hit)) return false;
      const members = groupsOf(g)
        .filter(hit)
        .flatMap((x) => x.nodes);
      setGroups(
        groupsOf(g).filter((x) => !hit(x)),
        'ungroup',
      );
      session.getState().select(members, []);
      return true;
    },

    /** Renames a group as its own undo step; an empty name is refused (false). */
    rename(groupId: string, name: string): boolean {
      const g = graph();
      const to = name.trim().slice(0, 200);
      const group = groupsOf(g).find((x) => x.id === groupId);
      if (!group || to === '') return false;
      if (group.name !== to)
        setGroups(
          groupsOf(g).map((x) => (x.id === groupId ? { ...x, name: to } : x)),
          'rename-group',
        );
      return true;
    },

    /** Collapses an expanded group or expands a collapsed one. */
    toggle(groupId: string): void {
      const g = graph();
      if (!groupsOf(g).some((x) => x.id === groupId)) return;
      setGroups(
        groupsOf(g).map((x) => (x.id === groupId ? { ...x, collapsed: !x.collapsed } : x)),
        'collapse',
      );
      session.getState().select([], []);
    },
  };
}

export type GroupCommands = ReturnType<typeof createGroupCommands>;
