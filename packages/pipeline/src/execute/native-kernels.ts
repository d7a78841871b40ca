import { useCsvKernel, useWoeKernels } from '@studio/data';
import { csvColumns, hasCsvKernel, hasStatsKernels, woeByRange, woeFineBins } from '@studio/engine';
import { registerColumnKernels } from './native-column-kernels';

// WOE binning's column passes run in the engine (native, no JIT warm-up): the same bins, WOE values and IV as
// the TypeScript passes (packages/engine/src/stats.test.ts proves it).
if (hasStatsKernels) useWoeKernels({ fineBins: woeFineBins, woeByRange });
// So do the cells of a CSV read whole: the same tables and errors (packages/engine/src/csv.test.ts).
if (hasCsvKernel) useCsvKernel({ csvColumns });
// And the passes of the `split` stage: the dataset checks' column scans, the split and the row gather.
registerColumnKernels();
