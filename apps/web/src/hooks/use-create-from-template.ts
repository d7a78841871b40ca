import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProjectDetail } from '@studio/api';
import { apiFetch } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Creates a project whose first version is a template's graph (on the demo data or a copy of `datasetId`). */
export function useCreateFromTemplate() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: { templateId: string; name?: string; datasetId?: string }) =>
      apiFetch<ProjectDetail>('POST', '/api/projects/from-template', body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: queryKeys.projects }),
  });
}
