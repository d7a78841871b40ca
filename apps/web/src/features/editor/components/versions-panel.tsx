import { useState } from 'react';
import { useVersions } from '../api';
import { useEditorStores } from '../hooks/use-editor-stores';
import { useSession } from '../hooks/use-session';
import { errorMessage } from '../../../lib/error-message';
import { formatTime } from '../../../lib/format-time';
import { VersionDiff } from './version-diff';

/** Saved versions, newest first: open one read-only, or pick two to see a readable diff. */
export function VersionsPanel() {
  const { projectId, session } = useEditorStores();
  const versions = useVersions(projectId);
  const viewing = useSession((s) => s.viewingVersionId);
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);

  if (versions.isPending) return <p className="muted">Loading…</p>;
  if (versions.error) return <p className="error-text">{errorMessage(versions.error)}</p>;
  if (versions.data.length === 0)
    return <p className="muted">Not saved yet. Press Ctrl+S to save the first version.</p>;
  const options = versions.data.map((v) => (
    <option key={v.id} value={v.id}>
      v{v.number}
    </option>
  ));
  return (
    <div data-testid="versions-panel">
      <ul className="list" data-testid="version-list">
        {versions.data.map((v) => (
          <li key={v.id} className="version-row" data-testid="version-row">
            <div className="grow">
              <strong>v{v.number}</strong> {v.message && <span>{v.message}</span>}
              <div className="muted small">
                {v.author.name} · {formatTime(v.createdAt)}
              </div>
            </div>
            <button
              data-testid="open-version"
              disabled={viewing === v.id}
              onClick={() => session.getState().viewVersion(v.id)}
            >
              {viewing === v.id ? 'Open' : 'View'}
            </button>
          </li>
        ))}
      </ul>
      <h2>Compare versions</h2>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <select data-testid="diff-from" value={from ?? ''} onChange={(e) => setFrom(e.target.value || null)}>
          <option value="">from…</option>
          {options}
        </select>
        →
        <select data-testid="diff-to" value={to ?? ''} onChange={(e) => setTo(e.target.value || null)}>
          <option value="">to…</option>
          {options}
        </select>
      </div>
      <VersionDiff projectId={projectId} from={from} to={to} />
    </div>
  );
}
