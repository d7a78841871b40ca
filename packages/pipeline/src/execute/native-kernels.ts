import { useColumnKernels, useCsvKernel, useWoeKernels } from '@studio/data';
import {
  columnKernels,
  csvColumns,
  evaluationPass,
  hasScoreOrderKernel,
  hasCsvKernel,
  hasStatsKernels,
  newMatrix,
  packColumns,
  scoreOrderDesc,
  woeByRange,
  woeFineBins,
} from '@studio/engine';
import { useScoreOrderKernel } from '@studio/scoring';
import { useEvaluationKernel } from './evaluation';
import { registerCheckKernels } from './native-check-kernels';
import { usePackKernel } from './pack-kernel';

// WOE binning's column passes run in the engine (native, no JIT warm-up): the same bins, WOE values and IV as
// the TypeScript passes (packages/engine/src/stats.test.ts proves it).
if (hasStatsKernels) useWoeKernels({ fineBins: woeFineBins, woeByRange });
// So do the cells of a CSV read whole: the same tables and errors (packages/engine/src/csv.test.ts).
if (hasCsvKernel) useCsvKernel({ csvColumns });
// And the transforms' column passes (median fills, standardisation's statistics) and the fused pack into the
// model's matrix: the same doubles and the same matrix (packages/engine/src/transforms.test.ts).
// STUDIO_TS_TRANSFORMS=1 keeps the TypeScript passes (bench/e2e/transforms-ab.ts compares the two).
if (process.env.STUDIO_TS_TRANSFORMS !== '1') registerTransformKernels();
// And the passes of the `split` stage: the dataset checks' column scans, the split and the row gather.
registerCheckKernels();
// So do the evaluation screen's pass over the held-out scores and the metrics' score order: the same screen
// and order as the TypeScript paths (packages/pipeline/src/execute/evaluation-kernel.test.ts).
if (hasScoreOrderKernel) {
  useScoreOrderKernel(scoreOrderDesc);
  useEvaluationKernel(evaluationPass);
}

/** Registers the engine's transform column kernels and the fused pack (pack-kernel.test.ts turns them on with it). */
export function registerTransformKernels(): void {
  if (!columnKernels) return;
  useColumnKernels(columnKernels);
  usePackKernel({ pack: packColumns, matrix: newMatrix });
}
