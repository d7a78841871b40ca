import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { DatasetProfile } from '@studio/api';
import type { TableProfile } from '@studio/data';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/**
 * Server state: the profile of a dataset; with a target column it also carries bad rates per bin and the
 * leakage warnings. The previous profile stays on screen while another target's loads.
 */
export function useDatasetProfile(datasetId: string, target: string | null) {
  const query = target ? `?target=${encodeURIComponent(target)}` : '';
  return useQuery({
    queryKey: queryKeys.profile(datasetId, target),
    queryFn: () => apiFetch<DatasetProfile>('GET', `/api/datasets/${seg(datasetId)}/profile${query}`),
    // The wire type leaves `profile` open (a record); it is packages/data's TableProfile, made JSON-safe.
    select: (body) => body.profile as unknown as TableProfile,
    placeholderData: keepPreviousData,
    staleTime: Infinity,
  });
}
