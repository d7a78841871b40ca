import { useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '@studio/api';
import { apiFetch, seg } from '../../api/client';
import { queryKeys } from '../../api/query-keys';

/** Server state: the project's audit trail, newest first. */
export function useAudit(projectId: string) {
  return useQuery({
    queryKey: queryKeys.audit(projectId),
    queryFn: async () => {
      const events = await apiFetch<AuditEvent[]>('GET', `/api/audit?projectId=${seg(projectId)}&limit=200`);
      return [...events].sort((a, b) => b.at.localeCompare(a.at));
    },
  });
}
