import { keepPreviousData, useMutation, useQuery } from '@tanstack/react-query';
import type { GraphIR } from '@studio/ir';
import type {
  GraphDiff,
  GraphVersion,
  GraphVersionSummary,
  Preview,
  PreviewBody,
  SaveGraphBody,
} from '@studio/api';
import { apiFetch } from '../../api/client';
import { paths } from '@studio/api/routes';
import { queryKeys } from '../../api/query-keys';
import { previewKey } from './graph/preview-key';
import { useDebouncedValue } from './hooks/use-debounced-value';

const DEBOUNCE_MS = 400;
const SAMPLE_ROWS = 20;

/**
 * Server state: one node's output on a sample of rows (the canvas's eager mode). Re-run 400 ms after the
 * last param change; moving nodes does not count as a change. The previous table stays shown while the next loads.
 */
export function usePreview(projectId: string, graph: GraphIR, nodeId: string | null) {
  const key = useDebouncedValue(previewKey(graph), DEBOUNCE_MS);
  return useQuery({
    queryKey: queryKeys.preview(projectId, nodeId ?? '', key),
    queryFn: () =>
      apiFetch<Preview>('POST', paths.projectPreview(projectId), {
        // The graph of the render whose settled key changed: it has the params the key describes.
        graph,
        nodeId: nodeId ?? '',
        rows: SAMPLE_ROWS,
      } satisfies PreviewBody),
    enabled: nodeId !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}

/** Saves the graph as a new version (the request only; `useSaveGraph` handles 409, 422 and the stores). */
export function useSaveGraphMutation(projectId: string) {
  return useMutation({
    mutationFn: (body: SaveGraphBody) => apiFetch<GraphVersion>('POST', paths.projectGraph(projectId), body),
  });
}

/** Server state: the saved versions of a project's graph, newest first. */
export function useVersions(projectId: string) {
  return useQuery({
    queryKey: queryKeys.versions(projectId),
    queryFn: async () => {
      const list = await apiFetch<GraphVersionSummary[]>('GET', paths.projectVersions(projectId));
      return [...list].sort((a, b) => b.number - a.number);
    },
  });
}

/** Server state: one saved version with its graph, for read-only viewing; idle when versionId is null. */
export function useVersion(projectId: string, versionId: string | null) {
  return useQuery({
    queryKey: queryKeys.version(projectId, versionId ?? ''),
    queryFn: () => apiFetch<GraphVersion>('GET', paths.projectVersion(projectId, versionId ?? '')),
    enabled: versionId !== null,
    // Versions are immutable once saved.
    staleTime: Infinity,
  });
}

/** Server state: the readable changes between two saved versions; idle until both are chosen. */
export function useVersionDiff(projectId: string, from: string | null, to: string | null) {
  return useQuery({
    queryKey: queryKeys.diff(projectId, from ?? '', to ?? ''),
    queryFn: () => apiFetch<GraphDiff>('GET', paths.projectDiff(projectId, from ?? '', to ?? '')),
    enabled: from !== null && to !== null && from !== to,
    staleTime: Infinity,
  });
}
