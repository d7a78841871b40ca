import { useQuery } from '@tanstack/react-query';
import type { ApiKey } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Server state: the API keys of a deployment's slug (prefixes only, never the secrets). */
export function useApiKeys(deploymentId: string) {
  return useQuery({
    queryKey: queryKeys.apiKeys(deploymentId),
    queryFn: () => apiFetch<ApiKey[]>('GET', `/api/deployments/${seg(deploymentId)}/keys`),
  });
}
