import { useWoeKernels } from '@studio/data';
import { hasStatsKernels, woeByRange, woeFineBins } from '@studio/engine';

// WOE binning's column passes run in the engine (native, no JIT warm-up): the same bins, WOE values and IV as
// the TypeScript passes (packages/engine/src/stats.test.ts proves it).
if (hasStatsKernels) useWoeKernels({ fineBins: woeFineBins, woeByRange });
