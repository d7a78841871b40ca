import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Run } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Asks the server to stop a queued or running run; the final "cancelled" status arrives over SSE. */
export function useCancelRun(run: Pick<Run, 'id' | 'projectId'>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<Run>('POST', `/api/runs/${seg(run.id)}/cancel`),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.run(run.id) });
      void qc.invalidateQueries({ queryKey: queryKeys.runs(run.projectId) });
    },
  });
}
