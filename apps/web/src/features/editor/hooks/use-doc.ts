import { useStore } from 'zustand';
import type { DocumentActions, DocumentState } from '../state/document-store';
import { useEditorStores } from './use-editor-stores';

/** Subscribes to a slice of the document store (the persisted graph and its history). */
export function useDoc<T>(selector: (s: DocumentState & DocumentActions) => T): T {
  return useStore(useEditorStores().doc, selector);
}
