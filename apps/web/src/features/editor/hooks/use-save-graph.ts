import { useCallback } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { GraphVersion } from '@studio/api';
import { ApiError } from '../../../api/api-error';
import { queryKeys } from '../../../api/query-keys';
import { useSaveGraphMutation } from '../api';
import { errorMessage } from '../../../lib/error-message';
import { isDirty } from '../state/is-dirty';
import { useEditorStores } from './use-editor-stores';

/**
 * Saves the document as a new version. A 409 (someone else saved since this tab loaded) opens the stale-save
 * dialog with their version; a 422 lists the server's diagnostics in the problems tab. Nothing local is dropped.
 * `save` is the button and Ctrl+S; `saveIfNeeded` is for Train: it resolves to the version to run (the saved
 * one when nothing changed) or null when the graph could not be saved.
 */
export function useSaveGraph() {
  const { projectId, doc, session } = useEditorStores();
  const qc = useQueryClient();
  const mutation = useSaveGraphMutation(projectId);

  const run = useCallback(
    async (quietWhenClean: boolean): Promise<string | null> => {
      const s = session.getState();
      if (s.viewingVersionId !== null) {
        s.toast('info', 'You are viewing an older version. Go back to the current graph to save.');
        return null;
      }
      const { graph, baseVersionId } = doc.getState();
      if (baseVersionId !== null && !isDirty(doc.getState())) {
        if (!quietWhenClean) s.toast('info', 'No changes to save.');
        return baseVersionId;
      }
      try {
        const version = await mutation.mutateAsync({ graph, baseVersionId });
        doc.getState().saved(graph, version.id);
        s.toast('info', `Saved version ${version.number}.`);
        return version.id;
      } catch (e) {
        if (e instanceof ApiError && e.status === 409 && e.body.latest) {
          s.setStaleLatest(e.body.latest as GraphVersion);
        } else if (e instanceof ApiError && e.status === 422) {
          s.setTab('problems');
          // The server's 422 message already says the graph was not saved and what to fix.
          s.toast('error', e.message);
        } else {
          s.toast('error', `Not saved: ${errorMessage(e)}`);
        }
        return null;
      } finally {
        void qc.invalidateQueries({ queryKey: queryKeys.versions(projectId) });
        void qc.invalidateQueries({ queryKey: queryKeys.audit(projectId) });
        void qc.invalidateQueries({ queryKey: queryKeys.projects });
      }
    },
    [doc, session, mutation, qc, projectId],
  );

  const save = useCallback(() => void run(false), [run]);
  const saveIfNeeded = useCallback(() => run(true), [run]);
  return { save, saveIfNeeded, saving: mutation.isPending };
}
