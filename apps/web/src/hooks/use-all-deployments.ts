import { useQueries } from '@tanstack/react-query';
import type { Deployment, Project } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Server state: the deployments of every listed project (the API lists them per project, one request each). */
export function useAllDeployments(projects: readonly Pick<Project, 'id'>[]) {
  return useQueries({
    queries: projects.map((p) => ({
      queryKey: queryKeys.deployments(p.id),
      queryFn: () => apiFetch<Deployment[]>('GET', `/api/projects/${seg(p.id)}/deployments`),
    })),
    combine: (results) => ({
      data: results.flatMap((r) => r.data ?? []),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
}
