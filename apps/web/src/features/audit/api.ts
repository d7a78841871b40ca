import { useQuery } from '@tanstack/react-query';
import type { AuditEvent, AuditVerification, ImportedHistory } from '@studio/api';
import { apiFetch } from '../../api/client';
import { paths } from '@studio/api/routes';
import { queryKeys } from '../../api/query-keys';

/** Server state: the project's audit trail, newest first. */
export function useAudit(projectId: string) {
  return useQuery({
    queryKey: queryKeys.audit(projectId),
    queryFn: async () => {
      const events = await apiFetch<AuditEvent[]>('GET', paths.audit({ projectId, limit: 200 }));
      return [...events].sort((a, b) => b.at.localeCompare(a.at) || (b.seq ?? 0) - (a.seq ?? 0));
    },
  });
}

/** Server state: the whole chain recomputed by the server (intact, or the first broken event). */
export function useAuditVerification() {
  return useQuery({
    queryKey: queryKeys.auditVerify,
    queryFn: () => apiFetch<AuditVerification>('GET', paths.auditVerify()),
  });
}

/** Server state: a bundle's own history kept with the project imported from it (never verified). */
export function useImportedHistory(projectId: string, enabled: boolean) {
  return useQuery({
    queryKey: queryKeys.importedHistory(projectId),
    queryFn: () => apiFetch<ImportedHistory>('GET', paths.projectImportedHistory(projectId)),
    enabled,
  });
}

/** Download links for auditors: the whole chain as JSON Lines or CSV. */
export const auditExportUrl = (format: 'jsonl' | 'csv') => paths.auditExport({ format });
