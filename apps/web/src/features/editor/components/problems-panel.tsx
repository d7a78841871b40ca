import { findOp, type Diagnostic, type GraphIR } from '@studio/ir';
import { useEditorStores } from '../hooks/use-editor-stores';
import { problemText } from '../graph/problem-text';

/** Every validation finding of the shown graph; clicking one selects its node. */
export function ProblemsPanel({
  graph,
  diagnostics,
}: {
  graph: GraphIR;
  diagnostics: readonly Diagnostic[];
}) {
  const { session } = useEditorStores();
  if (diagnostics.length === 0) {
    return (
      <p className="muted" data-testid="problems-empty">
        No problems found.
      </p>
    );
  }
  const title = (id: string | undefined) => {
    const n = graph.nodes.find((x) => x.id === id);
    return n ? n.label || findOp(n.op)?.title || n.op : 'Graph';
  };
  return (
    <ul className="list" data-testid="problems-list">
      {diagnostics.map((d, i) => (
        <li key={i}>
          <button
            className={`problem ${d.severity}`}
            data-testid="problem"
            onClick={() => d.nodeId && session.getState().select([d.nodeId], [])}
          >
            <span className="sev">{d.severity === 'error' ? '●' : '▲'}</span>
            <span>
              <strong>{title(d.nodeId)}</strong>: {problemText(d.message, d.nodeId)}
            </span>
          </button>
        </li>
      ))}
    </ul>
  );
}
