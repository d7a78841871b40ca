import { createContext } from 'react';
import type { DocumentStore } from './state/document-store';
import type { SessionStore } from './state/session-store';

/** The stores of the open editor: one document store and one session store per project tab. */
export interface EditorStores {
  projectId: string;
  doc: DocumentStore;
  session: SessionStore;
}

export const EditorContext = createContext<EditorStores | null>(null);
