import { useState } from 'react';
import { ReactFlowProvider } from '@xyflow/react';
import { emptyGraph } from '@studio/ir';
import type { ProjectDetail } from '@studio/api';
import { useProject } from '../projects/api';
import { EditorContext, type EditorStores } from './editor-context';
import { createDocumentStore } from './state/document-store';
import { createSessionStore } from './state/session-store';
import { errorMessage } from '../../lib/error-message';
import { navigate } from '../../app/route';
import { EditorShell } from './editor-shell';

/** Loads a project, then opens the editor on its head version (or an empty graph before the first save). */
export function EditorPage({ projectId }: { projectId: string }) {
  const project = useProject(projectId);
  if (project.isPending)
    return (
      <div className="page muted" style={{ padding: 24 }}>
        Opening project…
      </div>
    );
  // A failed refetch (a 401 while the session has ended) keeps the data: the editor, and its unsaved graph,
  // stay mounted under the sign-in dialog. Only a project that never loaded shows the error.
  if (!project.data) {
    return (
      <div className="page" style={{ padding: 24 }}>
        <p className="error-text">{errorMessage(project.error)}</p>
        <button onClick={() => navigate({ screen: 'projects' })}>Back to projects</button>
      </div>
    );
  }
  return <EditorWithStores project={project.data} />;
}

function EditorWithStores({ project }: { project: ProjectDetail }) {
  // Stores are created once per opened project; later refetches of the project must not reset the document.
  const [stores] = useState<EditorStores>(() => ({
    projectId: project.id,
    doc: createDocumentStore(project.head?.graph ?? emptyGraph(project.name), project.head?.id ?? null),
    session: createSessionStore(),
  }));
  return (
    <EditorContext.Provider value={stores}>
      <ReactFlowProvider>
        <EditorShell project={project} />
      </ReactFlowProvider>
    </EditorContext.Provider>
  );
}
