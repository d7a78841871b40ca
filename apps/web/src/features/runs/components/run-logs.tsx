import type { RunLog } from '@studio/api';

/** The run's log lines, newest last, warnings and errors marked (by word as well as colour). */
export function RunLogs({ logs }: { logs: readonly RunLog[] }) {
  if (logs.length === 0) return <p className="muted small">No log lines yet.</p>;
  return (
    <ol className="run-logs" data-testid="run-logs" aria-live="polite">
      {logs.map((l, i) => (
        <li key={i} className={`log-${l.level}`}>
          <time className="muted">{new Date(l.at).toLocaleTimeString()}</time>
          {l.level !== 'info' && <span className="log-level">{l.level}</span>}
          <span>{l.message}</span>
        </li>
      ))}
    </ol>
  );
}
