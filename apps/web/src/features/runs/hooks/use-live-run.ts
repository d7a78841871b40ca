import { useEffect, useMemo, useState } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import { TERMINAL, type Run, type RunEvent, type RunLog } from '@studio/api';
import { paths } from '@studio/api/routes';
import { queryKeys } from '../../../api/query-keys';
import { applyRunEvent, liveFromRun, type LiveRun } from '../live-run';
import { parseRunEvent } from '../parse-run-event';

const EVENT_NAMES = ['progress', 'log', 'status'] as const;

/**
 * A run as it trains: the fetched snapshot moved forward by the server-sent events of
 * `GET /api/runs/:id/events`. When the stream reports a final status it closes, and the run is refetched
 * for its evaluation, WOE and scorecard.
 */
export function useLiveRun(run: Run | undefined, logs: readonly RunLog[] | undefined): LiveRun | null {
  const qc = useQueryClient();
  const [events, setEvents] = useState<RunEvent[]>([]);
  const runId = run?.id;
  const finished = run ? TERMINAL.has(run.status) : true;

  useEffect(() => {
    if (!runId || finished) return;
    const source = new EventSource(paths.runEvents(runId));
    const onMessage = (e: MessageEvent<string>) => {
      const event = parseRunEvent(e.type, e.data);
      if (!event) return;
      setEvents((prev) => [...prev, event]);
      if (event.type === 'status' && TERMINAL.has(event.status)) {
        source.close();
        void qc.invalidateQueries({ queryKey: queryKeys.run(runId) });
        void qc.invalidateQueries({ queryKey: queryKeys.runLogs(runId) });
        void qc.invalidateQueries({ queryKey: queryKeys.runs(run?.projectId ?? '') });
      }
    };
    for (const name of EVENT_NAMES) source.addEventListener(name, onMessage);
    // The browser reconnects by itself; a stream the server refused for good is replaced by one refetch.
    source.onerror = () => {
      if (source.readyState === EventSource.CLOSED)
        void qc.invalidateQueries({ queryKey: queryKeys.run(runId) });
    };
    return () => source.close();
  }, [runId, finished, qc, run?.projectId]);

  return useMemo(
    () => (run ? events.reduce(applyRunEvent, liveFromRun(run, logs ?? [])) : null),
    [run, logs, events],
  );
}
