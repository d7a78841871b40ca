import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Run } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';
import { navigate } from '../app/route';

/** Starts an interrupted (or failed) run again, with the same version and seed, and opens the new run. */
export function useRetryRun(run: Pick<Run, 'id' | 'projectId'>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: () => apiFetch<Run>('POST', `/api/runs/${seg(run.id)}/retry`),
    onSuccess: (next) => {
      qc.setQueryData(queryKeys.run(next.id), next);
      void qc.invalidateQueries({ queryKey: queryKeys.run(run.id) });
      void qc.invalidateQueries({ queryKey: queryKeys.runs(run.projectId) });
      navigate({ screen: 'run', projectId: next.projectId, runId: next.id });
    },
  });
}
