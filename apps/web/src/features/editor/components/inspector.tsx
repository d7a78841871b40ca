import { findOp, type Diagnostic, type GraphIR, type ParamField } from '@studio/ir';
import type { Dataset } from '@studio/api';
import { useSession } from '../hooks/use-session';
import { upstreamDatasetId } from '../graph/upstream-dataset';
import { problemText } from '../graph/problem-text';
import { solverNote } from '../graph/solver-note';
import type { EditorCommands } from '../state/editor-commands';
import { FieldInput } from './field-input';

// The node's canvas label is not an op param, but it edits like a text field, so it reuses the generated form.
const labelField: ParamField = { name: 'label', label: 'Label', kind: 'string', default: '' };

interface InspectorProps {
  graph: GraphIR;
  readOnly: boolean;
  datasets: readonly Dataset[];
  diagnostics: readonly Diagnostic[];
  commands: EditorCommands;
}

/** Edits the selected node's params with a form generated from the op catalogue's `fields`. */
export function Inspector({ graph, readOnly, datasets, diagnostics, commands }: InspectorProps) {
  const selected = useSession((s) => s.selectedNodes);
  if (selected.length !== 1) {
    return (
      <div className="muted" data-testid="inspector-empty">
        {selected.length === 0
          ? 'Select a node to edit its parameters.'
          : `${selected.length} nodes selected. Select one to edit it.`}
      </div>
    );
  }
  const node = graph.nodes.find((n) => n.id === selected[0]);
  if (!node) return null;
  const spec = findOp(node.op);
  if (!spec)
    return (
      <p className="error-text">Unknown op “{node.op}”. Delete this node and add one from the palette.</p>
    );
  const datasetId = upstreamDatasetId(graph, node.id);
  const columns = datasets.find((d) => d.id === datasetId)?.columns.map((c) => c.name) ?? [];
  const problems = diagnostics.filter((d) => d.nodeId === node.id);
  const solver = solverNote(node);
  return (
    <div data-testid="inspector" data-node-id={node.id}>
      <h3 style={{ margin: '0 0 4px' }}>{spec.title}</h3>
      <p className="muted small" style={{ marginTop: 0 }}>
        {spec.help}
      </p>
      {problems.map((p, i) => (
        <p key={i} className={p.severity === 'error' ? 'error-text small' : 'small'}>
          {problemText(p.message, p.nodeId)}
        </p>
      ))}
      <div className="field">
        <label htmlFor="field-label">Label</label>
        <FieldInput
          field={{ ...labelField, default: spec.title }}
          value={node.label ?? ''}
          readOnly={readOnly}
          datasets={datasets}
          columns={columns}
          onCommit={(v) => commands.setLabel(node.id, String(v))}
        />
      </div>
      {spec.fields.map((f) => (
        <div key={f.name} className={f.kind === 'boolean' ? 'field checkbox' : 'field'}>
          <label htmlFor={`field-${f.name}`}>{f.label}</label>
          <FieldInput
            field={f}
            value={node.params[f.name] ?? f.default}
            readOnly={readOnly}
            datasets={datasets}
            columns={columns}
            onCommit={(v) => commands.setParam(node.id, f.name, v)}
          />
          {f.help && <span className="help">{f.help}</span>}
          {f.name === 'solver' && solver && (
            <span className="help" data-testid="solver-note" role="status">
              {solver}
            </span>
          )}
        </div>
      ))}
      {spec.fields.length === 0 && <p className="muted">This node has no parameters.</p>}
    </div>
  );
}
