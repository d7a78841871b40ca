import { useState } from 'react';
import type { Deployment } from '@studio/api';
import { useDeploymentAction, type DeploymentAction } from '../api';
import { navigate } from '../../../app/route';
import { errorMessage } from '../../../lib/error-message';
import { formatTime } from '../../../lib/format-time';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { DeploymentStatusBadge } from './deployment-status-badge';
import { useCan } from '../../auth/api';

interface Pending {
  action: DeploymentAction;
  title: string;
  text: string;
  confirm: string;
  danger: boolean;
}

/** Every version of one slug, newest first, with Promote, Roll back and Undeploy behind a confirmation. */
export function DeploymentVersions({ versions }: { versions: readonly Deployment[] }) {
  const projectId = versions[0]?.projectId ?? '';
  const act = useDeploymentAction(projectId);
  const [pending, setPending] = useState<Pending | null>(null);
  const canApprove = useCan('approveDeployment');
  const active = versions.find((v) => v.status === 'active');
  const previous = active && versions.find((v) => v.version < active.version);
  const slug = versions[0]?.slug ?? '';
  const run = (p: Pending) => act.mutate(p.action, { onSettled: () => setPending(null) });
  return (
    <section className="card" data-testid="deployment-versions">
      <div className="card-head">
        <h2>Versions</h2>
        <span className="spacer" />
        {active && previous && (
          <button
            data-testid="rollback"
            disabled={!canApprove.allowed}
            title={canApprove.reason}
            onClick={() =>
              setPending({
                action: { kind: 'rollback', deploymentId: active.id },
                title: `Roll back ${slug} to v${previous.version}?`,
                text: `Requests will be answered by v${previous.version} again; v${active.version} is retired and can be promoted later.`,
                confirm: `Roll back to v${previous.version}`,
                danger: false,
              })
            }
          >
            Roll back
          </button>
        )}
        {active && (
          <button
            className="danger"
            data-testid="undeploy"
            disabled={!canApprove.allowed}
            title={canApprove.reason}
            onClick={() =>
              setPending({
                action: { kind: 'undeploy', deploymentId: active.id },
                title: `Undeploy ${slug}?`,
                text: 'Every request to this endpoint will be refused (404) until a version is promoted again. API keys are kept.',
                confirm: 'Undeploy',
                danger: true,
              })
            }
          >
            Undeploy
          </button>
        )}
      </div>
      <table className="data-table" data-testid="versions-table">
        <thead>
          <tr>
            <th scope="col">Version</th>
            <th scope="col">Status</th>
            <th scope="col">Runtime</th>
            <th scope="col">Deployed</th>
            <th scope="col">Artifact</th>
            <th scope="col" />
          </tr>
        </thead>
        <tbody>
          {versions.map((v) => (
            <tr key={v.id} data-testid="version-row" data-version={v.version} data-status={v.status}>
              <td>v{v.version}</td>
              <td>
                <DeploymentStatusBadge status={v.status} />
              </td>
              <td>
                {v.runtime}
                {v.precision === 'int8' && ' · INT8'}
              </td>
              <td>{formatTime(v.createdAt)}</td>
              <td>
                <code title={v.artifactHash}>{v.artifactHash.slice(0, 10)}</code>
              </td>
              <td className="row-actions">
                {v.runId && (
                  <button
                    className="ghost"
                    onClick={() => navigate({ screen: 'run', projectId: v.projectId, runId: v.runId ?? '' })}
                  >
                    Run
                  </button>
                )}
                {v.status !== 'active' && (
                  <button
                    data-testid="promote"
                    disabled={!canApprove.allowed}
                    title={canApprove.reason}
                    onClick={() =>
                      setPending({
                        action: { kind: 'promote', deploymentId: v.id },
                        title: `Serve v${v.version} of ${slug}?`,
                        text: active
                          ? `v${v.version} answers every request from now on; v${active.version} is retired.`
                          : `v${v.version} answers every request from now on.`,
                        confirm: `Promote v${v.version}`,
                        danger: false,
                      })
                    }
                  >
                    Promote
                  </button>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {act.error && (
        <p className="error-text" role="alert">
          {errorMessage(act.error)}
        </p>
      )}
      {pending && (
        <ConfirmDialog
          title={pending.title}
          confirmLabel={pending.confirm}
          danger={pending.danger}
          busy={act.isPending}
          onConfirm={() => run(pending)}
          onCancel={() => setPending(null)}
        >
          <p>{pending.text}</p>
        </ConfirmDialog>
      )}
    </section>
  );
}
