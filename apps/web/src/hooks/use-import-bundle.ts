import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { ProjectDetail } from '@studio/api';
import { readResponse } from '../api/client';
import { queryKeys } from '../api/query-keys';
import { navigate } from '../app/route';

/** Sends a project bundle (zip) to the server as a new project and opens it. */
export function useImportBundle() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (file: File) => {
      const res = await fetch('/api/projects/import', {
        method: 'POST',
        headers: { 'content-type': 'application/zip', accept: 'application/json' },
        body: file,
      });
      return readResponse<ProjectDetail>(res.status, await res.text());
    },
    onSuccess: (p) => {
      void qc.invalidateQueries({ queryKey: queryKeys.projects });
      navigate({ screen: 'editor', projectId: p.id });
    },
  });
}
