import { useQuery } from '@tanstack/react-query';
import type { Dataset } from '@studio/api';
import { apiFetch, seg } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

/** Server state: the datasets uploaded to a project (with their column schemas, for the inspector's selects). */
export function useDatasets(projectId: string) {
  return useQuery({
    queryKey: queryKeys.datasets(projectId),
    queryFn: () => apiFetch<Dataset[]>('GET', `/api/projects/${seg(projectId)}/datasets`),
  });
}
