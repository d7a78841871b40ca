import { useQuery } from '@tanstack/react-query';
import type { Run } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Server state: one run with its progress, history and (once finished) evaluation, WOE and scorecard. */
export function useRun(runId: string) {
  return useQuery({
    queryKey: queryKeys.run(runId),
    queryFn: () => apiFetch<Run>('GET', `/api/runs/${seg(runId)}`),
    // Live updates come over SSE; refetching on focus would only rewind the chart to an older snapshot.
    refetchOnWindowFocus: false,
  });
}
