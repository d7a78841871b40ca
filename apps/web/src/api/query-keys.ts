/** TanStack Query keys in one place, so a mutation invalidates exactly what it changed. */
export const queryKeys = {
  projects: ['projects'] as const,
  project: (id: string) => ['projects', id] as const,
  datasets: (projectId: string) => ['projects', projectId, 'datasets'] as const,
  versions: (projectId: string) => ['projects', projectId, 'versions'] as const,
  version: (projectId: string, versionId: string) => ['projects', projectId, 'versions', versionId] as const,
  diff: (projectId: string, from: string, to: string) => ['projects', projectId, 'diff', from, to] as const,
  audit: (projectId: string) => ['audit', projectId] as const,
};
