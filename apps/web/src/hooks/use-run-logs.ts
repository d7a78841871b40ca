import { useQuery } from '@tanstack/react-query';
import type { RunLog } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Server state: the log lines a run wrote so far (later lines arrive over SSE). */
export function useRunLogs(runId: string) {
  return useQuery({
    queryKey: queryKeys.runLogs(runId),
    queryFn: () => apiFetch<RunLog[]>('GET', `/api/runs/${seg(runId)}/logs`),
    refetchOnWindowFocus: false,
  });
}
