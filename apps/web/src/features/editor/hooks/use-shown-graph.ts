import type { GraphIR } from '@studio/ir';
import { useDoc } from './use-doc';
import { useSession } from './use-session';
import { useEditorStores } from './use-editor-stores';
import { useVersion } from '../api';

/** The graph on the canvas: the working document, or an older saved version opened read-only. */
export function useShownGraph(): { graph: GraphIR; readOnly: boolean; versionNumber: number | null } {
  const { projectId } = useEditorStores();
  const working = useDoc((s) => s.graph);
  const viewing = useSession((s) => s.viewingVersionId);
  const version = useVersion(projectId, viewing);
  if (viewing !== null && version.data) {
    return { graph: version.data.graph, readOnly: true, versionNumber: version.data.number };
  }
  return { graph: working, readOnly: viewing !== null, versionNumber: null };
}
