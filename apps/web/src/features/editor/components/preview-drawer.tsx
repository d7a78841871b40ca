import { memo } from 'react';
import { findOp, type Diagnostic, type GraphIR } from '@studio/ir';
import { useSession } from '../hooks/use-session';
import { useEditorStores } from '../hooks/use-editor-stores';
import { usePreview } from '../api';
import { errorMessage } from '../../../lib/error-message';
import { PreviewTable } from './preview-table';

interface PreviewDrawerProps {
  graph: GraphIR;
  diagnostics: readonly Diagnostic[];
}

/**
 * The bottom drawer of the editor (eager mode): once opened, it shows the selected node's output on a sample
 * of rows, refreshed shortly after each param change. Its height depends only on whether it is open, never on
 * the selection, so clicking a node does not resize the canvas under the pointer.
 */
export const PreviewDrawer = memo(function PreviewDrawer({ graph, diagnostics }: PreviewDrawerProps) {
  const { projectId } = useEditorStores();
  const selected = useSession((s) => s.selectedNodes);
  const open = useSession((s) => s.previewOpen);
  const setOpen = useSession((s) => s.setPreviewOpen);
  const nodeId = selected.length === 1 ? (selected[0] ?? null) : null;
  const node = graph.nodes.find((n) => n.id === nodeId);
  const spec = node ? findOp(node.op) : undefined;
  // Only table outputs have rows to show; a model or metrics node is not sent to the server at all.
  const tabular = !!spec?.outputs.some((o) => o.type === 'table');
  const blocked = diagnostics.some((d) => d.nodeId === nodeId && d.severity === 'error');
  const preview = usePreview(projectId, graph, open && node && tabular && !blocked ? node.id : null);
  const shown = preview.data && node && preview.data.nodeId === node.id ? preview.data : null;

  let body;
  if (!node) {
    body = (
      <p className="muted">Select a Dataset, Split or table transform node to see its output on a sample.</p>
    );
  } else if (!tabular) {
    body = (
      <p className="muted" data-testid="preview-not-table">
        The preview shows tables; {spec?.title ?? node.op} outputs{' '}
        {spec?.outputs.map((o) => o.label.toLowerCase()).join(', ') || 'nothing'}.
      </p>
    );
  } else if (blocked) {
    body = <p className="muted">Fix this node’s problems to preview its output.</p>;
  } else if (preview.error) {
    body = (
      <p className="error-text" data-testid="preview-error">
        {errorMessage(preview.error)}
      </p>
    );
  } else if (shown) {
    body = <PreviewTable preview={shown} />;
  } else {
    body = <p className="muted">Running the graph up to this node on a sample…</p>;
  }

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
          title="Show or hide the node preview (P)"
          onClick={() => setOpen(!open)}
        >
          {open ? '▾' : '▸'} Preview{open && node ? ` · ${node.label || node.op}` : ''}
        </button>
        {open && shown && (
          <span className="muted small">
            {shown.rows.length} of {shown.totalRows.toLocaleString()} rows · output “{shown.port}”
          </span>
        )}
        {open && preview.isFetching && <span className="muted small">updating…</span>}
      </header>
      {open && <div className="preview-body">{body}</div>}
    </section>
  );
});
