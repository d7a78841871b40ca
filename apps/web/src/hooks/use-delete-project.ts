import { useMutation, useQueryClient } from '@tanstack/react-query';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Deletes a project and refreshes the list. */
export function useDeleteProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (projectId: string) => apiFetch<unknown>('DELETE', `/api/projects/${seg(projectId)}`),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.projects }),
  });
}
