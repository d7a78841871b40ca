import { useDeployments } from './api';
import { errorMessage } from '../../lib/error-message';
import { DeploymentRequests } from './components/deployment-requests';
import { DeploymentsTable } from './components/deployments-table';
import { ProjectNav } from '../../app/project-nav';
import './deployments.css';

/** A project's deployed endpoints. */
export function DeploymentsPage({ projectId }: { projectId: string }) {
  const deployments = useDeployments(projectId);
  return (
    <div className="page" data-testid="deployments-page">
      <ProjectNav projectId={projectId} current="deployments" />
      <main className="scroll-page">
        <h1>Deployments</h1>
        <DeploymentRequests projectId={projectId} />
        {deployments.isPending && <p className="muted">Loading deployments…</p>}
        {deployments.error && <p className="error-text">{errorMessage(deployments.error)}</p>}
        {deployments.data?.length === 0 && (
          <p className="muted">Nothing deployed yet. Open a finished run and press Deploy (D).</p>
        )}
        {deployments.data && deployments.data.length > 0 && (
          <DeploymentsTable deployments={deployments.data} />
        )}
      </main>
    </div>
  );
}
