import { useQuery } from '@tanstack/react-query';
import type { Template } from '@studio/api';
import { apiFetch } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** Server state: the ready-made graphs a project can start from. */
export function useTemplates() {
  return useQuery({
    queryKey: queryKeys.templates,
    queryFn: () => apiFetch<Template[]>('GET', '/api/templates'),
    staleTime: Infinity,
  });
}
