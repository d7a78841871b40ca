import { useQueries } from '@tanstack/react-query';
import type { Dataset, Project } from '@studio/api';
import { apiFetch, seg } from '../api/client';
import { queryKeys } from '../api/query-keys';

/** A dataset with the name of the project it was uploaded to (the template gallery lists them all). */
export interface DatasetChoice {
  dataset: Dataset;
  projectName: string;
}

/** Server state: every dataset of the listed projects, newest project first (shares the per-project cache). */
export function useAllDatasets(projects: readonly Project[]): DatasetChoice[] {
  const results = useQueries({
    queries: projects.map((p) => ({
      queryKey: queryKeys.datasets(p.id),
      queryFn: () => apiFetch<Dataset[]>('GET', `/api/projects/${seg(p.id)}/datasets`),
    })),
  });
  return results.flatMap((r, i) =>
    (r.data ?? []).map((dataset) => ({ dataset, projectName: projects[i]?.name ?? '' })),
  );
}
