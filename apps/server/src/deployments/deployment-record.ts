import type { Deployment, DeploymentPrecision, InputField } from '@studio/api';
import type { Deployment as DeploymentRow } from '../generated/sqlite/client.js';

/** The path a slug is served at. */
export function predictPath(slug: string): string {
  return `/v1/deployments/${slug}/predict`;
}

/** A Deployment row as the API shows it. */
export function toDeployment(row: DeploymentRow): Deployment {
  return {
    id: row.id,
    projectId: row.projectId,
    slug: row.slug,
    version: row.version,
    name: row.name,
    runId: row.runId,
    runtime: row.runtime === 'onnx' ? 'onnx' : 'native',
    precision: precisionOf(row),
    status: row.status === 'active' || row.status === 'pending' ? row.status : 'retired',
    artifactHash: row.artifactHash,
    inputSchema: (row.inputSchema ?? []) as InputField[],
    logSampleRate: row.logSampleRate,
    createdAt: row.createdAt.toISOString(),
    promotedAt: row.promotedAt?.toISOString() ?? null,
    url: predictPath(row.slug),
  };
}

/** The weights a version serves, as recorded at deploy (`metrics.precision`); versions from before INT8 are fp32. */
export function precisionOf(row: { metrics: unknown }): DeploymentPrecision {
  return (row.metrics as { precision?: string } | null)?.precision === 'int8' ? 'int8' : 'fp32';
}

/** A slug made from a project name: lowercase words joined by dashes. */
export function slugOf(name: string): string {
  const slug = name
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 64)
    .replace(/-+$/, '');
  return slug || 'model';
}
