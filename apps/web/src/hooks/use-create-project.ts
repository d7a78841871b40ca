import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Project } from '@studio/api';
import { apiFetch } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Creates a project and refreshes the list. */
export function useCreateProject() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { name: string; description?: string }) =>
      apiFetch<Project>('POST', '/api/projects', body),
    onSuccess: () => qc.invalidateQueries({ queryKey: queryKeys.projects }),
  });
}
