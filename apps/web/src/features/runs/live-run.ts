import {
  TERMINAL,
  type Run,
  type RunEvent,
  type RunLog,
  type RunProgress,
  type RunStatus,
} from '@studio/api';

/** One point of the live loss / validation-AUC chart. */
export type HistoryPoint = Run['history'][number];

/** What the run page shows while a run trains: the last GET of the run, moved forward by each SSE event. */
export interface LiveRun {
  status: RunStatus;
  error: string | null;
  progress: RunProgress | null;
  history: HistoryPoint[];
  logs: RunLog[];
}

/** The starting state from a fetched run and its logs. */
export function liveFromRun(run: Run, logs: readonly RunLog[] = []): LiveRun {
  return {
    status: run.status,
    error: run.error?.message ?? null,
    progress: run.progress,
    history: [...run.history],
    logs: [...logs],
  };
}

/**
 * Applies one server-sent event. History points are keyed by step, so an event stream that replays what the
 * GET already returned (after a reconnect) does not draw the same point twice. A terminal status is final:
 * a late progress event cannot bring a finished run back to "running".
 */
export function applyRunEvent(state: LiveRun, event: RunEvent): LiveRun {
  switch (event.type) {
    case 'progress': {
      const history = event.point ? upsertPoint(state.history, event.point) : state.history;
      const status = TERMINAL.has(state.status) ? state.status : 'running';
      return { ...state, status, progress: event.progress, history };
    }
    case 'log':
      if (state.logs.some((l) => l.at === event.log.at && l.message === event.log.message)) return state;
      return { ...state, logs: [...state.logs, event.log] };
    case 'status':
      // A replayed "running" after the snapshot already said "succeeded" is old news.
      if (TERMINAL.has(state.status) && !TERMINAL.has(event.status)) return state;
      return { ...state, status: event.status, error: event.error };
  }
}

function upsertPoint(history: HistoryPoint[], point: HistoryPoint): HistoryPoint[] {
  // Each model of a run has its own curve (steps restart at 1 for the next model).
  const same = (p: HistoryPoint) => p.nodeId === point.nodeId;
  const last = history.findLast(same);
  if (!last || last.step < point.step) return [...history, point];
  const i = history.findIndex((p) => same(p) && p.step === point.step);
  if (i >= 0) return history.map((p, j) => (j === i ? point : p));
  return [...history, point].sort((a, b) => a.step - b.step);
}
