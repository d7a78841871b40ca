import { useQuery } from '@tanstack/react-query';
import type { LoggedPrediction } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';
import { STATS_POLL_MS } from './use-deployment-stats';

/** Server state: the newest logged predictions of a deployment's slug, polled with the statistics. */
export function useDeploymentPredictions(deploymentId: string, limit = 20) {
  return useQuery({
    queryKey: queryKeys.deploymentPredictions(deploymentId),
    queryFn: () =>
      apiFetch<LoggedPrediction[]>('GET', `/api/deployments/${seg(deploymentId)}/predictions?limit=${limit}`),
    refetchInterval: STATS_POLL_MS,
  });
}
