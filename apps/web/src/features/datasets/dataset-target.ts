import type { GraphIR } from '@studio/ir';

/** The target column a graph's Dataset node chose for `datasetId`, so the profile opens with it; null if none. */
export function datasetTarget(graph: GraphIR | undefined, datasetId: string): string | null {
  const node = graph?.nodes.find((n) => n.op === 'dataset' && n.params.datasetId === datasetId);
  const target = node?.params.target;
  return typeof target === 'string' && target ? target : null;
}
