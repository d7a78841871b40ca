import { TERMINAL, type Run } from '@studio/api';
import { useRun, useRunLogs, useCancelRun } from './api';
import { POLL_MS, useLiveRun } from './hooks/use-live-run';
import { elapsedSeconds, formatDuration } from './format-duration';
import { errorMessage } from '../../lib/error-message';
import { formatTime } from '../../lib/format-time';
import { ProjectNav } from '../../app/project-nav';
import { RunStatusBadge } from './components/run-status-badge';
import { RunProgress } from './components/run-progress';
import { LiveCharts } from './components/live-charts';
import { RunLogs } from './components/run-logs';
import { TuningLeaderboards } from './components/tuning-leaderboard';
import { tuningBoards } from './tuning-rows';
import { EvaluationView } from '../evaluation/evaluation-view';
import { RetryButton } from './components/retry-button';
import { DeployButton } from '../deployments/components/deploy-button';
import { DocumentHash } from '../validation/components/document-hash';
import { ValidationPanel } from '../validation/validation-panel';
import './runs.css';

/** One run: live progress, loss and AUC while it trains, then its evaluation; cancel or retry as it allows. */
export function RunPage({ projectId, runId }: { projectId: string; runId: string }) {
  const run = useRun(runId);
  return (
    <div className="page" data-testid="run-page">
      <ProjectNav projectId={projectId} current="runs" />
      <main className="scroll-page">
        {run.isPending && <p className="muted">Loading the run…</p>}
        {run.error && <p className="error-text">{errorMessage(run.error)}</p>}
        {run.data && <RunBody run={run.data} />}
      </main>
    </div>
  );
}

function RunBody({ run }: { run: Run }) {
  const logs = useRunLogs(run.id);
  const { live, polling } = useLiveRun(run, logs.data);
  const cancel = useCancelRun(run);
  if (!live) return null;
  const active = !TERMINAL.has(live.status);
  const failed = live.status === 'failed' || live.status === 'interrupted';
  const elapsed = active || run.finishedAt ? elapsedSeconds(run.startedAt, run.finishedAt) : null;
  return (
    <>
      <div className="run-head">
        <h1>
          Run of version {run.versionNumber} <RunStatusBadge status={live.status} />
        </h1>
        <span className="spacer" />
        {active && (
          <button
            className="danger"
            data-testid="cancel-run"
            disabled={cancel.isPending}
            onClick={() => cancel.mutate()}
          >
            {cancel.isPending ? 'Cancelling…' : 'Cancel'}
          </button>
        )}
        {failed && <RetryButton run={run} />}
        {live.status === 'succeeded' && <DocumentHash runId={run.id} />}
        {live.status === 'succeeded' && <DeployButton run={run} />}
      </div>
      <p className="small muted run-facts">
        Started {formatTime(run.startedAt ?? run.createdAt)} · {run.modelKind ?? 'model'} on{' '}
        {run.backend ?? 'CPU'} · seed {run.seed}
        {elapsed !== null && ` · ${active ? 'running for' : 'took'} ${formatDuration(elapsed)}`}
      </p>
      {polling && (
        <p className="notice info small" role="status" data-testid="run-polling">
          The live connection to the server dropped; showing this run by refreshing every {POLL_MS / 1000} s
          until it is back.
        </p>
      )}
      {live.status === 'interrupted' && (
        <p className="notice warn" data-testid="run-interrupted">
          The worker training this run stopped, and the run used all its attempts. Retry starts it again from
          the same version and seed.
        </p>
      )}
      {live.error && (
        // Cancelling is the analyst's own choice, not a failure: said plainly, without the alarm colour.
        <p
          className={`notice ${live.status === 'cancelled' ? 'info' : 'error'}`}
          role={live.status === 'cancelled' ? 'status' : 'alert'}
          data-testid="run-error"
        >
          {live.error}
        </p>
      )}
      {cancel.error && <p className="error-text">{errorMessage(cancel.error)}</p>}
      <RunProgress progress={live.progress} status={live.status} />
      <TuningLeaderboards
        boards={tuningBoards(run, live.progress, live.status)}
        labels={Object.fromEntries((run.evaluations ?? []).map((e) => [e.modelNodeId, e.label]))}
      />
      {run.warnings.length > 0 && (
        <ul className="notice warn small">
          {run.warnings.map((w) => (
            <li key={`${w.code}-${w.message}`}>{w.message}</li>
          ))}
        </ul>
      )}
      {live.status === 'succeeded' && <EvaluationView run={run} />}
      {live.status === 'succeeded' && <ValidationPanel run={run} />}
      <LiveCharts
        history={live.history}
        labels={Object.fromEntries((run.evaluations ?? []).map((e) => [e.modelNodeId, e.label]))}
        byTrees={run.modelKind === 'gbm'}
      />
      <section className="card">
        <h2>Logs</h2>
        <RunLogs logs={live.logs} />
      </section>
    </>
  );
}
