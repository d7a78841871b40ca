import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Prediction } from '@studio/api';
import { readResponse } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Scores one record against the live endpoint with an API key, exactly as a client system would. */
export function usePredict(deploymentId: string, url: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ key, record }: { key: string; record: Record<string, unknown> }) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(record),
      });
      return readResponse<Prediction>(res.status, await res.text());
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.deploymentStats(deploymentId) });
      void qc.invalidateQueries({ queryKey: queryKeys.deploymentPredictions(deploymentId) });
    },
  });
}
