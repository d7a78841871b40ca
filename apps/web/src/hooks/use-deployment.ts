import { useQuery } from '@tanstack/react-query';
import type { Deployment } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Server state: one deployment version. */
export function useDeployment(deploymentId: string) {
  return useQuery({
    queryKey: queryKeys.deployment(deploymentId),
    queryFn: () => apiFetch<Deployment>('GET', `/api/deployments/${seg(deploymentId)}`),
  });
}
