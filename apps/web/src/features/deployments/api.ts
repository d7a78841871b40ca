import { useMutation, useQueries, useQuery, useQueryClient } from '@tanstack/react-query';
import type {
  ApiKey,
  ApproveRequestBody,
  DeploymentRequest,
  RejectRequestBody,
  CreateKeyBody,
  CreatedApiKey,
  DeployBody,
  Deployment,
  DeploymentStats,
  LoggedPrediction,
  Prediction,
  Project,
  RollbackBody,
  Run,
  UpdateDeploymentBody,
} from '@studio/api';
import { apiFetch, readResponse } from '../../api/client';
import { paths } from '@studio/api/routes';
import { queryKeys } from '../../api/query-keys';
import { navigate } from '../../app/route';

/** How often the deployment page polls traffic, latency and PSI. */
export const STATS_POLL_MS = 5000;

/** Server state: every version of every deployment of a project. */
export function useDeployments(projectId: string) {
  return useQuery({
    queryKey: queryKeys.deployments(projectId),
    queryFn: () => apiFetch<Deployment[]>('GET', paths.projectDeployments(projectId)),
  });
}

/** Server state: the deployments of every listed project (the API lists them per project, one request each). */
export function useAllDeployments(projects: readonly Pick<Project, 'id'>[]) {
  return useQueries({
    queries: projects.map((p) => ({
      queryKey: queryKeys.deployments(p.id),
      queryFn: () => apiFetch<Deployment[]>('GET', paths.projectDeployments(p.id)),
    })),
    combine: (results) => ({
      data: results.flatMap((r) => r.data ?? []),
      isPending: results.some((r) => r.isPending),
      error: results.find((r) => r.error)?.error ?? null,
    }),
  });
}

/** Server state: one deployment version. */
export function useDeployment(deploymentId: string) {
  return useQuery({
    queryKey: queryKeys.deployment(deploymentId),
    queryFn: () => apiFetch<Deployment>('GET', paths.deployment(deploymentId)),
  });
}

/**
 * Changes a version's settings (strict input checking); its OpenAPI document changes with it, and the project's
 * list of versions shows the new setting.
 */
export function useUpdateDeployment(deployment: Pick<Deployment, 'id' | 'projectId'>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (body: UpdateDeploymentBody) =>
      apiFetch<Deployment>('PATCH', paths.deployment(deployment.id), body),
    onSuccess: (d) => qc.setQueryData(queryKeys.deployment(d.id), d),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.deploymentOpenApi(deployment.id) });
      void qc.invalidateQueries({ queryKey: queryKeys.deployments(deployment.projectId) });
    },
  });
}

/** The part of a deployment's OpenAPI document the page reads: the curl example and the example body. */
export interface DeploymentOpenApi {
  servers?: { url: string }[];
  paths: Record<
    string,
    {
      post?: {
        'x-curl-example'?: string;
        requestBody?: { content?: Record<string, { schema?: unknown; example?: unknown }> };
      };
    }
  >;
}

/** Server state: the deployment's OpenAPI document, whose base URL is the one this browser reached. */
export function useDeploymentOpenApi(deploymentId: string) {
  return useQuery({
    queryKey: queryKeys.deploymentOpenApi(deploymentId),
    queryFn: () => apiFetch<DeploymentOpenApi>('GET', paths.deploymentOpenApi(deploymentId)),
    staleTime: Infinity,
  });
}

/** Server state: live statistics of a deployment's slug, polled while the page is open. */
export function useDeploymentStats(deploymentId: string) {
  return useQuery({
    queryKey: queryKeys.deploymentStats(deploymentId),
    queryFn: () => apiFetch<DeploymentStats>('GET', paths.deploymentStats(deploymentId)),
    refetchInterval: STATS_POLL_MS,
  });
}

/** Server state: the newest logged predictions of a deployment's slug, polled with the statistics. */
export function useDeploymentPredictions(deploymentId: string, limit = 20) {
  return useQuery({
    queryKey: queryKeys.deploymentPredictions(deploymentId),
    queryFn: () => apiFetch<LoggedPrediction[]>('GET', paths.deploymentPredictions(deploymentId, limit)),
    refetchInterval: STATS_POLL_MS,
  });
}

/** Deploys a finished run as the next version of its project's endpoint, then opens the deployment page. */
export function useDeploy(run: Pick<Run, 'id' | 'projectId'>) {
  const qc = useQueryClient();
  return useMutation({
    // 201: deployed at once (single-user mode, approval waived); 202: a request an approver decides.
    mutationFn: (body: DeployBody) =>
      apiFetch<Deployment | DeploymentRequest>('POST', paths.runDeploy(run.id), body),
    onSuccess: (d) => {
      if ('requestedBy' in d) {
        void qc.invalidateQueries({ queryKey: queryKeys.deploymentRequests(run.projectId) });
        navigate({ screen: 'deployments', projectId: d.projectId });
        return;
      }
      qc.setQueryData(queryKeys.deployment(d.id), d);
      void qc.invalidateQueries({ queryKey: queryKeys.deployments(run.projectId) });
      navigate({ screen: 'deployment', projectId: d.projectId, deploymentId: d.id });
    },
  });
}

/** Server state: the project's deployment requests (four eyes), newest first. */
export function useDeploymentRequests(projectId: string) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: queryKeys.deploymentRequests(projectId),
    queryFn: async () => {
      const before = qc.getQueryData<DeploymentRequest[]>(queryKeys.deploymentRequests(projectId));
      const list = await apiFetch<DeploymentRequest[]>('GET', paths.projectDeploymentRequests(projectId));
      // Someone else decided a request: the project's deployments changed with it.
      const decided = (r: DeploymentRequest) => before?.find((b) => b.id === r.id)?.status !== r.status;
      if (before && list.some(decided))
        void qc.invalidateQueries({ queryKey: queryKeys.deployments(projectId) });
      return list;
    },
    // While a request waits for the other person, look again now and then.
    refetchInterval: (q) => (q.state.data?.some((r) => r.status === 'pending') ? REQUEST_POLL_MS : false),
  });
}

/** How often a page with a pending deployment request looks for the decision. */
export const REQUEST_POLL_MS = 3000;

/** Approves (with a comment) or rejects (with reasons) a request; the deployments and the trail change too. */
export function useDecideRequest(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (d: { requestId: string; decision: 'approve' | 'reject'; text: string }) =>
      d.decision === 'approve'
        ? apiFetch<DeploymentRequest>('POST', paths.deploymentRequestApprove(d.requestId), {
            comment: d.text,
          } satisfies ApproveRequestBody)
        : apiFetch<DeploymentRequest>('POST', paths.deploymentRequestReject(d.requestId), {
            reason: d.text,
          } satisfies RejectRequestBody),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.deploymentRequests(projectId) });
      void qc.invalidateQueries({ queryKey: queryKeys.deployments(projectId) });
      void qc.invalidateQueries({ queryKey: queryKeys.audit(projectId) });
    },
  });
}

/** A change of which version a slug serves. */
export type DeploymentAction =
  | { kind: 'promote'; deploymentId: string }
  | { kind: 'rollback'; deploymentId: string; version?: number }
  | { kind: 'undeploy'; deploymentId: string };

const ACTION_PATHS = {
  promote: paths.deploymentPromote,
  rollback: paths.deploymentRollback,
  undeploy: paths.deploymentUndeploy,
} as const;

/** Promotes, rolls back or undeploys; every version of the project is refetched since each changes others' status. */
export function useDeploymentAction(projectId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (a: DeploymentAction) =>
      apiFetch<Deployment>(
        'POST',
        ACTION_PATHS[a.kind](a.deploymentId),
        a.kind === 'rollback'
          ? ((a.version === undefined ? {} : { version: a.version }) satisfies RollbackBody)
          : undefined,
      ),
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.deployments(projectId) });
      void qc.invalidateQueries({ queryKey: ['deployments'] });
    },
  });
}

/** Server state: the API keys of a deployment's slug (prefixes only, never the secrets). */
export function useApiKeys(deploymentId: string) {
  return useQuery({
    queryKey: queryKeys.apiKeys(deploymentId),
    queryFn: () => apiFetch<ApiKey[]>('GET', paths.deploymentKeys(deploymentId)),
  });
}

/** Creates an API key; the answer is the only place its secret ever appears. */
export function useCreateApiKey(deploymentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (name: string) =>
      apiFetch<CreatedApiKey>('POST', paths.deploymentKeys(deploymentId), { name } satisfies CreateKeyBody),
    onSettled: () => void qc.invalidateQueries({ queryKey: queryKeys.apiKeys(deploymentId) }),
  });
}

/** Revokes an API key: requests carrying it are refused from then on. */
export function useRevokeApiKey(deploymentId: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: (keyId: string) => apiFetch<ApiKey>('POST', paths.deploymentKeyRevoke(deploymentId, keyId)),
    onSettled: () => void qc.invalidateQueries({ queryKey: queryKeys.apiKeys(deploymentId) }),
  });
}

/**
 * Scores one record against the live endpoint (`url`, the deployment's `/v1` path) with an API key, exactly
 * as a client system would.
 */
export function usePredict(deploymentId: string, url: string) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async ({ key, record }: { key: string; record: Record<string, unknown> }) => {
      const res = await fetch(url, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${key}`,
          'content-type': 'application/json',
          accept: 'application/json',
        },
        body: JSON.stringify(record),
      });
      return readResponse<Prediction>(res.status, await res.text());
    },
    onSettled: () => {
      void qc.invalidateQueries({ queryKey: queryKeys.deploymentStats(deploymentId) });
      void qc.invalidateQueries({ queryKey: queryKeys.deploymentPredictions(deploymentId) });
    },
  });
}
