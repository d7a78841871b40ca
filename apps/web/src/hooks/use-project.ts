import { useQuery } from '@tanstack/react-query';
import type { ProjectDetail } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Server state: one project with its head graph version. */
export function useProject(projectId: string) {
  return useQuery({
    queryKey: queryKeys.project(projectId),
    queryFn: () => apiFetch<ProjectDetail>('GET', `/api/projects/${seg(projectId)}`),
    // The editor owns the document once loaded; refetching on focus would fight unsaved edits.
    refetchOnWindowFocus: false,
  });
}
