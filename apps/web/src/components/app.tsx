import { routeHash, useRoute, type Route } from '../hooks/use-route';
import { ErrorBoundary } from './error-boundary';
import { ProjectsPage } from './projects-page';
import { EditorPage } from './editor-page';
import { DatasetPage } from './dataset-page';
import { RunsPage } from './runs-page';
import { RunPage } from './run-page';
import { ComparePage } from './compare-page';
import { DeploymentsPage } from './deployments-page';
import { DeploymentPage } from './deployment-page';
import { AllDeploymentsPage } from './all-deployments-page';

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
