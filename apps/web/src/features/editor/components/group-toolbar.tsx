import { Panel } from '@xyflow/react';
import { expandSelection } from '../graph/groups';
import { useEditorStores } from '../hooks/use-editor-stores';
import { useSession } from '../hooks/use-session';
import type { EditorCommands } from '../state/editor-commands';

type Toast = (kind: 'error' | 'info', text: string) => void;

/** Asks for the group's name, then groups the selection; says what to do when fewer than two nodes are selected. */
export function promptGroup(commands: EditorCommands, toast: Toast): void {
  const name = window.prompt('Name of the group', commands.nextGroupName());
  if (name === null) return;
  if (name.trim() === '') return toast('error', 'A group needs a name; press Ctrl+G again and type one');
  if (commands.group(name) === null)
    toast('error', 'Select at least two nodes (Shift-drag or Ctrl-click), then press Ctrl+G to group them');
}

/** Canvas buttons for subgraphs: Group (Ctrl+G) and Ungroup (Ctrl+Shift+G). */
export function GroupToolbar({ commands, readOnly }: { commands: EditorCommands; readOnly: boolean }) {
  const { doc, session } = useEditorStores();
  const selected = useSession((s) => s.selectedNodes);
  if (readOnly) return null;
  const graph = doc.getState().graph;
  const count = expandSelection(graph, selected).length;
  const inGroup = (graph.groups ?? []).some(
    (g) => selected.includes(`group/${g.id}`) || g.nodes.some((n) => selected.includes(n)),
  );
  return (
    <Panel position="top-left" className="group-toolbar">
      <button
        type="button"
        className="ghost"
        data-testid="group-selection"
        disabled={count < 2}
        title="Group the selected nodes into a named block (Ctrl+G)"
        onClick={() => promptGroup(commands, (k, t) => session.getState().toast(k, t))}
      >
        Group
      </button>
      <button
        type="button"
        className="ghost"
        data-testid="ungroup-selection"
        disabled={!inGroup}
        title="Ungroup the selected block (Ctrl+Shift+G)"
        onClick={() => commands.ungroup()}
      >
        Ungroup
      </button>
    </Panel>
  );
}
