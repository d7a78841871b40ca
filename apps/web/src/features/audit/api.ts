import { useQuery } from '@tanstack/react-query';
import type { AuditEvent } from '@studio/api';
import { apiFetch } from '../../api/client';
import { paths } from '@studio/api/routes';
import { queryKeys } from '../../api/query-keys';

/** Server state: the project's audit trail, newest first. */
export function useAudit(projectId: string) {
  return useQuery({
    queryKey: queryKeys.audit(projectId),
    queryFn: async () => {
      const events = await apiFetch<AuditEvent[]>('GET', paths.audit({ projectId, limit: 200 }));
      return [...events].sort((a, b) => b.at.localeCompare(a.at));
    },
  });
}
