import { useQuery } from '@tanstack/react-query';
import type { GraphVersion } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Server state: one saved version with its graph, for read-only viewing; idle when versionId is null. */
export function useVersion(projectId: string, versionId: string | null) {
  return useQuery({
    queryKey: queryKeys.version(projectId, versionId ?? ''),
    queryFn: () =>
      apiFetch<GraphVersion>('GET', `/api/projects/${seg(projectId)}/versions/${seg(versionId ?? '')}`),
    enabled: versionId !== null,
    // Versions are immutable once saved.
    staleTime: Infinity,
  });
}
