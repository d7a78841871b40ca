import type { Deployment } from '@studio/api';
import { navigate } from '../../../app/route';
import { formatTime } from '../../../lib/format-time';
import { DeploymentStatusBadge } from './deployment-status-badge';

/** One row per slug: the version it serves (or its newest), how many versions, and a link to its page. */
export function DeploymentsTable({
  deployments,
  projectNames,
}: {
  deployments: readonly Deployment[];
  projectNames?: Record<string, string>;
}) {
  const bySlug = new Map<string, Deployment[]>();
  for (const d of deployments)
    bySlug.set(`${d.projectId}/${d.slug}`, [...(bySlug.get(`${d.projectId}/${d.slug}`) ?? []), d]);
  const rows = [...bySlug.values()].map((vs) => {
    const sorted = [...vs].sort((a, b) => b.version - a.version);
    return { shown: sorted.find((v) => v.status === 'active') ?? sorted[0]!, count: sorted.length };
  });
  return (
    <table className="data-table" data-testid="deployments-table">
      <thead>
        <tr>
          <th scope="col">Endpoint</th>
          {projectNames && <th scope="col">Project</th>}
          <th scope="col">Status</th>
          <th scope="col">Version</th>
          <th scope="col">Runtime</th>
          <th scope="col">Deployed</th>
          <th scope="col" />
        </tr>
      </thead>
      <tbody>
        {rows.map(({ shown, count }) => (
          <tr key={shown.id} data-testid="deployment-row">
            <td>
              <code>{shown.slug}</code>
            </td>
            {projectNames && <td>{projectNames[shown.projectId] ?? '…'}</td>}
            <td>
              <DeploymentStatusBadge status={shown.status} />
            </td>
            <td>
              v{shown.version} <span className="muted small">of {count}</span>
            </td>
            <td>{shown.runtime}</td>
            <td>{formatTime(shown.createdAt)}</td>
            <td className="row-actions">
              <button
                data-testid="open-deployment"
                onClick={() =>
                  navigate({ screen: 'deployment', projectId: shown.projectId, deploymentId: shown.id })
                }
              >
                Open
              </button>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
