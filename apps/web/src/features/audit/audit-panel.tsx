import { useAudit } from './api';
import { useEditorStores } from '../editor/hooks/use-editor-stores';
import { errorMessage } from '../../lib/error-message';
import { formatTime } from '../../lib/format-time';

/** The project's audit trail: who did what, when, with the readable change lines the server recorded. */
export function AuditPanel() {
  const { projectId } = useEditorStores();
  const audit = useAudit(projectId);
  if (audit.isPending) return <p className="muted">Loading…</p>;
  if (audit.error) return <p className="error-text">{errorMessage(audit.error)}</p>;
  if (audit.data.length === 0) return <p className="muted">No events yet.</p>;
  return (
    <ul className="list" data-testid="audit-list">
      {audit.data.map((e) => (
        <li key={e.id} data-testid="audit-event">
          <div>
            <strong>{e.actor.name}</strong> <span data-testid="audit-action">{e.action}</span>
          </div>
          <div className="muted small">{formatTime(e.at)}</div>
          {e.changes.length > 0 && (
            <ul className="change-lines">
              {e.changes.map((c, i) => (
                <li key={i}>{c}</li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}
