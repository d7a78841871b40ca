import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { CreatedApiKey } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Creates an API key; the answer is the only place its secret ever appears. */
export function useCreateApiKey(deploymentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiFetch<CreatedApiKey>('POST', `/api/deployments/${seg(deploymentId)}/keys`, { name }),
    onSettled: () => void qc.invalidateQueries({ queryKey: queryKeys.apiKeys(deploymentId) }),
  });
}
