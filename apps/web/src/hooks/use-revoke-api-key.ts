import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ApiKey } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Revokes an API key: requests carrying it are refused from then on. */
export function useRevokeApiKey(deploymentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) =>
      apiFetch<ApiKey>('POST', `/api/deployments/${seg(deploymentId)}/keys/${seg(keyId)}/revoke`),
    onSettled: () => void qc.invalidateQueries({ queryKey: queryKeys.apiKeys(deploymentId) }),
  });
}
