import type { DeploymentPrecision } from '@studio/api';

/** The weights a version serves, as recorded at deploy (`metrics.precision`); versions from before INT8 are fp32. */
export function precisionOf(row: { metrics: unknown }): DeploymentPrecision {
  return (row.metrics as { precision?: string } | null)?.precision === 'int8' ? 'int8' : 'fp32';
}
