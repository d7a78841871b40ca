import { useMemo } from 'react';
import { validateGraph, type Diagnostic, type GraphIR, type GraphNode } from '@studio/ir';
import type { Dataset } from '@studio/api';
import type { DataWarning } from '@studio/data';
import { useDatasetProfile } from '../../datasets/api';
import { layerSizes, type Inferred, type LayerSize } from '../graph/layer-size';

/** What the canvas shows from one validation: findings, inferred outputs per node, and each layer's size. */
export interface GraphFacts {
  diagnostics: Diagnostic[];
  inferred: Inferred;
  sizes: ReadonlyMap<string, LayerSize>;
  /**
   * The graph as validated: current in everything but node positions (a drag does not re-validate), so panels
   * that read params and wires can take it and skip re-rendering on every drag frame.
   */
  graph: GraphIR;
}

// Each node's part of the memo key, kept per node object: the IR's changes keep untouched nodes as the same
// objects, so a drag frame serialises only the moved node instead of every node's params.
const nodeKeys = new WeakMap<GraphNode, string>();
function nodeKey(n: GraphNode): string {
  let k = nodeKeys.get(n);
  if (k === undefined) {
    k = JSON.stringify([n.id, n.op, n.params, n.label]);
    nodeKeys.set(n, k);
  }
  return k;
}

const edgeKeys = new WeakMap<readonly unknown[], string>();
function edgesKey(edges: GraphIR['edges']): string {
  let k = edgeKeys.get(edges);
  if (k === undefined) {
    k = JSON.stringify(edges);
    edgeKeys.set(edges, k);
  }
  return k;
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
  const key = `${graph.nodes.map(nodeKey).join('\n')}\n${edgesKey(graph.edges)}\n${JSON.stringify(graph.meta)}\n${JSON.stringify(graph.groups ?? [])}`;
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
    return { diagnostics, inferred, sizes: layerSizes(graph, inferred), graph };
    // The keys capture everything validation reads; `graph` itself changes identity on every drag frame.
  }, [key, columnsKey, warningsKey]);
}
