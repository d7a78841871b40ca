import { applyTransformRow, woeBinsOfRow, type DataWarning, type FittedWoe, type Row } from '@studio/data';
import { UserError } from '@studio/ir';
import type { PipelineArtifact } from '@studio/pipeline';
import { reasonCodes, scoreFromProbability, type ReasonCode } from '@studio/scoring';

/**
 * Score and reason codes of a record whose probability came from elsewhere (the ONNX runtime): scorecard
 * points of the WOE bins the record falls in, as `scoreRow` adds them, or the scaled probability when the
 * model has no scorecard. The fitted transforms run on the record to find the bins, with the same refusal
 * of unseen categories where the graph asked for it.
 */
export function scoreAndReasons(
  pipeline: PipelineArtifact,
  record: Row,
  probability: number,
): { score: number; reasons: ReasonCode[] } {
  const card = pipeline.scorecard;
  if (!card) return { score: scoreFromProbability(probability, pipeline.scaling), reasons: [] };
  const flags: DataWarning[] = [];
  let row: Row = { ...record };
  let woe: { fitted: FittedWoe; input: Row } | undefined;
  for (const step of pipeline.steps) {
    const before = flags.length;
    if (step.fitted.kind === 'woe') woe = { fitted: step.fitted, input: row };
    row = applyTransformRow(step.fitted, row, flags);
    const unseen = flags.slice(before).find((f) => f.code === 'UNSEEN_CATEGORY');
    if (unseen && step.unseen === 'error')
      throw new UserError(
        'UNSEEN_CATEGORY',
        `"${unseen.column}" has a value not seen in training, and node ${step.nodeId} is set to refuse those. Send a known category or retrain with it.`,
        { column: unseen.column, nodeId: step.nodeId },
      );
  }
  if (!woe) return { score: scoreFromProbability(probability, pipeline.scaling), reasons: [] };
  const bins = woeBinsOfRow(woe.fitted, woe.input);
  const score = card.characteristics.reduce((s, c) => s + c.bins[bins[c.name]!]!.points, 0);
  return { score, reasons: reasonCodes(card, { bins, values: record }) };
}
