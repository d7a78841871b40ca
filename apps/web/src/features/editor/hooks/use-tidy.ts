import { useCallback, useRef } from 'react';
import { useReactFlow } from '@xyflow/react';
import type { EditorCommands } from '../state/editor-commands';
import { FIT_VIEW_OPTIONS } from '../layout/fit-view';
import { errorMessage } from '../../../lib/error-message';
import { useEditorStores } from './use-editor-stores';

/** The Tidy command as the button and the L key run it: lay out, fit the result, and say how to undo it. */
export function useTidy(commands: EditorCommands, readOnly: boolean): () => void {
  const { session } = useEditorStores();
  const flow = useReactFlow();
  const running = useRef(false);
  return useCallback(() => {
    if (readOnly || running.current) return;
    running.current = true;
    commands
      .tidy()
      .then((moved) => {
        const s = session.getState();
        if (moved === 0) s.toast('info', 'Already tidy: no node moved.');
        else {
          s.toast('info', `Tidied: ${moved} node${moved === 1 ? '' : 's'} moved (Ctrl+Z undoes it).`);
          // After React Flow has drawn the new positions.
          requestAnimationFrame(() => void flow.fitView({ ...FIT_VIEW_OPTIONS, duration: 200 }));
        }
      })
      .catch((e: unknown) => session.getState().toast('error', `Tidy failed: ${errorMessage(e)}`))
      .finally(() => {
        running.current = false;
      });
  }, [commands, readOnly, session, flow]);
}
