/** TanStack Query keys in one place, so a mutation invalidates exactly what it changed. */
export const queryKeys = {
  projects: ['projects'] as const,
  project: (id: string) => ['projects', id] as const,
  datasets: (projectId: string) => ['projects', projectId, 'datasets'] as const,
  versions: (projectId: string) => ['projects', projectId, 'versions'] as const,
  version: (projectId: string, versionId: string) => ['projects', projectId, 'versions', versionId] as const,
  diff: (projectId: string, from: string, to: string) => ['projects', projectId, 'diff', from, to] as const,
  runs: (projectId: string) => ['projects', projectId, 'runs'] as const,
  run: (runId: string) => ['runs', runId] as const,
  runLogs: (runId: string) => ['runs', runId, 'logs'] as const,
  preview: (projectId: string, nodeId: string, graphKey: string) =>
    ['projects', projectId, 'preview', nodeId, graphKey] as const,
  dataset: (datasetId: string) => ['datasets', datasetId] as const,
  profile: (datasetId: string, target: string | null) => ['datasets', datasetId, 'profile', target] as const,
  templates: ['templates'] as const,
  audit: (projectId: string) => ['audit', projectId] as const,
  deployments: (projectId: string) => ['projects', projectId, 'deployments'] as const,
  deployment: (deploymentId: string) => ['deployments', deploymentId] as const,
  apiKeys: (deploymentId: string) => ['deployments', deploymentId, 'keys'] as const,
  deploymentStats: (deploymentId: string) => ['deployments', deploymentId, 'stats'] as const,
  deploymentPredictions: (deploymentId: string) => ['deployments', deploymentId, 'predictions'] as const,
  deploymentOpenApi: (deploymentId: string) => ['deployments', deploymentId, 'openapi'] as const,
};
