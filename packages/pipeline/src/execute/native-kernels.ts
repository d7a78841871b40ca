import { useCsvKernel, useWoeKernels } from '@studio/data';
import { csvColumns, hasCsvKernel, hasStatsKernels, woeByRange, woeFineBins } from '@studio/engine';
import { evaluationPass, hasScoreOrderKernel, scoreOrderDesc } from '@studio/engine';
import { useScoreOrderKernel } from '@studio/scoring';
import { useEvaluationKernel } from './evaluation';

// WOE binning's column passes run in the engine (native, no JIT warm-up): the same bins, WOE values and IV as
// the TypeScript passes (packages/engine/src/stats.test.ts proves it).
if (hasStatsKernels) useWoeKernels({ fineBins: woeFineBins, woeByRange });
// So do the cells of a CSV read whole: the same tables and errors (packages/engine/src/csv.test.ts).
if (hasCsvKernel) useCsvKernel({ csvColumns });
// So do the evaluation screen's pass over the held-out scores and the metrics' score order: the same screen
// and order as the TypeScript paths (packages/pipeline/src/execute/evaluation-kernel.test.ts).
if (hasScoreOrderKernel) {
  useScoreOrderKernel(scoreOrderDesc);
  useEvaluationKernel(evaluationPass);
}
