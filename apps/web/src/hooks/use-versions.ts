import { useQuery } from '@tanstack/react-query';
import type { GraphVersionSummary } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Server state: the saved versions of a project's graph, newest first. */
export function useVersions(projectId: string) {
  return useQuery({
    queryKey: queryKeys.versions(projectId),
    queryFn: async () => {
      const list = await apiFetch<GraphVersionSummary[]>('GET', `/api/projects/${seg(projectId)}/versions`);
      return [...list].sort((a, b) => b.number - a.number);
    },
  });
}
