import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { BlobStore } from '../datasets/blob-store';
import type { StudioPrisma } from '../db/prisma-client';
import { isStudioError, OperationalError } from '@studio/ir';
import { notFound } from '../http-error';
import { errorOf, factsOf, liveOf, logOf } from '../runs/run-json';
import { pointOf } from '../runs/run-record';
import { BUNDLE_VERSION, type BundleEntry, type BundleManifest, type BundleProject } from './bundle-format';
import { modelCode, modelOnnx, runModelOf } from '../model-files/model-files';
import { bundleReadme } from './bundle-readme';
import { SIGNATURE_FILE, signManifest, type InstanceSigner } from './bundle-signing';
import { writeZip, type ZipEntry } from './zip';
import { readCsv } from '@studio/data';
import type { InputField } from '@studio/api';
import { deriveInputSchema } from '../serving/input-schema';
import { SCHEMA_CATEGORY_CAP, type DatasetSchemaFile } from './bundle-schemas';

const EXTENSION: Record<string, string> = {
  weights: 'bin',
  'weights-int8': 'bin',
  onnx: 'onnx',
  document: 'html',
};
const pad = (n: number, width: number) => String(n).padStart(width, '0');
const json = (value: unknown) => Buffer.from(JSON.stringify(value, null, 2));
const iso = (d: Date | null) => d?.toISOString() ?? null;
const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

/** The precision an artifact holds: INT8 weights, an ONNX export's recorded precision, fp32 weights; else none. */
export function precisionOfArtifact(kind: string, metadata: unknown): BundleEntry['precision'] {
  if (kind === 'weights-int8') return 'int8';
  if (kind === 'weights') return 'fp32';
  const p = (metadata as { precision?: unknown } | null)?.precision;
  return p === 'int8' || p === 'fp32' ? p : null;
}

/**
 * The bundle path of a run's artifact, unique by construction: the kind, model node, precision and the full
 * content hash are all part of it, so two different files never share a name (version 1 named an ONNX
 * export `onnx-<node>.onnx` whatever its precision, and an fp32 and an INT8 export collided).
 */
export function artifactPath(
  runIndex: number,
  a: { kind: string; sha256: string; metadata: unknown },
): string {
  const node = (a.metadata as { modelNodeId?: string | null } | null)?.modelNodeId;
  const precision = precisionOfArtifact(a.kind, a.metadata);
  const parts = [a.kind, node, precision, a.sha256].filter((x): x is string => !!x);
  return `runs/r${pad(runIndex + 1, 3)}/${parts.join('-')}.${EXTENSION[a.kind] ?? 'json'}`;
}

/** The files of a bundle being written, each named once with its kind and precision. */
class EntryList {
  readonly files: ZipEntry[] = [];
  readonly entries: BundleEntry[] = [];
  private readonly byPath = new Map<string, string>();

  add(path: string, data: Uint8Array, kind: string, precision: BundleEntry['precision'] = null): void {
    const hash = sha256(data);
    const seen = this.byPath.get(path);
    if (seen === hash) return;
    // Unreachable while names carry the content hash; a guard so no future name scheme can silently collide.
    if (seen !== undefined)
      throw new OperationalError(
        'BUNDLE_ENTRY_COLLISION',
        `Two different files would share the bundle path ${path}`,
      );
    this.byPath.set(path, hash);
    this.files.push({ name: path, data });
    this.entries.push({ path, kind, precision, sha256: hash });
  }
}

/** The model node ids a run stored fitted transforms for, in artifact order. */
const modelNodesOf = (artifacts: readonly { kind: string; metadata: unknown }[]) => [
  ...new Set(
    artifacts
      .filter((a) => a.kind === 'transforms')
      .map((a) => (a.metadata as { modelNodeId?: string } | null)?.modelNodeId)
      .filter((n): n is string => !!n),
  ),
];

/**
 * What an engineer needs next to each trained model, derived from the stored artifacts: the ONNX export with
 * its preprocessing (fp32, and INT8 when a Quantize node cleared it), the generated scorer as TypeScript and
 * as plain JavaScript with its `.d.mts`, and the PyTorch script (networks and logistic models). Paths are
 * `runs/rNNN/model/<node>/…`, unique by run, node, kind and precision. A run whose dataset was deleted has no
 * input schema, so it gets none of these (its stored artifacts still travel).
 */
async function addModelFiles(
  out: EntryList,
  blobs: BlobStore,
  runIndex: number,
  run: Parameters<typeof runModelOf>[1],
): Promise<BundledModel[]> {
  const models: BundledModel[] = [];
  if (run.status !== 'succeeded' || !run.dataset) return models;
  const dir = `runs/r${pad(runIndex + 1, 3)}/model`;
  for (const node of modelNodesOf(run.artifacts)) {
    const at = `${dir}/${node}`;
    const missing: string[] = [];
    /** One derived file; a model this Studio cannot export that way is noted instead of failing the export. */
    const attempt = (what: string, make: () => void) => {
      try {
        make();
      } catch (e) {
        if (!isStudioError(e) || e.kind !== 'user') throw e;
        missing.push(`${what}: ${e.message}`);
      }
    };
    const m = await runModelOf(blobs, run, node);
    attempt('model-fp32.onnx', () =>
      out.add(`${at}/model-fp32.onnx`, modelOnnx(m, 'fp32'), 'model-onnx', 'fp32'),
    );
    if (!(m.int8 instanceof Error))
      attempt('model-int8.onnx', () =>
        out.add(`${at}/model-int8.onnx`, modelOnnx(m, 'int8'), 'model-onnx', 'int8'),
      );
    const langs =
      m.pipeline.modelKind === 'gbm' ? (['ts', 'js'] as const) : (['ts', 'js', 'python'] as const);
    for (const lang of langs)
      attempt(`${lang} code`, () => {
        for (const [name, text] of Object.entries(modelCode(m, lang)))
          out.add(`${at}/${name}`, Buffer.from(text), CODE_KIND[name]!);
      });
    out.add(`${at}/example-input.json`, json(exampleInput(m.fields)), 'example-input');
    if (missing.length > 0)
      out.add(`${at}/UNAVAILABLE.txt`, Buffer.from(`${missing.join('\n')}\n`), 'model-notes');
    models.push({
      run: runIndex + 1,
      dir: at,
      kind: m.pipeline.modelKind,
      int8: !(m.int8 instanceof Error),
      python: m.pipeline.modelKind !== 'gbm',
    });
  }
  return models;
}

/**
 * A made-up applicant in the model's request shape, for trying the files out: the smallest value seen of each
 * number, the first category, false, a fixed date. Built from the schema, not copied from any row.
 */
export function exampleInput(fields: readonly InputField[]): Record<string, string | number | boolean> {
  return Object.fromEntries(
    fields.map((f) => [
      f.name,
      f.type === 'numeric'
        ? (f.min ?? 0)
        : f.type === 'categorical'
          ? (f.categories?.[0] ?? '')
          : f.type === 'boolean'
            ? false
            : '2020-01-01',
    ]),
  );
}

/** One model folder of a bundle, for the README. */
export interface BundledModel {
  run: number;
  dir: string;
  kind: 'logistic' | 'mlp' | 'gbm';
  int8: boolean;
  python: boolean;
}

const CODE_KIND: Record<string, string> = {
  'scorer.ts': 'code-ts',
  'scorer.mjs': 'code-js',
  'scorer.d.mts': 'code-js-types',
  'train.py': 'code-python',
};

/** A dataset's schema file: every column's request field and counts, from its stored CSV. */
async function datasetSchemaFile(
  blobs: BlobStore,
  d: { name: string; sha256: string; rowCount: number; columns: unknown },
): Promise<DatasetSchemaFile> {
  const counts = new Map(
    ((d.columns as { name: string; missingCount?: number; distinctCount?: number }[] | null) ?? []).map(
      (c) => [c.name, c],
    ),
  );
  // No column is the target here: a run's fields are these minus its own target.
  const fields = deriveInputSchema(await readCsv(blobs.pathOf(d.sha256)), '');
  return {
    format: 'studio-dataset-schema',
    version: 1,
    name: d.name,
    sha256: d.sha256,
    rowCount: d.rowCount,
    columns: fields.map((f) => {
      const c = counts.get(f.name);
      const many = (f.categories?.length ?? 0) > SCHEMA_CATEGORY_CAP;
      const { categories, ...rest } = f;
      return {
        ...rest,
        ...(categories && !many ? { categories } : {}),
        ...(many ? { categoriesOmitted: true } : {}),
        missingCount: c?.missingCount ?? 0,
        distinctCount: c?.distinctCount ?? categories?.length ?? 0,
      };
    }),
  };
}

/** What an export carries besides the project's records. */
export interface ExportOptions {
  /** The datasets' rows (raw applicant data); by default only their schemas travel. */
  includeData?: boolean;
}

/** The project as one zip: graphs with history, datasets, runs and their artifacts, audit trail, README, checksums. */
export async function exportBundle(
  prisma: StudioPrisma,
  blobs: BlobStore,
  projectId: string,
  signer?: InstanceSigner,
  options: ExportOptions = {},
): Promise<Buffer> {
  const includeData = options.includeData ?? false;
  const project = await prisma.project.findUnique({
    where: { id: projectId },
    include: {
      headVersion: { select: { number: true } },
      versions: { orderBy: { number: 'asc' }, include: { author: { select: { name: true } }, parent: true } },
      datasets: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
      runs: {
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        include: {
          graphVersion: { select: { number: true, graph: true } },
          artifacts: { orderBy: { createdAt: 'asc' } },
          dataset: { select: { sha256: true } },
          points: { orderBy: { seq: 'asc' } },
          logs: { orderBy: { seq: 'asc' } },
        },
      },
    },
  });
  if (!project) throw notFound('project', projectId);
  const out = new EntryList();
  const blob = async (hash: string) => readFile(blobs.pathOf(hash));

  for (const d of project.datasets) {
    out.add(`datasets/${d.sha256}.schema.json`, json(await datasetSchemaFile(blobs, d)), 'dataset-schema');
    if (includeData) out.add(`datasets/${d.sha256}.csv`, await blob(d.sha256), 'dataset');
  }
  for (const v of project.versions) out.add(`graph/v${pad(v.number, 4)}.json`, json(v.graph), 'graph');
  const runs: BundleProject['runs'] = [];
  const models: BundledModel[] = [];
  for (const [i, r] of project.runs.entries()) {
    const artifacts: BundleProject['runs'][number]['artifacts'] = [];
    for (const a of r.artifacts) {
      const file = artifactPath(i, a);
      out.add(file, await blob(a.sha256), a.kind, precisionOfArtifact(a.kind, a.metadata));
      artifacts.push({ kind: a.kind, sha256: a.sha256, sizeBytes: a.sizeBytes, metadata: a.metadata, file });
    }
    models.push(...(await addModelFiles(out, blobs, i, { ...r, project: { name: project.name } })));
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
      file: includeData ? `datasets/${d.sha256}.csv` : null,
      schemaFile: `datasets/${d.sha256}.schema.json`,
    })),
    runs,
  };
  const audit = await prisma.auditEvent.findMany({
    where: { projectId },
    orderBy: [{ at: 'asc' }, { seq: 'asc' }, { id: 'asc' }],
  });
  out.add('project.json', json(doc), 'project');
  out.add(
    'audit.json',
    json(
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
    'audit',
  );
  out.add('README.md', Buffer.from(bundleReadme(doc, models, includeData)), 'readme');
  const manifest: BundleManifest = {
    format: 'studio-bundle',
    bundleVersion: BUNDLE_VERSION,
    exportedAt: new Date().toISOString(),
    project: project.name,
    files: Object.fromEntries(out.entries.map((e) => [e.path, e.sha256])),
    entries: out.entries,
    includesData: includeData,
  };
  const manifestBytes = json(manifest);
  const signature = signer ? [{ name: SIGNATURE_FILE, data: json(signManifest(manifestBytes, signer)) }] : [];
  return writeZip([{ name: 'bundle.json', data: manifestBytes }, ...signature, ...out.files]);
}
