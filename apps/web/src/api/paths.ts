/**
 * Typed builders of the Studio API's paths (the table in `@studio/api`'s routes.ts), so no feature writes a
 * URL by hand. Every id is encoded as one path segment; query values are encoded too.
 */
const enc = encodeURIComponent;

function query(params: Record<string, string | number | null | undefined>): string {
  const parts = Object.entries(params)
    .filter(([, v]) => v !== null && v !== undefined)
    .map(([k, v]) => `${enc(k)}=${enc(String(v))}`);
  return parts.length ? `?${parts.join('&')}` : '';
}

export const paths = {
  engine: () => '/api/engine',
  projects: () => '/api/projects',
  project: (projectId: string) => `/api/projects/${enc(projectId)}`,
  projectFromTemplate: () => '/api/projects/from-template',
  projectImport: () => '/api/projects/import',
  projectBundle: (projectId: string) => `/api/projects/${enc(projectId)}/bundle`,
  projectGraph: (projectId: string) => `/api/projects/${enc(projectId)}/graph`,
  projectVersions: (projectId: string) => `/api/projects/${enc(projectId)}/versions`,
  projectVersion: (projectId: string, versionId: string) =>
    `/api/projects/${enc(projectId)}/versions/${enc(versionId)}`,
  projectDiff: (projectId: string, from: string, to: string) =>
    `/api/projects/${enc(projectId)}/diff${query({ from, to })}`,
  projectPreview: (projectId: string) => `/api/projects/${enc(projectId)}/preview`,
  projectDatasets: (projectId: string) => `/api/projects/${enc(projectId)}/datasets`,
  projectRuns: (projectId: string) => `/api/projects/${enc(projectId)}/runs`,
  projectDeployments: (projectId: string) => `/api/projects/${enc(projectId)}/deployments`,
  dataset: (datasetId: string) => `/api/datasets/${enc(datasetId)}`,
  datasetProfile: (datasetId: string, target: string | null) =>
    `/api/datasets/${enc(datasetId)}/profile${query({ target })}`,
  templates: () => '/api/templates',
  audit: (q: { projectId?: string; limit?: number }) => `/api/audit${query(q)}`,
  run: (runId: string) => `/api/runs/${enc(runId)}`,
  runEvents: (runId: string) => `/api/runs/${enc(runId)}/events`,
  runLogs: (runId: string) => `/api/runs/${enc(runId)}/logs`,
  runCancel: (runId: string) => `/api/runs/${enc(runId)}/cancel`,
  runRetry: (runId: string) => `/api/runs/${enc(runId)}/retry`,
  runDeploy: (runId: string) => `/api/runs/${enc(runId)}/deploy`,
  deployment: (deploymentId: string) => `/api/deployments/${enc(deploymentId)}`,
  deploymentAction: (deploymentId: string, action: 'promote' | 'rollback' | 'undeploy') =>
    `/api/deployments/${enc(deploymentId)}/${action}`,
  deploymentKeys: (deploymentId: string) => `/api/deployments/${enc(deploymentId)}/keys`,
  deploymentKeyRevoke: (deploymentId: string, keyId: string) =>
    `/api/deployments/${enc(deploymentId)}/keys/${enc(keyId)}/revoke`,
  deploymentStats: (deploymentId: string) => `/api/deployments/${enc(deploymentId)}/stats`,
  deploymentPredictions: (deploymentId: string, limit: number) =>
    `/api/deployments/${enc(deploymentId)}/predictions${query({ limit })}`,
  deploymentOpenApi: (deploymentId: string) => `/api/deployments/${enc(deploymentId)}/openapi`,
} as const;
