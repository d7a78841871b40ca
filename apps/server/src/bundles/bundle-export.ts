import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BlobStore } from '../datasets/blob-store';
import type { StudioPrisma } from '../db/prisma-client';
import { notFound } from '../http-error';
import { errorOf, factsOf, liveOf, logOf } from '../runs/run-json';
import { pointOf } from '../runs/run-record';
import { BUNDLE_VERSION, type BundleManifest, type BundleProject } from './bundle-format';
import { bundleReadme } from './bundle-readme';
import { SIGNATURE_FILE, signManifest, type InstanceSigner } from './bundle-signing';
import { writeZip, type ZipEntry } from './zip';

const EXTENSION: Record<string, string> = {
  weights: 'bin',
  'weights-int8': 'bin',
  onnx: 'onnx',
  document: 'html',
};
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2));
const iso = (d: Date | null) => d?.toISOString() ?? null;

/** The project as one zip: graphs with history, datasets, runs and their artifacts, audit trail, README, checksums. */
export async function exportBundle(
  prisma: StudioPrisma,
  blobs: BlobStore,
  projectId: string,
  signer?: InstanceSigner,
): Promise<Buffer> {
  const project = await prisma.project.findUnique({
    where: { id: projectId },
    include: {
      headVersion: { select: { number: true } },
      versions: { orderBy: { number: 'asc' }, include: { author: { select: { name: true } }, parent: true } },
      datasets: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      runs: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: {
          graphVersion: { select: { number: true } },
          artifacts: { orderBy: { createdAt: 'asc' } },
          points: { orderBy: { seq: 'asc' } },
          logs: { orderBy: { seq: 'asc' } },
        },
      },
    },
  });
  if (!project) throw notFound('project', projectId);
  const files: ZipEntry[] = [];
  const blob = async (sha256: string) => readFile(blobs.pathOf(sha256));

  const datasetFiles = new Set<string>();
  for (const d of project.datasets) {
    const file = `datasets/${d.sha256}.csv`;
    if (!datasetFiles.has(file)) files.push({ name: file, data: await blob(d.sha256) });
    datasetFiles.add(file);
  }
  for (const v of project.versions)
    files.push({ name: `graph/v${pad(v.number, 4)}.json`, data: json(v.graph) });
  const runs: BundleProject['runs'] = [];
  for (const [i, r] of project.runs.entries()) {
    const artifacts: BundleProject['runs'][number]['artifacts'] = [];
    for (const a of r.artifacts) {
      const node = (a.metadata as { modelNodeId?: string | null } | null)?.modelNodeId;
      const file = `runs/r${pad(i + 1, 3)}/${a.kind}${node ? `-${node}` : ''}.${EXTENSION[a.kind] ?? 'json'}`;
      files.push({ name: file, data: await blob(a.sha256) });
      artifacts.push({ kind: a.kind, sha256: a.sha256, sizeBytes: a.sizeBytes, metadata: a.metadata, file });
    }
    runs.push({
      id: r.id,
      versionNumber: r.graphVersion.number,
      datasetId: r.datasetId,
      status: r.status,
      backend: r.backend,
      // The bundle keeps a run's output in one record, the layout older Studios read.
      progress: { progress: liveOf(r).progress, history: r.points.map(pointOf), logs: r.logs.map(logOf) },
      metrics: factsOf(r),
      error: errorOf(r),
      createdAt: r.createdAt.toISOString(),
      startedAt: iso(r.startedAt),
      finishedAt: iso(r.finishedAt),
      artifacts,
    });
  }
  const doc: BundleProject = {
    project: {
      id: project.id,
      name: project.name,
      description: project.description,
      createdAt: project.createdAt.toISOString(),
    },
    headVersion: project.headVersion?.number ?? null,
    versions: project.versions.map((v) => ({
      id: v.id,
      number: v.number,
      hash: v.hash,
      parentNumber: v.parent?.number ?? null,
      message: v.message,
      irVersion: v.irVersion,
      authorName: v.author.name,
      createdAt: v.createdAt.toISOString(),
      file: `graph/v${pad(v.number, 4)}.json`,
    })),
    datasets: project.datasets.map((d) => ({
      id: d.id,
      name: d.name,
      sha256: d.sha256,
      sizeBytes: d.sizeBytes,
      rowCount: d.rowCount,
      columns: d.columns,
      profile: d.profile,
      createdAt: d.createdAt.toISOString(),
      file: `datasets/${d.sha256}.csv`,
    })),
    runs,
  };
  const audit = await prisma.auditEvent.findMany({
    where: { projectId },
    orderBy: [{ at: 'asc' }, { seq: 'asc' }, { id: 'asc' }],
  });
  files.push({ name: 'project.json', data: json(doc) });
  files.push({
    name: 'audit.json',
    data: json(
      audit.map((e) => ({
        at: e.at.toISOString(),
        actorId: e.actorId,
        actorName: e.actorName,
        action: e.action,
        targetType: e.targetType,
        targetId: e.targetId,
        beforeHash: e.beforeHash,
        afterHash: e.afterHash,
        changes: e.changes,
        summary: e.summary,
      })),
    ),
  });
  files.push({ name: 'README.md', data: Buffer.from(bundleReadme(doc)) });
  const manifest: BundleManifest = {
    format: 'studio-bundle',
    bundleVersion: BUNDLE_VERSION,
    exportedAt: new Date().toISOString(),
    project: project.name,
    files: Object.fromEntries(files.map((f) => [f.name, createHash('sha256').update(f.data).digest('hex')])),
  };
  const manifestBytes = json(manifest);
  const signature = signer ? [{ name: SIGNATURE_FILE, data: json(signManifest(manifestBytes, signer)) }] : [];
  return writeZip([{ name: 'bundle.json', data: manifestBytes }, ...signature, ...files]);
}
