import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Deployment, DeployBody, Run } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';
import { navigate } from '../app/route';

/** Deploys a finished run as the next version of its project's endpoint, then opens the deployment page. */
export function useDeploy(run: Pick<Run, 'id' | 'projectId'>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: DeployBody) => apiFetch<Deployment>('POST', `/api/runs/${seg(run.id)}/deploy`, body),
    onSuccess: (d) => {
      qc.setQueryData(queryKeys.deployment(d.id), d);
      void qc.invalidateQueries({ queryKey: queryKeys.deployments(run.projectId) });
      navigate({ screen: 'deployment', projectId: d.projectId, deploymentId: d.id });
    },
  });
}
