import { useQuery } from '@tanstack/react-query';
import type { EngineInfo } from '@studio/api';
import { apiFetch } from '../api/client';
import { paths } from '@studio/api/routes';
import { queryKeys } from '../api/query-keys';

/** What the server's engine runs on (fixed for the life of the server process). */
export function useEngineInfo() {
  return useQuery({
    queryKey: queryKeys.engine,
    queryFn: () => apiFetch<EngineInfo>('GET', paths.engine()),
    staleTime: Infinity,
  });
}
