import { useContext } from 'react';
import { UnexpectedError } from '@studio/ir/errors';
import { EditorContext, type EditorStores } from '../editor-context';

/** The open editor's stores; a component outside the editor calling this is a bug. */
export function useEditorStores(): EditorStores {
  const stores = useContext(EditorContext);
  if (!stores) throw new UnexpectedError('WEB_NO_EDITOR', 'useEditorStores used outside <EditorContext>');
  return stores;
}
