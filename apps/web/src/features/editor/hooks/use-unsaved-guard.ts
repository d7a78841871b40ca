import { useEffect } from 'react';
import { isDirty } from '../state/is-dirty';
import { useEditorStores } from './use-editor-stores';

/** Asks the browser to confirm leaving the page while the document has unsaved edits. */
export function useUnsavedGuard() {
  const { doc } = useEditorStores();
  useEffect(() => {
    const onBeforeUnload = (e: BeforeUnloadEvent) => {
      if (isDirty(doc.getState())) e.preventDefault();
    };
    window.addEventListener('beforeunload', onBeforeUnload);
    return () => window.removeEventListener('beforeunload', onBeforeUnload);
  }, [doc]);
}
