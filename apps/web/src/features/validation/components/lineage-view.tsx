import { paths } from '@studio/api/routes';
import { routeHash } from '../../../app/route';
import { errorMessage } from '../../../lib/error-message';
import { useLineage } from '../api';

const short = (sha: string) => sha.slice(0, 12);

/** Dataset → graph version → run → artifacts → deployments, each a link to where it lives. */
export function LineageView({ projectId, runId }: { projectId: string; runId: string }) {
  const q = useLineage(runId);
  if (q.isPending) return <p className="muted small">Loading the lineage…</p>;
  if (q.error) return <p className="error-text">{errorMessage(q.error)}</p>;
  const l = q.data;
  return (
    <ol className="lineage" data-testid="lineage">
      <li data-testid="lineage-dataset">
        <b>Dataset</b>{' '}
        {l.dataset ? (
          <>
            <a href={routeHash({ screen: 'dataset', projectId, datasetId: l.dataset.id })}>
              {l.dataset.name}
            </a>{' '}
            · {l.dataset.rows} rows · <code title={l.dataset.sha256}>sha256 {short(l.dataset.sha256)}</code> ·{' '}
            <a href={l.dataset.profileUrl} target="_blank" rel="noreferrer">
              profile
            </a>
          </>
        ) : (
          'deleted'
        )}
      </li>
      <li data-testid="lineage-version">
        <b>Graph version</b> <a href={routeHash({ screen: 'editor', projectId })}>v{l.graphVersion.number}</a>{' '}
        by {l.graphVersion.author} ·{' '}
        <code title={l.graphVersion.hash}>hash {short(l.graphVersion.hash)}</code>
      </li>
      <li data-testid="lineage-run">
        <b>Run</b> <a href={routeHash({ screen: 'run', projectId, runId })}>{l.run.id}</a> · seed {l.run.seed}{' '}
        · engine {l.run.engineVersion ?? '–'} · {l.run.device ?? 'cpu'}
      </li>
      {l.artifacts.map((a) => (
        <li key={`${a.kind}-${a.sha256}`} data-testid="lineage-artifact">
          <b>{a.kind}</b>
          {a.modelNodeId ? ` (${a.modelNodeId})` : ''} ·{' '}
          <a href={paths.runLineage(runId)} target="_blank" rel="noreferrer" title={a.sha256}>
            sha256 {short(a.sha256)}
          </a>{' '}
          · {a.sizeBytes} bytes
        </li>
      ))}
      {l.document && (
        <li data-testid="lineage-document">
          <b>Model document</b>{' '}
          <a href={paths.runDocument(runId)} target="_blank" rel="noreferrer" title={l.document.sha256}>
            sha256 {short(l.document.sha256)}
          </a>
        </li>
      )}
      {l.deployments.map((d) => (
        <li key={d.id} data-testid="lineage-deployment">
          <b>Deployment</b>{' '}
          <a href={routeHash({ screen: 'deployment', projectId, deploymentId: d.id })}>
            {d.slug} v{d.version}
          </a>{' '}
          · {d.status} · requested by {d.requestedBy} ·{' '}
          {d.approvedBy ? `approved by ${d.approvedBy}` : 'approval waived (single-user mode)'} · live{' '}
          {d.liveAt ?? 'never'}
        </li>
      ))}
      {l.deployments.length === 0 && <li className="muted">Not deployed.</li>}
    </ol>
  );
}
