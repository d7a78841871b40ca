import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { AddFindingBody, RunFinding, RunLineage, UpdateFindingBody } from '@studio/api';
import { paths } from '@studio/api/routes';
import { apiFetch, readResponse } from '../../api/client';

/** Query keys of this feature, under the run's own key so invalidating a run refreshes them too. */
export const validationKeys = {
  lineage: (runId: string) => ['runs', runId, 'lineage'] as const,
  document: (runId: string) => ['runs', runId, 'document'] as const,
  findings: (runId: string) => ['runs', runId, 'findings'] as const,
};

/** Server state: where the run's model comes from and where it went. */
export function useLineage(runId: string) {
  return useQuery({
    queryKey: validationKeys.lineage(runId),
    queryFn: () => apiFetch<RunLineage>('GET', paths.runLineage(runId)),
  });
}

/**
 * Server state: the model document's content hash. Asking for the document writes it when the run has none yet,
 * so the hash shown next to Deploy is the hash the deployment records.
 */
export function useDocumentHash(runId: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: validationKeys.document(runId),
    queryFn: async () => {
      const res = await fetch(paths.runDocument(runId), { headers: { accept: 'text/html' } });
      if (!res.ok) return readResponse<never>(res.status, await res.text());
      // The document may have been written by this request: the lineage lists it from now on.
      void qc.invalidateQueries({ queryKey: validationKeys.lineage(runId) });
      return { sha256: res.headers.get('x-document-sha256') ?? '' };
    },
    staleTime: Infinity,
  });
}

/** Server state: the validators' findings on a run. */
export function useFindings(runId: string) {
  return useQuery({
    queryKey: validationKeys.findings(runId),
    queryFn: () => apiFetch<RunFinding[]>('GET', paths.runFindings(runId)),
  });
}

export function useAddFinding(runId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: AddFindingBody) => apiFetch<RunFinding>('POST', paths.runFindings(runId), body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: validationKeys.findings(runId) }),
  });
}

export function useUpdateFinding(runId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ id, body }: { id: string; body: UpdateFindingBody }) =>
      apiFetch<RunFinding>('PATCH', paths.finding(id), body),
    onSuccess: () => void qc.invalidateQueries({ queryKey: validationKeys.findings(runId) }),
  });
}
