import { useMemo } from 'react';
import { validateGraph, type Diagnostic, type GraphIR } from '@studio/ir';
import type { Dataset } from '@studio/api';
import type { DataWarning } from '@studio/data';
import { useDatasetProfile } from '../../datasets/api';
import { layerSizes, type Inferred, type LayerSize } from '../graph/layer-size';

/** What the canvas shows from one validation: findings, inferred outputs per node, and each layer's size. */
export interface GraphFacts {
  diagnostics: Diagnostic[];
  inferred: Inferred;
  sizes: ReadonlyMap<string, LayerSize>;
}

/**
 * Validation findings, inferred outputs and layer sizes for the shown graph, with the uploaded datasets' columns so column params are checked,
 * and the data warnings of the (first) Dataset node's data profiled against its target, shown on that node.
 * Positions do not affect validation, so the memo key leaves them out: a drag does not re-validate per frame.
 */
export function useDiagnostics(graph: GraphIR, datasets: readonly Dataset[] | undefined): GraphFacts {
  const source = graph.nodes.find((n) => n.op === 'dataset');
  const datasetId = typeof source?.params.datasetId === 'string' ? source.params.datasetId : '';
  const target = typeof source?.params.target === 'string' ? source.params.target : '';
  const known = datasets?.some((d) => d.id === datasetId) ?? false;
  const profile = useDatasetProfile(datasetId, target || null, known && target !== '');
  const profiled: readonly DataWarning[] | undefined =
    profile.data && profile.data.target?.name === target ? profile.data.warnings : undefined;
  const warningsKey = JSON.stringify([datasetId, target, profiled?.map((w) => [w.code, w.column]) ?? null]);
  const key = JSON.stringify([
    graph.nodes.map((n) => [n.id, n.op, n.params, n.label]),
    graph.edges,
    graph.meta,
  ]);
  const columnsKey = JSON.stringify(datasets?.map((d) => [d.id, d.columns.map((c) => c.name)]) ?? null);
  return useMemo(() => {
    const columns = new Map(datasets?.map((d) => [d.id, d.columns.map((c) => c.name)]));
    const context = {
      ...(datasets ? { datasetColumns: (id: string) => columns.get(id) } : {}),
      ...(profiled
        ? {
            datasetWarnings: (id: string, t: string) =>
              id === datasetId && t === target ? profiled : undefined,
          }
        : {}),
    };
    const { diagnostics, inferred } = validateGraph(graph, { context });
    return { diagnostics, inferred, sizes: layerSizes(graph, inferred) };
    // The keys capture everything validation reads; `graph` itself changes identity on every drag frame.
  }, [key, columnsKey, warningsKey]);
}
