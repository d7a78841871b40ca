import { useMemo } from 'react';
import type { Deployment } from '@studio/api';
import { useApiKey } from './hooks/use-api-key';
import { exampleOf } from './try-it-values';
import { useDeployment, useDeploymentOpenApi, useDeployments } from './api';
import { errorMessage } from '../../lib/error-message';
import { ApiKeysPanel } from './components/api-keys-panel';
import { BatchScorePanel } from './components/batch-score-panel';
import { CurlExample } from './components/curl-example';
import { DeploymentStatsPanel } from './components/deployment-stats-panel';
import { DeploymentStatusBadge } from './components/deployment-status-badge';
import { DeploymentVersions } from './components/deployment-versions';
import { ProjectNav } from '../../app/project-nav';
import { RecentPredictions } from './components/recent-predictions';
import { StrictInputToggle } from './components/strict-input-toggle';
import { TryItForm } from './components/try-it-form';
import './deployments.css';

/** One deployed endpoint: its versions, keys, how to call it, a form to try it, live statistics, batch scoring. */
export function DeploymentPage({ projectId, deploymentId }: { projectId: string; deploymentId: string }) {
  const deployment = useDeployment(deploymentId);
  const all = useDeployments(projectId);
  const d = deployment.data;
  const versions = useMemo(
    () => (d ? (all.data ?? [d]).filter((v) => v.slug === d.slug).sort((a, b) => b.version - a.version) : []),
    [all.data, d],
  );
  return (
    <div className="page" data-testid="deployment-page">
      <ProjectNav projectId={projectId} current="deployments" />
      <main className="scroll-page">
        {deployment.isPending && <p className="muted">Loading the deployment…</p>}
        {deployment.error && <p className="error-text">{errorMessage(deployment.error)}</p>}
        {d && <DeploymentBody deployment={d} versions={versions} />}
      </main>
    </div>
  );
}

function DeploymentBody({ deployment, versions }: { deployment: Deployment; versions: Deployment[] }) {
  const [apiKey, setApiKey] = useApiKey(deployment.slug);
  const active = versions.find((v) => v.status === 'active');
  const doc = useDeploymentOpenApi(deployment.id);
  const example = useMemo(() => exampleOf(doc.data, deployment.url), [doc.data, deployment.url]);
  return (
    <>
      <div className="run-head">
        <h1 data-testid="deployment-slug">{deployment.slug}</h1>
        {active ? (
          <span data-testid="deployment-serving">
            <DeploymentStatusBadge status="active" /> v{active.version} · {active.runtime}
            {active.precision === 'int8' && ' · INT8'}
          </span>
        ) : (
          <span className="status deploy-retired" data-testid="deployment-serving">
            Not serving
          </span>
        )}
      </div>
      <p className="small muted">
        <code>POST {deployment.url}</code> · probability of default, score, risk band and up to four reason
        codes.
      </p>
      <StrictInputToggle deployment={active ?? deployment} />
      {!active && (
        <p className="notice warn" data-testid="not-serving">
          No version is served: every request is refused. Promote a version to serve it again.
        </p>
      )}
      <div className="deploy-grid">
        <div>
          <DeploymentVersions versions={versions} />
          <ApiKeysPanel deploymentId={deployment.id} onCreated={setApiKey} />
          <CurlExample deploymentId={deployment.id} url={deployment.url} />
        </div>
        <div>
          {example && (
            <TryItForm
              key={deployment.id}
              deployment={deployment}
              example={example}
              apiKey={apiKey}
              onKeyChange={setApiKey}
            />
          )}
        </div>
      </div>
      <h2>Live</h2>
      <DeploymentStatsPanel deploymentId={deployment.id} />
      <RecentPredictions deploymentId={deployment.id} />
      <BatchScorePanel
        deploymentId={deployment.id}
        url={deployment.url}
        slug={deployment.slug}
        apiKey={apiKey}
      />
    </>
  );
}
