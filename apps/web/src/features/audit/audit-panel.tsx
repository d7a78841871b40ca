import { auditExportUrl, useAudit, useAuditVerification, useImportedHistory } from './api';
import { useProject } from '../projects/api';
import { useEditorStores } from '../editor/hooks/use-editor-stores';
import { errorMessage } from '../../lib/error-message';
import { formatTime } from '../../lib/format-time';

/**
 * The project's audit trail: the chain's state and head hash, each event as a sentence with its change
 * lines, export for auditors, and for a project made from a bundle the bundle's own history, unverified.
 */
export function AuditPanel() {
  const { projectId } = useEditorStores();
  const audit = useAudit(projectId);
  const project = useProject(projectId);
  const imported = project.data?.imported ?? null;
  const history = useImportedHistory(projectId, imported !== null);
  return (
    <div>
      <ChainStatus />
      <p className="small">
        Export for auditors:{' '}
        <a href={auditExportUrl('jsonl')} download data-testid="audit-export-jsonl">
          JSON Lines
        </a>{' '}
        ·{' '}
        <a href={auditExportUrl('csv')} download data-testid="audit-export-csv">
          CSV
        </a>
      </p>
      {audit.isPending && <p className="muted">Loading…</p>}
      {audit.error && <p className="error-text">{errorMessage(audit.error)}</p>}
      {audit.data?.length === 0 && <p className="muted">No events yet.</p>}
      {audit.data && audit.data.length > 0 && (
        <ul className="list" data-testid="audit-list">
          {audit.data.map((e) => (
            <li key={e.id} data-testid="audit-event">
              <div data-testid="audit-summary">{e.summary}</div>
              <div className="muted small">
                #{e.seq ?? '–'} · <span data-testid="audit-action">{e.action}</span> · {formatTime(e.at)}
              </div>
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
      )}
      {imported && (
        <section data-testid="imported-history">
          <h3>Imported history, unverified</h3>
          <p className="small muted">
            From bundle sha256 <code>{imported.bundleHash.slice(0, 16)}…</code>: signature{' '}
            <strong data-testid="imported-signature">
              {signatureLabel(imported.signature, imported.signer)}
            </strong>
            . These events are what the bundle claims; they are not part of this Studio&apos;s chain.
          </p>
          {history.data && (
            <ul className="list">
              {history.data.events.map((e) => (
                <li key={e.seq} className="muted">
                  {e.summary} <span className="small">({e.at})</span>
                </li>
              ))}
            </ul>
          )}
        </section>
      )}
    </div>
  );
}

function signatureLabel(status: string, signer: string | null): string {
  if (status === 'intact') return `signed by ${signer ?? 'this Studio'}, intact`;
  if (status === 'unknown-signer') return `unknown signer${signer ? ` ("${signer}")` : ''}`;
  if (status === 'modified') return 'modified since export';
  return 'unsigned';
}

/** Whether the whole trail verifies, and its head hash. */
function ChainStatus() {
  const v = useAuditVerification();
  if (v.isPending) return <p className="muted small">Verifying the audit chain…</p>;
  if (v.error) return <p className="error-text">{errorMessage(v.error)}</p>;
  const d = v.data;
  if (d.ok)
    return (
      <p className="small" data-testid="audit-chain" data-state="verified">
        ✓ Audit chain verified: {d.count} events, head #{d.headSeq ?? 0}{' '}
        <code title={d.headHash ?? ''} data-testid="audit-head-hash">
          {d.headHash ? `${d.headHash.slice(0, 16)}…` : '(empty)'}
        </code>
      </p>
    );
  return (
    <p className="error-text" role="alert" data-testid="audit-chain" data-state="broken">
      ✗ Audit chain broken at event #{d.firstBroken?.seq}: {d.firstBroken?.message}
    </p>
  );
}
