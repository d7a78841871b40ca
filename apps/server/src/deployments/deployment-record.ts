import { paths, type Deployment, type InputField } from '@studio/api';
import type { Deployment as DeploymentRow } from '../generated/sqlite/client.js';
import { precisionOf } from '../serving/served-precision';

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
    strict: row.strict,
    createdAt: row.createdAt.toISOString(),
    promotedAt: row.promotedAt?.toISOString() ?? null,
    url: paths.predict(row.slug),
  };
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
