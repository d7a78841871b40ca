import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Deployment } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** A change of which version a slug serves. */
export type DeploymentAction =
  | { kind: 'promote'; deploymentId: string }
  | { kind: 'rollback'; deploymentId: string; version?: number }
  | { kind: 'undeploy'; deploymentId: string };

/** Promotes, rolls back or undeploys; every version of the project is refetched since each changes others' status. */
export function useDeploymentAction(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: DeploymentAction) =>
      apiFetch<Deployment>(
        'POST',
        `/api/deployments/${seg(a.deploymentId)}/${a.kind}`,
        a.kind === 'rollback' ? (a.version === undefined ? {} : { version: a.version }) : undefined,
      ),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.deployments(projectId) });
      void qc.invalidateQueries({ queryKey: ['deployments'] });
    },
  });
}
