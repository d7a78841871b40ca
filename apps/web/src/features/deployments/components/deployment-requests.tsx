import { useState } from 'react';
import type { DeploymentRequest } from '@studio/api';
import { paths } from '@studio/api/routes';
import { useDecideRequest, useDeploymentRequests } from '../api';
import { errorMessage } from '../../../lib/error-message';
import { formatTime } from '../../../lib/format-time';
import { useCan } from '../../auth/api';

/**
 * Four-eyes review: each request shows the run's evaluation, the data it used (name, hash) and the graph
 * changes since the live version; an approver other than the requester and the graph's author approves with
 * a comment or rejects with reasons. What the viewer may not do stays visible, disabled, with the reason.
 */
export function DeploymentRequests({ projectId }: { projectId: string }) {
  const requests = useDeploymentRequests(projectId);
  if (requests.isPending) return <p className="muted">Loading deployment requests…</p>;
  if (requests.error) return <p className="error-text">{errorMessage(requests.error)}</p>;
  if (requests.data.length === 0) return null;
  return (
    <section data-testid="deployment-requests">
      <h2>Deployment requests</h2>
      {requests.data.map((r) => (
        <RequestCard key={r.id} projectId={projectId} request={r} />
      ))}
    </section>
  );
}

function RequestCard({ projectId, request: r }: { projectId: string; request: DeploymentRequest }) {
  const decide = useDecideRequest(projectId);
  const canApprove = useCan('approveDeployment');
  const [text, setText] = useState('');
  const reason = !canApprove.allowed ? canApprove.reason : (r.canDecide.reason ?? undefined);
  const allowed = canApprove.allowed && r.canDecide.allowed;
  const empty = text.trim().length === 0;
  return (
    <article
      className="request-card"
      data-testid="deployment-request"
      data-status={r.status}
      data-request-id={r.id}
    >
      <header>
        <strong>{r.slug}</strong> from run {r.runId.slice(0, 8)} (graph v{r.graphVersionNumber ?? '?'} by{' '}
        {r.graphAuthor.name}) — <span data-testid="request-status">{r.status}</span>
      </header>
      <p className="small muted">
        Requested by {r.requestedBy.name}, {formatTime(r.createdAt)}
        {r.note ? `: “${r.note}”` : ''}
      </p>
      <dl className="request-facts">
        <dt>Evaluation</dt>
        <dd data-testid="request-evaluation">
          {r.evaluation
            ? `AUC ${r.evaluation.auc.toFixed(4)} · Gini ${r.evaluation.gini.toFixed(4)} · KS ${r.evaluation.ks.toFixed(4)} · Brier ${r.evaluation.brier.toFixed(4)} on ${r.evaluation.rows} rows`
            : 'no evaluation recorded'}
        </dd>
        <dt>Data</dt>
        <dd data-testid="request-dataset">
          {r.dataset ? (
            <>
              {r.dataset.name} ({r.dataset.rowCount} rows), sha256 <code>{r.dataset.sha256}</code>
            </>
          ) : (
            'the dataset was deleted'
          )}
        </dd>
        <dt>Model document</dt>
        <dd data-testid="request-document">
          {r.documentHash ? (
            <>
              <a
                href={paths.runDocument(r.runId)}
                target="_blank"
                rel="noreferrer"
                data-testid="request-document-link"
              >
                Read the model document
              </a>{' '}
              (<a href={paths.runDocumentPdf(r.runId)}>PDF</a>), sha256{' '}
              <code data-testid="request-document-hash">{r.documentHash}</code>
              {r.status === 'pending' && (
                <span className="small muted"> — approving records this hash in the audit chain</span>
              )}
            </>
          ) : (
            'no model document (the run has none)'
          )}
        </dd>
        <dt>Changes since live</dt>
        <dd>
          {r.live
            ? `live: v${r.live.version} (graph v${r.live.graphVersionNumber ?? '?'})`
            : 'nothing live yet'}
          <ul className="change-lines" data-testid="request-diff">
            {r.graphChanges.length === 0 && <li>same graph as the live version</li>}
            {r.graphChanges.map((c, i) => (
              <li key={i}>{c.description}</li>
            ))}
          </ul>
        </dd>
      </dl>
      {r.status === 'pending' ? (
        <div className="request-decision">
          <textarea
            aria-label="Comment or reasons"
            data-testid="request-comment"
            placeholder="Comment (approval) or reasons (rejection): both go on the record"
            value={text}
            disabled={!allowed}
            title={reason}
            onChange={(e) => setText(e.target.value)}
          />
          <button
            className="primary"
            data-testid="request-approve"
            disabled={!allowed || empty || decide.isPending}
            title={reason ?? (empty ? 'Write a comment first' : 'Approve: the model goes live')}
            onClick={() => decide.mutate({ requestId: r.id, decision: 'approve', text })}
          >
            Approve
          </button>
          <button
            data-testid="request-reject"
            disabled={!allowed || empty || decide.isPending}
            title={reason ?? (empty ? 'Write the reasons first' : 'Reject with these reasons')}
            onClick={() => decide.mutate({ requestId: r.id, decision: 'reject', text })}
          >
            Reject
          </button>
          {reason && (
            <p className="small muted" data-testid="request-denied-reason">
              {reason}
            </p>
          )}
          {decide.error && (
            <p className="error-text" role="alert">
              {errorMessage(decide.error)}
            </p>
          )}
        </div>
      ) : (
        <p className="small" data-testid="request-decision">
          {r.status === 'approved' ? 'Approved' : 'Rejected'} by {r.decidedBy?.name}
          {r.decidedAt ? `, ${formatTime(r.decidedAt)}` : ''}: “{r.decisionComment}”
        </p>
      )}
    </article>
  );
}
