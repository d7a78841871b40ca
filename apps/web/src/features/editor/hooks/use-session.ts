import { useStore } from 'zustand';
import type { SessionActions, SessionState } from '../state/session-store';
import { useEditorStores } from './use-editor-stores';

/** Subscribes to a slice of the session store (selection, panels, toasts: never saved). */
export function useSession<T>(selector: (s: SessionState & SessionActions) => T): T {
  return useStore(useEditorStores().session, selector);
}
