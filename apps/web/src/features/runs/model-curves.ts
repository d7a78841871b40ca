import type { HistoryPoint } from './live-run';

/** The learning curve of one model of a run. */
export interface ModelCurve {
  /** The model node, or '' for points stored before points named their model. */
  nodeId: string;
  label: string;
  /** Boosted trees: a step is a tree, so the chart reads "by number of trees". */
  byTrees: boolean;
  points: HistoryPoint[];
}

/** A run's history split into one curve per model, in the order the models trained; `labels` by node id. */
export function modelCurves(
  history: readonly HistoryPoint[],
  labels: Readonly<Record<string, string>> = {},
): ModelCurve[] {
  const curves = new Map<string, ModelCurve>();
  for (const p of history) {
    const nodeId = p.nodeId ?? '';
    let curve = curves.get(nodeId);
    if (!curve) {
      curve = {
        nodeId,
        label: labels[nodeId] ?? (nodeId || 'Model'),
        byTrees: p.modelKind === 'gbm',
        points: [],
      };
      curves.set(nodeId, curve);
    }
    curve.points.push(p);
  }
  return [...curves.values()];
}
