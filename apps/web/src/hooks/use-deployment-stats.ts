import { useQuery } from '@tanstack/react-query';
import type { DeploymentStats } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** How often the deployment page polls traffic, latency and PSI. */
export const STATS_POLL_MS = 5000;

/** Server state: live statistics of a deployment's slug, polled while the page is open. */
export function useDeploymentStats(deploymentId: string) {
  return useQuery({
    queryKey: queryKeys.deploymentStats(deploymentId),
    queryFn: () => apiFetch<DeploymentStats>('GET', `/api/deployments/${seg(deploymentId)}/stats`),
    refetchInterval: STATS_POLL_MS,
  });
}
