import type { RunProgress as Progress } from '@studio/api';
import { formatDuration } from '../runs/format-duration';

/** The progress bar of a run with its phase, epoch, time left and throughput. */
export function RunProgress({ progress, active }: { progress: Progress | null; active: boolean }) {
  const fraction = progress?.fraction ?? 0;
  const percent = Math.round(fraction * 100);
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
        <span data-testid="run-phase">{progress?.phase ?? (active ? 'waiting for a worker' : '—')}</span>
        <span>{percent}%</span>
        {progress?.epoch !== null && progress?.epoch !== undefined && <span>epoch {progress.epoch}</span>}
        {active && <span data-testid="run-eta">ETA {formatDuration(progress?.etaSeconds)}</span>}
        {progress?.rowsPerSec ? <span>{Math.round(progress.rowsPerSec).toLocaleString()} rows/s</span> : null}
      </div>
    </div>
  );
}
