import { useCheckKernels } from '@studio/data';
import { checkKernels } from '@studio/engine';

/**
 * Registers the engine's native passes of the `split` stage (`@studio/data`'s `CheckKernels`: the dataset
 * checks' column scans, value counts and AUCs, the target's pass, the stratified split and `takeRows`' gather):
 * the same warnings, outcomes and rows as the TypeScript loops (packages/engine/src/checks.test.ts and
 * split-native.test.ts prove it). An addon built before them leaves the TypeScript loops in place.
 */
export function registerCheckKernels(): void {
  if (checkKernels) useCheckKernels(checkKernels);
}
