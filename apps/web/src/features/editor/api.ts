import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { GraphIR } from '@studio/ir';
import type { Preview } from '@studio/api';
import { apiFetch, seg } from '../../api/client';
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
      apiFetch<Preview>('POST', `/api/projects/${seg(projectId)}/preview`, {
        // The graph of the render whose settled key changed: it has the params the key describes.
        graph,
        nodeId,
        rows: SAMPLE_ROWS,
      }),
    enabled: nodeId !== null,
    placeholderData: keepPreviousData,
    retry: false,
    staleTime: 60_000,
  });
}
