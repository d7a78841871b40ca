import type { DocumentState } from './document-store';

/** True when the document differs from what was last loaded or saved (undoing back to it counts as clean). */
export function isDirty(s: Pick<DocumentState, 'graph' | 'savedGraph'>): boolean {
  return s.graph !== s.savedGraph && JSON.stringify(s.graph) !== JSON.stringify(s.savedGraph);
}
