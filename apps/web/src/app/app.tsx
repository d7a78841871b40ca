import { lazy, Suspense } from 'react';
import { routeHash, useRoute, type Route } from './route';
import { ErrorBoundary } from '../components/error-boundary';
import { AuthGate } from '../features/auth/auth-gate';
import { SingleUserBanner } from './single-user-banner';

// Each screen is its own chunk, loaded when first shown: the projects list does not download the editor
// (React Flow, the op catalogue) or the evaluation charts. A chunk that fails to load (the server was
// updated since this tab opened) lands in the screen's error boundary, which says to reload.
const ProjectsPage = lazy(() =>
  import('../features/projects/projects-page').then((m) => ({ default: m.ProjectsPage })),
);
const EditorPage = lazy(() =>
  import('../features/editor/editor-page').then((m) => ({ default: m.EditorPage })),
);
const DatasetPage = lazy(() =>
  import('../features/datasets/dataset-page').then((m) => ({ default: m.DatasetPage })),
);
const RunsPage = lazy(() => import('../features/runs/runs-page').then((m) => ({ default: m.RunsPage })));
const RunPage = lazy(() => import('../features/runs/run-page').then((m) => ({ default: m.RunPage })));
const ComparePage = lazy(() =>
  import('../features/evaluation/compare-page').then((m) => ({ default: m.ComparePage })),
);
const DeploymentsPage = lazy(() =>
  import('../features/deployments/deployments-page').then((m) => ({ default: m.DeploymentsPage })),
);
const DeploymentPage = lazy(() =>
  import('../features/deployments/deployment-page').then((m) => ({ default: m.DeploymentPage })),
);
const AllDeploymentsPage = lazy(() =>
  import('../features/deployments/all-deployments-page').then((m) => ({ default: m.AllDeploymentsPage })),
);

const LibraryPage = lazy(() =>
  import('../features/datasets/library-page').then((m) => ({ default: m.LibraryPage })),
);

const AccountPage = lazy(() =>
  import('../features/auth/account-page').then((m) => ({ default: m.AccountPage })),
);
const UsersPage = lazy(() => import('../features/auth/users-page').then((m) => ({ default: m.UsersPage })));

/** Top-level switch between the screens named by the URL hash, each inside its own error boundary. */
export function App() {
  const route = useRoute();
  return (
    <AuthGate>
      <SingleUserBanner />
      <ErrorBoundary key={routeHash(route)}>
        <Suspense fallback={<ScreenLoading />}>{screen(route)}</Suspense>
      </ErrorBoundary>
    </AuthGate>
  );
}

function ScreenLoading() {
  return (
    <div className="page" data-testid="screen-loading">
      <p className="muted" style={{ padding: 24 }}>
        Loading…
      </p>
    </div>
  );
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
    case 'datasets-library':
      return <LibraryPage />;
    case 'account':
      return <AccountPage welcome={route.welcome} />;
    case 'users':
      return <UsersPage />;
  }
}
