import { applyTransform, type DataWarning, type Table } from '@studio/data';
import type { RunWarning } from '../run-types';
import type { FittedStep } from './fit-transforms';

/** Applies fitted steps in order (the code that fitted them), reporting each step's data warnings against its node. */
export function applySteps(steps: readonly FittedStep[], table: Table, warnings: RunWarning[]): Table {
  let t = table;
  for (const step of steps) {
    const found: DataWarning[] = [];
    t = applyTransform(step.fitted, t, found);
    warnings.push(...pinWarnings(found, step.nodeId));
  }
  return t;
}

/** Data warnings as run warnings pinned to `nodeId`. */
export function pinWarnings(found: readonly DataWarning[], nodeId: string): RunWarning[] {
  return found.map((w) => ({ code: w.code, message: w.message, nodeId }));
}
