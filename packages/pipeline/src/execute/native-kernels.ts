import { useColumnKernels, useCsvKernel, useWoeKernels } from '@studio/data';
import { columnKernels, csvColumns, hasCsvKernel, hasStatsKernels, woeByRange, woeFineBins } from '@studio/engine';

// WOE binning's column passes run in the engine (native, no JIT warm-up): the same bins, WOE values and IV as
// the TypeScript passes (packages/engine/src/stats.test.ts proves it).
if (hasStatsKernels) useWoeKernels({ fineBins: woeFineBins, woeByRange });
// So do the cells of a CSV read whole: the same tables and errors (packages/engine/src/csv.test.ts).
if (hasCsvKernel) useCsvKernel({ csvColumns });
// And the dataset checks' column passes and the row gather of `split` (packages/engine/src/checks.test.ts).
if (columnKernels) useColumnKernels(columnKernels);
