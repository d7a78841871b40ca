import { useQuery } from '@tanstack/react-query';
import type { Dataset } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Server state: one dataset with its column schema. */
export function useDataset(datasetId: string) {
  return useQuery({
    queryKey: queryKeys.dataset(datasetId),
    queryFn: () => apiFetch<Dataset>('GET', `/api/datasets/${seg(datasetId)}`),
  });
}
