import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Run } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Starts a training run of one saved version of a project's graph. */
export function useStartRun(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (versionId: string) =>
      apiFetch<Run>('POST', `/api/projects/${seg(projectId)}/runs`, { versionId }),
    onSuccess: (run) => {
      qc.setQueryData(queryKeys.run(run.id), run);
      void qc.invalidateQueries({ queryKey: queryKeys.runs(projectId) });
      void qc.invalidateQueries({ queryKey: queryKeys.audit(projectId) });
    },
  });
}
