import { useQuery } from '@tanstack/react-query';
import type { Project } from '@studio/api';
import { apiFetch } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

/** Server state: every project the current user can see. */
export function useProjects() {
  return useQuery({
    queryKey: queryKeys.projects,
    queryFn: () => apiFetch<Project[]>('GET', '/api/projects'),
  });
}
