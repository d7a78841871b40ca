import type { RunProgress, TuningReport } from '@studio/api';
import type { TrainProgress } from '@studio/engine';
import type { HistoryPoint } from '../run-types';

/** Trials a live leaderboard carries; the run's facts keep every trial once the search is done. */
export const LIVE_TRIALS = 200;

// A copy, because the record is serialised later while the leaderboard keeps growing; a long time-budgeted
// search sends its best LIVE_TRIALS (the highest rungs first), not a record that grows every second.
function liveBoard(t: TuningReport): TuningReport {
  if (t.trials.length <= LIVE_TRIALS) return { ...t, trials: [...t.trials] };
  const sign = t.metric === 'logloss' ? 1 : -1;
  const best = [...t.trials]
    .sort((a, b) => b.rung - a.rung || sign * (a.score - b.score) || a.trial - b.trial)
    .slice(0, LIVE_TRIALS);
  return { ...t, trials: best };
}

/** Turns phases and engine progress into the Run DTO's progress record, with a time-left estimate. */
export class ProgressMeter {
  private readonly started = performance.now();
  private readonly tunings = new Map<string, TuningReport>();

  constructor(private readonly emit: (p: RunProgress, point: HistoryPoint | null) => void) {}

  /** Reports a phase reaching `fraction` of the whole run. */
  phase(phase: string, fraction: number): void {
    this.emit(this.record(phase, fraction, null), null);
  }

  /** Reports a Tune node's leaderboard; every later record carries it, so it stays on the run page. */
  tuning(phase: string, fraction: number, report: TuningReport): void {
    this.tunings.set(report.nodeId, report);
    this.phase(phase, fraction);
  }

  /**
   * Reports engine progress inside a training phase spanning [from, to] of the run, with its learning-curve
   * point, labelled with the model it belongs to.
   */
  training(
    phase: string,
    span: [number, number],
    p: TrainProgress,
    epochs: number,
    model?: Pick<HistoryPoint, 'nodeId' | 'modelKind'>,
  ): HistoryPoint {
    const done = Math.min(1, Math.max(0, p.epoch / Math.max(1, epochs)));
    const point = {
      step: p.step,
      epoch: p.epoch,
      loss: Number.isFinite(p.loss) ? p.loss : 0,
      valLoss: p.valLoss ?? null,
      valAuc: p.valAuc ?? null,
      ...model,
    };
    this.emit(this.record(phase, span[0] + (span[1] - span[0]) * done, p), point);
    return point;
  }

  private record(phase: string, fraction: number, p: TrainProgress | null): RunProgress {
    const elapsed = (performance.now() - this.started) / 1000;
    const f = Math.min(1, Math.max(0, fraction));
    return {
      phase,
      fraction: f,
      etaSeconds: f > 0.05 && f < 1 ? (elapsed * (1 - f)) / f : null,
      epoch: p ? p.epoch : null,
      step: p ? p.step : null,
      loss: p && Number.isFinite(p.loss) ? p.loss : null,
      valLoss: p?.valLoss ?? null,
      valAuc: p?.valAuc ?? null,
      rowsPerSec: p ? p.rowsPerSec : null,
      ...(this.tunings.size > 0 ? { tunings: [...this.tunings.values()].map(liveBoard) } : {}),
    };
  }
}
