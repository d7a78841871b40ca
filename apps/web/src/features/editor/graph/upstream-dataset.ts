import type { GraphIR } from '@studio/ir';

/**
 * The datasetId of the Dataset node that feeds `nodeId` (itself, or the nearest one upstream), so column
 * pickers can list that dataset's columns; null when no Dataset with a chosen dataset reaches the node.
 */
export function upstreamDatasetId(graph: GraphIR, nodeId: string): string | null {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const seen = new Set<string>();
  const queue = [nodeId];
  while (queue.length > 0) {
    const id = queue.shift() as string;
    if (seen.has(id)) continue;
    seen.add(id);
    const node = byId.get(id);
    const datasetId = node?.op === 'dataset' ? node.params.datasetId : undefined;
    if (typeof datasetId === 'string' && datasetId) return datasetId;
    for (const e of graph.edges) if (e.target.node === id) queue.push(e.source.node);
  }
  return null;
}
