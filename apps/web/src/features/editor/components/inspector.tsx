import { findOp, type Diagnostic, type GraphIR, type ParamField, type SearchDimension } from '@studio/ir';
import type { Dataset } from '@studio/api';
import { useSession } from '../hooks/use-session';
import { upstreamDatasetId } from '../graph/upstream-dataset';
import { problemText } from '../graph/problem-text';
import { solverNote } from '../graph/solver-note';
import type { EditorCommands } from '../state/editor-commands';
import { FieldInput } from './field-input';
import { GroupInspector } from './group-inspector';
import { groupIdOfBlock } from '../graph/groups';
import { MonotonePicker } from './monotone-picker';
import { SearchSpaceEditor } from './search-space-editor';
import { tunedFamily } from '../graph/search-space';

// Gradient Boosting's two constraint lists are edited together, one row per column.
const MONOTONE = new Set(['monotoneIncreasing', 'monotoneDecreasing']);

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
  if (!node) {
    const groupId = groupIdOfBlock(selected[0] ?? '');
    return groupId === null ? null : (
      <GroupInspector graph={graph} groupId={groupId} readOnly={readOnly} commands={commands} />
    );
  }
  const spec = findOp(node.op);
  if (!spec)
    return (
      <p className="error-text">Unknown op “{node.op}”. Delete this node and add one from the palette.</p>
    );
  const datasetId = upstreamDatasetId(graph, node.id);
  const columns = datasets.find((d) => d.id === datasetId)?.columns.map((c) => c.name) ?? [];
  const problems = diagnostics.filter((d) => d.nodeId === node.id);
  const fieldNames = new Set(spec.fields.map((f) => f.name));
  const fieldProblems = (name: string) => problems.filter((p) => p.param === name);
  const target = graph.nodes.find((n) => n.op === 'dataset' && n.params.datasetId === datasetId)?.params
    .target;
  const monotone = node.op === 'gradient-boosting';
  const solver = solverNote(node);
  return (
    <div data-testid="inspector" data-node-id={node.id}>
      <h3 style={{ margin: '0 0 4px' }}>{spec.title}</h3>
      <p className="muted small" style={{ marginTop: 0 }}>
        {spec.help}
      </p>
      {problems
        .filter((p) => p.param === undefined || !fieldNames.has(p.param))
        .map((p, i) => (
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
      {spec.fields.map((f) =>
        monotone && MONOTONE.has(f.name) ? (
          f.name === 'monotoneIncreasing' && (
            <div key="monotone" className="field">
              <label>Monotone constraints</label>
              <MonotonePicker
                columns={columns.filter((c) => c !== target)}
                lists={{
                  monotoneIncreasing: stringList(node.params.monotoneIncreasing),
                  monotoneDecreasing: stringList(node.params.monotoneDecreasing),
                }}
                readOnly={readOnly}
                onCommit={(lists) => commands.setParams(node.id, { ...lists })}
              />
              <span className="help">
                Risk rises: a higher value never lowers the predicted risk; risk falls: never raises it.
              </span>
              {[...fieldProblems('monotoneIncreasing'), ...fieldProblems('monotoneDecreasing')].map(
                (p, i) => (
                  <span key={i} className="error-text small" data-testid="field-error-monotone">
                    {problemText(p.message, p.nodeId)}
                  </span>
                ),
              )}
            </div>
          )
        ) : (
          <div key={f.name} className={f.kind === 'boolean' ? 'field checkbox' : 'field'}>
            <label htmlFor={`field-${f.name}`}>{f.label}</label>
            {f.kind === 'search-space' ? (
              <SearchSpaceEditor
                family={tunedFamily(graph, node.id)}
                value={Array.isArray(node.params[f.name]) ? (node.params[f.name] as SearchDimension[]) : []}
                readOnly={readOnly}
                onCommit={(v) => commands.setParam(node.id, f.name, v)}
              />
            ) : (
              <FieldInput
                field={f}
                value={node.params[f.name] ?? f.default}
                readOnly={readOnly}
                datasets={datasets}
                columns={columns}
                onCommit={(v) => commands.setParam(node.id, f.name, v)}
              />
            )}
            {f.help && <span className="help">{f.help}</span>}
            {fieldProblems(f.name).map((p, i) => (
              <span key={i} className="error-text small" data-testid={`field-error-${f.name}`}>
                {problemText(p.message, p.nodeId)}
              </span>
            ))}
            {f.name === 'solver' && solver && (
              <span className="help" data-testid="solver-note" role="status">
                {solver}
              </span>
            )}
          </div>
        ),
      )}
      {spec.fields.length === 0 && <p className="muted">This node has no parameters.</p>}
    </div>
  );
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.map(String) : [];
}
