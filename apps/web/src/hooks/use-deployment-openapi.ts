import { useQuery } from '@tanstack/react-query';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** The part of a deployment's OpenAPI document the page reads: the server's ready curl example. */
export interface DeploymentOpenApi {
  paths: Record<string, { post?: { 'x-curl-example'?: string } }>;
}

/** Server state: the deployment's OpenAPI document, whose base URL is the one this browser reached. */
export function useDeploymentOpenApi(deploymentId: string) {
  return useQuery({
    queryKey: queryKeys.deploymentOpenApi(deploymentId),
    queryFn: () => apiFetch<DeploymentOpenApi>('GET', `/api/deployments/${seg(deploymentId)}/openapi`),
    staleTime: Infinity,
  });
}
