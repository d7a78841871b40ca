import { useState } from 'react';
import { findOp, type Diagnostic, type GraphIR } from '@studio/ir';
import { useSession } from '../hooks/use-session';
import { useEditorStores } from '../hooks/use-editor-stores';
import { usePreview } from '../hooks/use-preview';
import { errorMessage } from '../state/error-message';
import { PreviewTable } from './preview-table';

interface PreviewDrawerProps {
  graph: GraphIR;
  diagnostics: readonly Diagnostic[];
}

/**
 * The bottom drawer of the editor: the selected node's output on a sample of rows, refreshed shortly after
 * each param change. Collapsible, so it never hides the canvas for good.
 */
export function PreviewDrawer({ graph, diagnostics }: PreviewDrawerProps) {
  const { projectId } = useEditorStores();
  const selected = useSession((s) => s.selectedNodes);
  const [open, setOpen] = useState(true);
  const nodeId = selected.length === 1 ? (selected[0] ?? null) : null;
  const node = graph.nodes.find((n) => n.id === nodeId);
  const blocked = diagnostics.some((d) => d.nodeId === nodeId && d.severity === 'error');
  // Only table outputs have rows to show; a model or metrics node is not sent to the server at all.
  const spec = node ? findOp(node.op) : undefined;
  const tabular = !!spec?.outputs.some((o) => o.type === 'table');
  const preview = usePreview(projectId, graph, open && node && tabular && !blocked ? node.id : null);
  if (!node) return null;

  return (
    <section
      className={`preview-drawer ${open ? 'open' : ''}`}
      data-testid="preview-drawer"
      aria-label="Node preview"
    >
      <header>
        <button
          className="ghost"
          aria-expanded={open}
          data-testid="preview-toggle"
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'} Preview · {node.label || node.op}
        </button>
        {open && preview.data && (
          <span className="muted small">
            {preview.data.rows.length} of {preview.data.totalRows.toLocaleString()} rows · output “
            {preview.data.port}”
          </span>
        )}
        {open && preview.isFetching && <span className="muted small">updating…</span>}
      </header>
      {open && (
        <div className="preview-body">
          {!tabular ? (
            <p className="muted" data-testid="preview-not-table">
              The preview shows tables; {spec?.title ?? node.op} outputs{' '}
              {spec?.outputs.map((o) => o.label.toLowerCase()).join(', ') || 'nothing'}.
            </p>
          ) : blocked ? (
            <p className="muted">Fix this node’s problems to preview its output.</p>
          ) : preview.error ? (
            <p className="error-text" data-testid="preview-error">
              {errorMessage(preview.error)}
            </p>
          ) : preview.data && preview.data.nodeId === node.id ? (
            <PreviewTable preview={preview.data} />
          ) : (
            <p className="muted">Running the graph up to this node on a sample…</p>
          )}
        </div>
      )}
    </section>
  );
}
