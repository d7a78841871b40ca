import { routeHash, useRoute, type Route } from './route';
import { ErrorBoundary } from '../components/error-boundary';
import { ProjectsPage } from '../features/projects/projects-page';
import { EditorPage } from '../features/editor/editor-page';
import { DatasetPage } from '../features/datasets/dataset-page';
import { RunsPage } from '../features/runs/runs-page';
import { RunPage } from '../features/runs/run-page';
import { ComparePage } from '../features/evaluation/compare-page';
import { DeploymentsPage } from '../features/deployments/deployments-page';
import { DeploymentPage } from '../features/deployments/deployment-page';
import { AllDeploymentsPage } from '../features/deployments/all-deployments-page';

/** Top-level switch between the screens named by the URL hash, each inside its own error boundary. */
export function App() {
  const route = useRoute();
  return <ErrorBoundary key={routeHash(route)}>{screen(route)}</ErrorBoundary>;
}

function screen(route: Route) {
  switch (route.screen) {
    case 'projects':
      return <ProjectsPage />;
    case 'editor':
      return <EditorPage key={route.projectId} projectId={route.projectId} />;
    case 'dataset':
      return <DatasetPage key={route.datasetId} projectId={route.projectId} datasetId={route.datasetId} />;
    case 'runs':
      return <RunsPage projectId={route.projectId} />;
    case 'run':
      return <RunPage key={route.runId} projectId={route.projectId} runId={route.runId} />;
    case 'compare':
      return <ComparePage projectId={route.projectId} runIds={route.runIds} />;
    case 'deployments':
      return <DeploymentsPage projectId={route.projectId} />;
    case 'deployment':
      return (
        <DeploymentPage
          key={route.deploymentId}
          projectId={route.projectId}
          deploymentId={route.deploymentId}
        />
      );
    case 'all-deployments':
      return <AllDeploymentsPage />;
  }
}
