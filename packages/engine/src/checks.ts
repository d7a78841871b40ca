/**
 * The dataset checks' column passes and `takeRows`' gather (`@studio/data`'s `CheckKernels`), run natively
 * (native/src/checks/column-checks.h): the same scans, counts, AUCs and rows as the TypeScript loops.
 */
import type { CheckKernels } from '@studio/data';
import { native } from './binding';

/** Each kernel as `CheckKernels` names it, from the addon's export of that name (absent from an older addon). */
const found = {
  scanValues: native.checkScanValues,
  scanCategories: native.checkScanCategories,
  aucBounds: native.checkAucBounds,
  tallyAuc: native.checkTallyAuc,
  topCount: native.checkTopCount,
  anyRepeat: native.checkAnyRepeat,
  countEqual: native.checkCountEqual,
  shuffleMulberry32: native.shuffleMulberry32,
  firstDistinct: native.firstDistinct,
  equalMask: native.equalMask,
  classCounts: native.classCounts,
  stratifiedSides: native.stratifiedSides,
  gatherColumns: native.gatherColumns,
  gatherRows: native.gatherRows,
} satisfies Record<keyof CheckKernels, unknown>;

/**
 * The kernels, or null when the loaded addon predates them (an older build: `@studio/data` then keeps its
 * TypeScript loops, which give the same results; the engine's tests fail on such an addon).
 */
export const checkKernels: CheckKernels | null = Object.values(found).every((f) => typeof f === 'function')
  ? (found as CheckKernels)
  : null;
