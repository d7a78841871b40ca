import { useQuery } from '@tanstack/react-query';
import type { GraphDiff } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Server state: the readable changes between two saved versions; idle until both are chosen. */
export function useVersionDiff(projectId: string, from: string | null, to: string | null) {
  return useQuery({
    queryKey: queryKeys.diff(projectId, from ?? '', to ?? ''),
    queryFn: () =>
      apiFetch<GraphDiff>(
        'GET',
        `/api/projects/${seg(projectId)}/diff?from=${seg(from ?? '')}&to=${seg(to ?? '')}`,
      ),
    enabled: from !== null && to !== null && from !== to,
    staleTime: Infinity,
  });
}
