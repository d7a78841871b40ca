import { useCallback } from 'react';
import { useEditorStores } from './use-editor-stores';
import { useStartRun } from '../../runs/api';
import { navigate } from '../../../app/route';
import { errorMessage } from '../../../lib/error-message';

/**
 * Train (button and Ctrl+Enter): saves the graph when it has unsaved changes, starts a run of that version
 * and opens the run page. A refused save (problems, stale version) stops here with the save's own message.
 */
export function useTrain(saveIfNeeded: () => Promise<string | null>) {
  const { projectId, session } = useEditorStores();
  const start = useStartRun(projectId);
  const { mutateAsync, isPending } = start;
  const train = useCallback(async () => {
    if (isPending) return;
    const versionId = await saveIfNeeded();
    if (!versionId) return;
    try {
      const run = await mutateAsync(versionId);
      navigate({ screen: 'run', projectId, runId: run.id });
    } catch (e) {
      session.getState().toast('error', `Training did not start: ${errorMessage(e)}`);
    }
  }, [saveIfNeeded, mutateAsync, isPending, projectId, session]);
  return { train, starting: isPending };
}
