import { useQuery } from '@tanstack/react-query';
import type { Run } from '@studio/api';
import { apiFetch, seg } from '../../api/client';
import { queryKeys } from '../../api/query-keys';
import { TERMINAL } from './live-run';

/** Server state: a project's runs, newest first; polled every 2 s while one of them is still going. */
export function useRuns(projectId: string) {
  return useQuery({
    queryKey: queryKeys.runs(projectId),
    queryFn: () => apiFetch<Run[]>('GET', `/api/projects/${seg(projectId)}/runs`),
    refetchInterval: (q) => (q.state.data?.some((r) => !TERMINAL.has(r.status)) ? 2000 : false),
  });
}
