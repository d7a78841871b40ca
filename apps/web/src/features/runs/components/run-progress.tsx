import { TERMINAL, type RunProgress as Progress, type RunStatus } from '@studio/api';
import { formatDuration } from '../format-duration';

/** The progress bar of a run with its phase, epoch, time left and throughput; full once the run succeeded. */
export function RunProgress({ progress, status }: { progress: Progress | null; status: RunStatus }) {
  const active = !TERMINAL.has(status);
  const fraction = status === 'succeeded' ? 1 : (progress?.fraction ?? 0);
  const percent = Math.round(fraction * 100);
  const phase =
    status === 'succeeded'
      ? 'finished'
      : status === 'queued' && !progress
        ? 'waiting for a worker'
        : (progress?.phase ?? status);
  return (
    <div className="run-progress">
      <div
        className={`progress big ${active ? 'active' : ''}`}
        role="progressbar"
        aria-label="Training progress"
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        data-testid="run-progress"
      >
        <div style={{ width: `${percent}%` }} />
      </div>
      <div className="run-progress-facts small">
        <span data-testid="run-phase">{phase}</span>
        <span>{percent}%</span>
        {progress?.epoch !== null && progress?.epoch !== undefined && <span>epoch {progress.epoch}</span>}
        {active && <span data-testid="run-eta">ETA {formatDuration(progress?.etaSeconds)}</span>}
        {progress?.rowsPerSec ? <span>{Math.round(progress.rowsPerSec).toLocaleString()} rows/s</span> : null}
      </div>
    </div>
  );
}
