import { useMemo } from 'react';
import { validateGraph, type Diagnostic, type GraphIR } from '@studio/ir';
import type { Dataset } from '@studio/api';

/**
 * Validation findings for the shown graph, with the uploaded datasets' columns so column params are checked.
 * Positions do not affect validation, so the memo key leaves them out: a drag does not re-validate per frame.
 */
export function useDiagnostics(graph: GraphIR, datasets: readonly Dataset[] | undefined): Diagnostic[] {
  const key = JSON.stringify([
    graph.nodes.map((n) => [n.id, n.op, n.params, n.label]),
    graph.edges,
    graph.meta,
  ]);
  const columnsKey = JSON.stringify(datasets?.map((d) => [d.id, d.columns.map((c) => c.name)]) ?? null);
  return useMemo(() => {
    const columns = new Map(datasets?.map((d) => [d.id, d.columns.map((c) => c.name)]));
    const context = datasets ? { datasetColumns: (id: string) => columns.get(id) } : {};
    return validateGraph(graph, { context }).diagnostics;
    // The keys capture everything validation reads; `graph` itself changes identity on every drag frame.
  }, [key, columnsKey]);
}
