import { useQueries } from '@tanstack/react-query';
import type { Run } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Server state: several runs at once (for the comparison page), in the order asked. */
export function useRunsById(runIds: readonly string[]) {
  return useQueries({
    queries: runIds.map((id) => ({
      queryKey: queryKeys.run(id),
      queryFn: () => apiFetch<Run>('GET', `/api/runs/${seg(id)}`),
    })),
  });
}
