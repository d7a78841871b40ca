import { useAllDeployments } from './api';
import { useProjects } from '../projects/api';
import { errorMessage } from '../../lib/error-message';
import { DeploymentsTable } from './components/deployments-table';
import { GlobalNav } from '../../app/global-nav';
import './deployments.css';

/** Every deployed endpoint across the projects, with the project each belongs to. */
export function AllDeploymentsPage() {
  const projects = useProjects();
  const deployments = useAllDeployments(projects.data ?? []);
  const names = Object.fromEntries((projects.data ?? []).map((p) => [p.id, p.name]));
  const error = projects.error ?? deployments.error;
  return (
    <div className="page" data-testid="all-deployments-page">
      <header className="topbar">
        <span className="brand">DeepSeek Studio</span>
        <GlobalNav current="deployments" />
      </header>
      <main className="scroll-page">
        <h1>Deployments</h1>
        {(projects.isPending || deployments.isPending) && <p className="muted">Loading deployments…</p>}
        {error && <p className="error-text">{errorMessage(error)}</p>}
        {!projects.isPending && !deployments.isPending && deployments.data.length === 0 && (
          <p className="muted">Nothing deployed yet. Open a finished run and press Deploy (D).</p>
        )}
        {deployments.data.length > 0 && (
          <DeploymentsTable deployments={deployments.data} projectNames={names} />
        )}
      </main>
    </div>
  );
}
