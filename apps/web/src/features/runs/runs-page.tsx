import { useState } from 'react';
import { useRuns } from './api';
import { navigate } from '../../app/route';
import { errorMessage } from '../../lib/error-message';
import { formatTime } from '../../lib/format-time';
import { elapsedSeconds, formatDuration } from './format-duration';
import { fixed3 } from '../../lib/format-metric';
import { TERMINAL } from '@studio/api';
import { ProjectNav } from '../../app/project-nav';
import { RunStatusBadge } from './components/run-status-badge';
import { RetryButton } from './components/retry-button';
import './runs.css';

/** A project's runs, newest first, with status and AUC; tick two or more to compare them side by side. */
export function RunsPage({ projectId }: { projectId: string }) {
  const runs = useRuns(projectId);
  const [picked, setPicked] = useState<string[]>([]);
  const toggle = (id: string) => setPicked((p) => (p.includes(id) ? p.filter((x) => x !== id) : [...p, id]));
  const comparable = (runs.data ?? []).filter((r) => picked.includes(r.id) && r.evaluation);
  return (
    <div className="page" data-testid="runs-page">
      <ProjectNav projectId={projectId} current="runs">
        <button
          className="primary"
          data-testid="compare-runs"
          disabled={comparable.length < 2}
          title="Tick two or more finished runs"
          onClick={() =>
            // Oldest first, so deltas read as "what the later change did".
            navigate({ screen: 'compare', projectId, runIds: [...comparable].reverse().map((r) => r.id) })
          }
        >
          Compare {comparable.length >= 2 ? `(${comparable.length})` : ''}
        </button>
      </ProjectNav>
      <main className="scroll-page">
        <h1>Runs</h1>
        {runs.isPending && <p className="muted">Loading runs…</p>}
        {runs.error && <p className="error-text">{errorMessage(runs.error)}</p>}
        {runs.data?.length === 0 && (
          <p className="muted">No runs yet. Open the graph and press Train (Ctrl+Enter).</p>
        )}
        {runs.data && runs.data.length > 0 && (
          <table className="data-table runs-table" data-testid="runs-table">
            <thead>
              <tr>
                <th scope="col">
                  <span className="sr-only">Compare</span>
                </th>
                <th scope="col">Version</th>
                <th scope="col">Status</th>
                <th scope="col">Started</th>
                <th scope="col">Duration</th>
                <th scope="col" className="num">
                  AUC
                </th>
                <th scope="col" className="num">
                  KS
                </th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {runs.data.map((r) => (
                <tr key={r.id} data-testid="run-row">
                  <td>
                    <input
                      type="checkbox"
                      aria-label={`Compare the run of version ${r.versionNumber}`}
                      data-testid="compare-check"
                      checked={picked.includes(r.id)}
                      disabled={!r.evaluation}
                      onChange={() => toggle(r.id)}
                    />
                  </td>
                  <td>v{r.versionNumber}</td>
                  <td>
                    <RunStatusBadge status={r.status} />
                    {r.status === 'running' && r.progress && (
                      <span className="small muted"> {Math.round(r.progress.fraction * 100)}%</span>
                    )}
                  </td>
                  <td>{formatTime(r.startedAt ?? r.createdAt)}</td>
                  <td>
                    {/* A run that ended without a finish time (interrupted) has no meaningful duration. */}
                    {TERMINAL.has(r.status) && !r.finishedAt
                      ? '—'
                      : formatDuration(elapsedSeconds(r.startedAt, r.finishedAt))}
                  </td>
                  <td className="num">{fixed3(r.evaluation?.auc)}</td>
                  <td className="num">{fixed3(r.evaluation?.ks)}</td>
                  <td className="row-actions">
                    {r.status === 'interrupted' && <RetryButton run={r} />}
                    <button
                      data-testid="open-run"
                      onClick={() => navigate({ screen: 'run', projectId, runId: r.id })}
                    >
                      Open
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </main>
    </div>
  );
}
