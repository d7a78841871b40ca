/**
 * The dataset checks' column passes and `takeRows`' gather (`@studio/data`'s `CheckKernels`), run natively
 * (native/src/checks/column-checks.h): the same scans, counts, AUCs and rows as the TypeScript loops.
 */
import type { CheckKernels } from '@studio/data';
import { native } from './binding';

const {
  checkScanValues,
  checkScanCategories,
  checkAucBounds,
  checkTallyAuc,
  checkTopCount,
  checkAnyRepeat,
  checkCountEqual,
  shuffleMulberry32,
  firstDistinct,
  equalMask,
  classCounts,
  stratifiedSides,
  gatherColumns,
  gatherRows,
} = native;

/**
 * The kernels, or null when the loaded addon predates them (an older build: `@studio/data` then keeps its
 * TypeScript loops, which give the same results; the engine's tests fail on such an addon).
 */
export const checkKernels: CheckKernels | null =
  checkScanValues &&
  checkScanCategories &&
  checkAucBounds &&
  checkTallyAuc &&
  checkTopCount &&
  checkAnyRepeat &&
  checkCountEqual &&
  shuffleMulberry32 &&
  firstDistinct &&
  equalMask &&
  classCounts &&
  stratifiedSides &&
  gatherColumns &&
  gatherRows
    ? {
        scanValues: checkScanValues,
        scanCategories: checkScanCategories,
        aucBounds: checkAucBounds,
        tallyAuc: checkTallyAuc,
        topCount: checkTopCount,
        anyRepeat: checkAnyRepeat,
        countEqual: checkCountEqual,
        shuffleMulberry32,
        firstDistinct,
        equalMask,
        classCounts,
        stratifiedSides,
        gatherColumns,
        gatherRows,
      }
    : null;
