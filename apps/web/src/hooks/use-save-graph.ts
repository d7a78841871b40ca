import { useCallback } from 'react';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { GraphVersion, SaveGraphBody } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { ApiError } from '../api/api-error';
import { queryKeys } from '../api/query-keys';
import { errorMessage } from '../state/error-message';
import { isDirty } from '../state/is-dirty';
import { useEditorStores } from './use-editor-stores';

/**
 * Saves the document as a new version. A 409 (someone else saved since this tab loaded) opens the stale-save
 * dialog with their version; a 422 lists the server's diagnostics in the problems tab. Nothing local is dropped.
 */
export function useSaveGraph() {
  const { projectId, doc, session } = useEditorStores();
  const qc = useQueryClient();
  const mutation = useMutation({
    mutationFn: (body: SaveGraphBody) =>
      apiFetch<GraphVersion>('POST', `/api/projects/${seg(projectId)}/graph`, body),
  });

  const save = useCallback(() => {
    const s = session.getState();
    if (s.viewingVersionId !== null) {
      s.toast('info', 'You are viewing an older version. Go back to the current graph to save.');
      return;
    }
    const { graph, baseVersionId } = doc.getState();
    if (baseVersionId !== null && !isDirty(doc.getState())) {
      s.toast('info', 'No changes to save.');
      return;
    }
    mutation.mutate(
      { graph, baseVersionId },
      {
        onSuccess: (version) => {
          doc.getState().saved(graph, version.id);
          s.toast('info', `Saved version ${version.number}.`);
        },
        onError: (e) => {
          if (e instanceof ApiError && e.status === 409 && e.body.latest) {
            s.setStaleLatest(e.body.latest as GraphVersion);
          } else if (e instanceof ApiError && e.status === 422) {
            s.setTab('problems');
            // The server's 422 message already says the graph was not saved and what to fix.
            s.toast('error', e.message);
          } else {
            s.toast('error', `Not saved: ${errorMessage(e)}`);
          }
        },
        onSettled: () => {
          void qc.invalidateQueries({ queryKey: queryKeys.versions(projectId) });
          void qc.invalidateQueries({ queryKey: queryKeys.audit(projectId) });
          void qc.invalidateQueries({ queryKey: queryKeys.projects });
        },
      },
    );
  }, [doc, session, mutation, qc, projectId]);

  return { save, saving: mutation.isPending };
}
