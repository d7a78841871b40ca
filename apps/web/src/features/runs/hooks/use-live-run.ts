import { useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { TERMINAL, type Run, type RunEvent, type RunLog } from '@studio/api';
import { paths } from '@studio/api/routes';
import { queryKeys } from '../../../api/query-keys';
import { applyRunEvent, liveFromRun, type LiveRun } from '../live-run';
import { parseRunEvent } from '../parse-run-event';

const EVENT_NAMES = ['progress', 'log', 'status'] as const;
/** While the event stream is down, the run and its logs are refetched this often. */
export const POLL_MS = 2000;

/** A live run, and whether it is being polled because its event stream dropped. */
export interface LiveRunState {
  live: LiveRun | null;
  polling: boolean;
}

/**
 * A run as it trains: the fetched snapshot moved forward by the server-sent events of
 * `GET /api/runs/:id/events`. When the stream drops (a replica restarting, a proxy timing out), the run
 * and its logs are polled every POLL_MS until the stream is back; `polling` says so. When the run reaches a
 * final status it is refetched for its evaluation, WOE and scorecard.
 */
export function useLiveRun(run: Run | undefined, logs: readonly RunLog[] | undefined): LiveRunState {
  const qc = useQueryClient();
  const [events, setEvents] = useState<RunEvent[]>([]);
  const [polling, setPolling] = useState(false);
  const runId = run?.id;
  const finished = run ? TERMINAL.has(run.status) : true;

  useEffect(() => {
    if (!runId || finished) return;
    const refetch = () => {
      void qc.invalidateQueries({ queryKey: queryKeys.run(runId) });
      void qc.invalidateQueries({ queryKey: queryKeys.runLogs(runId) });
    };
    let poll: ReturnType<typeof setInterval> | null = null;
    const stopPolling = () => {
      if (poll) clearInterval(poll);
      poll = null;
      setPolling(false);
    };
    const source = new EventSource(paths.runEvents(runId));
    const onMessage = (e: MessageEvent<string>) => {
      const event = parseRunEvent(e.type, e.data);
      if (!event) return;
      setEvents((prev) => [...prev, event]);
      if (event.type === 'status' && TERMINAL.has(event.status)) {
        source.close();
        stopPolling();
        refetch();
        void qc.invalidateQueries({ queryKey: queryKeys.runs(run?.projectId ?? '') });
      }
    };
    for (const name of EVENT_NAMES) source.addEventListener(name, onMessage);
    // The stream resends the current state first, so the polled snapshot is its starting point again.
    source.onopen = () => {
      stopPolling();
      setEvents([]);
    };
    // The browser reconnects by itself (or gives up: CLOSED); until a stream is open again, poll.
    source.onerror = () => {
      if (poll) return;
      setPolling(true);
      setEvents([]);
      refetch();
      poll = setInterval(refetch, POLL_MS);
    };
    return () => {
      source.close();
      if (poll) clearInterval(poll);
    };
  }, [runId, finished, qc, run?.projectId]);

  const live = useMemo(
    () => (run ? events.reduce(applyRunEvent, liveFromRun(run, logs ?? [])) : null),
    [run, logs, events],
  );
  return { live, polling: polling && !finished };
}
