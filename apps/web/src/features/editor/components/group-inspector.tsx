import { useState } from 'react';
import { groupInterface, type GraphIR } from '@studio/ir';
import type { EditorCommands } from '../state/editor-commands';

interface GroupInspectorProps {
  graph: GraphIR;
  groupId: string;
  readOnly: boolean;
  commands: EditorCommands;
}

/** The inspector for a selected block: its name (editable), its typed ports, and Expand / Ungroup. */
export function GroupInspector({ graph, groupId, readOnly, commands }: GroupInspectorProps) {
  const group = graph.groups?.find((g) => g.id === groupId);
  const [draft, setDraft] = useState<string | null>(null);
  if (!group) return null;
  const face = groupInterface(graph, group);
  const commit = () => {
    // An empty name is refused by the command and the field shows the old name again.
    if (draft !== null) commands.rename(group.id, draft);
    setDraft(null);
  };
  return (
    <div className="group-inspector" data-testid="group-inspector">
      <label className="field">
        <span>Block name</span>
        <input
          data-testid="group-name"
          value={draft ?? group.name}
          disabled={readOnly}
          maxLength={200}
          onChange={(e) => setDraft(e.target.value)}
          onBlur={commit}
          onKeyDown={(e) => {
            if (e.key === 'Enter') commit();
            if (e.key === 'Escape') setDraft(null);
          }}
        />
      </label>
      <p className="muted">
        {group.nodes.length} nodes. Groups only change how the canvas reads: the graph trains the same.
      </p>
      <h4>Inputs</h4>
      <ul data-testid="group-inputs">
        {face.inputs.map((p) => (
          <li key={p.key}>
            {p.label} <span className="muted">({p.type ?? 'unknown type'})</span>
          </li>
        ))}
        {face.inputs.length === 0 && <li className="muted">none</li>}
      </ul>
      <h4>Outputs</h4>
      <ul data-testid="group-outputs">
        {face.outputs.map((p) => (
          <li key={p.key}>
            {p.label} <span className="muted">({p.type ?? 'unknown type'})</span>
          </li>
        ))}
        {face.outputs.length === 0 && <li className="muted">none</li>}
      </ul>
      {!readOnly && (
        <div className="row">
          <button type="button" className="ghost" onClick={() => commands.toggle(group.id)}>
            Expand
          </button>
          <button type="button" className="ghost" onClick={() => commands.ungroup()}>
            Ungroup
          </button>
        </div>
      )}
    </div>
  );
}
