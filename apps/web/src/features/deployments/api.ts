import { useQuery } from '@tanstack/react-query';
import type { Deployment } from '@studio/api';
import { apiFetch, seg } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

/** Server state: every version of every deployment of a project. */
export function useDeployments(projectId: string) {
  return useQuery({
    queryKey: queryKeys.deployments(projectId),
    queryFn: () => apiFetch<Deployment[]>('GET', `/api/projects/${seg(projectId)}/deployments`),
  });
}
