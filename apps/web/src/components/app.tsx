import { useRoute } from '../hooks/use-route';
import { ProjectsPage } from './projects-page';
import { EditorPage } from './editor-page';

/** Top-level switch between the projects list and the graph editor. */
export function App() {
  const route = useRoute();
  return route.screen === 'editor' ? (
    <EditorPage key={route.projectId} projectId={route.projectId} />
  ) : (
    <ProjectsPage />
  );
}
