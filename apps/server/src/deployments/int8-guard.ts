import type { QuantizationReport } from '@studio/api';
import type { ModelArtifact } from '../generated/sqlite/client.js';
import { HttpUserError } from '../http-error';
import { factsOf } from '../runs/run-record';

/** The INT8 file a Quantize node stored for a model node, with the report that cleared it. */
export interface Int8Model {
  artifact: ModelArtifact;
  report: QuantizationReport;
}

/**
 * The run's INT8 model of `modelNodeId`, when its Quantize node's AUC drop stayed within the node's maxAucDrop;
 * 409 when the run has none or when the guard failed, saying what to do instead.
 */
export function passingInt8Model(
  run: { id: string; metrics: unknown; artifacts: ModelArtifact[] },
  modelNodeId: string,
): Int8Model {
  const report = factsOf(run).quantizations?.find((q) => q.modelNodeId === modelNodeId);
  const artifact = run.artifacts.find(
    (a) =>
      a.kind === 'weights-int8' &&
      (a.metadata as { modelNodeId?: string } | null)?.modelNodeId === modelNodeId,
  );
  if (!report || !artifact)
    throw new HttpUserError(
      409,
      'INT8_MODEL_NOT_FOUND',
      `Run ${run.id} has no INT8 model of node "${modelNodeId}". Connect a Quantize node to the model, retrain, then deploy INT8; or deploy fp32.`,
    );
  if (!report.passed)
    throw new HttpUserError(
      409,
      'INT8_AUC_GUARD_FAILED',
      `INT8 loses ${report.aucDrop.toFixed(4)} AUC on the held-out rows (${report.fp32.auc.toFixed(4)} → ${report.int8.auc.toFixed(4)}), more than the Quantize node "${report.nodeId}" allows (maxAucDrop ${report.maxAucDrop}). Raise maxAucDrop on the Quantize node or deploy fp32.`,
      {},
      { aucDrop: report.aucDrop, maxAucDrop: report.maxAucDrop, nodeId: report.nodeId },
    );
  return { artifact, report };
}
