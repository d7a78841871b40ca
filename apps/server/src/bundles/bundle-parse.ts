import { createHash } from 'node:crypto';
import type { RunLog, RunProgress } from '@studio/api';
import { isStudioError, type UserError } from '@studio/ir';
import type { HistoryPoint } from '@studio/pipeline';
import { userError } from '../http-error';
import type { z } from 'zod';
import {
  BUNDLE_VERSION,
  OLDEST_BUNDLE_VERSION,
  bundleAuditSchema,
  bundleManifestSchema,
  bundleProjectSchema,
  type BundleEntry,
  type BundleManifest,
  type BundleProject,
} from './bundle-format';
import { bundledOutputSchema, errorOf, factsOf, type RunFacts, type StoredRunError } from '../runs/run-json';
import { SIGNATURE_FILE } from './bundle-signing';
import { readZip, type ZipLimits } from './zip';
import {
  datasetSchemaFileSchema,
  fittedTransformsFileSchema,
  type DatasetSchemaFile,
} from './bundle-schemas';

/** A bundled run's records as this Studio stores them, whatever versions the bundle wrote. */
export interface ParsedRunRecords {
  facts: RunFacts;
  error: StoredRunError | null;
  progress: RunProgress | null;
  history: HistoryPoint[];
  logs: RunLog[];
}

/** A bundle read and fully checked, nothing written yet. */
export interface ParsedBundle {
  manifest: BundleManifest;
  project: BundleProject;
  audit: z.infer<typeof bundleAuditSchema>;
  graphs: Map<number, unknown>;
  files: Map<string, Buffer>;
  /** By the run's id in project.json. */
  runs: Map<string, ParsedRunRecords>;
  /** Each dataset's schema file, by the dataset's id in project.json (bundles before schema files: none). */
  schemas: Map<string, DatasetSchemaFile>;
}

const sha256 = (data: Uint8Array) => createHash('sha256').update(data).digest('hex');

function invalid(message: string, entry?: string): UserError {
  return userError(
    'BUNDLE_INVALID',
    `${message}. Export the project again from the Studio that made it.`,
    entry === undefined ? undefined : { entry },
  );
}

function jsonFile<T>(files: Map<string, Buffer>, name: string, schema: z.ZodType<T>): T {
  const data = files.get(name);
  if (!data) throw invalid(`The bundle has no ${name}`, name);
  let parsed: unknown;
  try {
    parsed = JSON.parse(data.toString('utf8'));
  } catch {
    throw invalid(`${name} is not JSON`, name);
  }
  const result = schema.safeParse(parsed);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw invalid(
      `${name} does not have the expected shape (at "${issue?.path.join('.') ?? ''}": ${issue?.message ?? 'invalid'})`,
      name,
    );
  }
  return result.data;
}

/**
 * Reads a bundle and checks everything before anything is imported: a zip (BUNDLE_NOT_ZIP), a known
 * `bundleVersion` (BUNDLE_VERSION_UNSUPPORTED), every file's sha256 as listed in bundle.json
 * (BUNDLE_CHECKSUM_MISMATCH), and every record's files present and matching their content hashes (BUNDLE_INVALID).
 */
export async function parseBundle(buf: Buffer, limits: Partial<ZipLimits> = {}): Promise<ParsedBundle> {
  const files = await readZip(buf, limits);
  const manifest = migrateManifest(jsonFile(files, 'bundle.json', bundleManifestSchema));
  for (const name of files.keys())
    if (name !== 'bundle.json' && name !== SIGNATURE_FILE && !Object.hasOwn(manifest.files, name))
      throw invalid(`The bundle holds an unknown entry ${name} that bundle.json does not list`, name);
  for (const name of Object.keys(manifest.files))
    if (!files.has(name)) throw invalid(`bundle.json lists ${name}, but the bundle has no such file`, name);
  const mismatched: string[] = [];
  for (const [name, data] of files)
    if (name !== 'bundle.json' && name !== SIGNATURE_FILE && manifest.files[name] !== sha256(data))
      mismatched.push(name);
  if (mismatched.length > 0)
    throw userError(
      'BUNDLE_CHECKSUM_MISMATCH',
      `These files of the bundle do not match the checksums in bundle.json: ${mismatched.slice(0, 5).join(', ')}. The bundle was changed or damaged after export; export it again.`,
      { files: mismatched },
    );
  const project = jsonFile(files, 'project.json', bundleProjectSchema);
  const audit = jsonFile(files, 'audit.json', bundleAuditSchema);
  const content = (file: string, hash: string | null) => {
    const data = files.get(file);
    if (!data) throw invalid(`${file}, named in project.json, is missing`, file);
    if (hash !== null && sha256(data) !== hash)
      throw invalid(`${file} does not hold the content its record in project.json names`, file);
    return data;
  };
  const schemas = new Map<string, DatasetSchemaFile>();
  for (const d of project.datasets) {
    if (d.file !== null) content(d.file, d.sha256);
    if (d.schemaFile !== undefined) {
      content(d.schemaFile, null);
      schemas.set(d.id, jsonFile(files, d.schemaFile, datasetSchemaFileSchema));
    } else if (d.file === null)
      throw invalid(
        `Dataset "${d.name}" in project.json has neither its rows nor its schema file`,
        'project.json',
      );
  }
  for (const r of project.runs)
    for (const a of r.artifacts) {
      content(a.file, a.sha256);
      if (a.kind === 'transforms') jsonFile(files, a.file, fittedTransformsFileSchema);
    }
  const graphs = new Map<number, unknown>();
  for (const v of project.versions) {
    const text = content(v.file, null).toString('utf8');
    try {
      graphs.set(v.number, JSON.parse(text));
    } catch {
      throw invalid(`${v.file} is not JSON`, v.file);
    }
  }
  const runs = new Map(project.runs.map((r) => [r.id, runRecords(r)]));
  return { manifest, project, audit, graphs, files, runs, schemas };
}

/** The kind of a version-1 file, read from its path (version 1 listed no kinds). */
function kindOfV1Path(path: string): { kind: string; precision: 'fp32' | 'int8' | null } {
  if (path === 'project.json') return { kind: 'project', precision: null };
  if (path === 'audit.json') return { kind: 'audit', precision: null };
  if (path === 'README.md') return { kind: 'readme', precision: null };
  if (path.startsWith('graph/')) return { kind: 'graph', precision: null };
  if (path.startsWith('datasets/')) return { kind: 'dataset', precision: null };
  const artifact = /^runs\/r\d+\/(weights-int8|weights|onnx|[a-z]+)(?:-|\.)/.exec(path)?.[1] ?? 'artifact';
  const precision = artifact === 'weights-int8' ? 'int8' : artifact === 'weights' ? 'fp32' : null;
  return { kind: artifact, precision };
}

/**
 * The manifest in this Studio's layout. A newer bundleVersion is refused with "upgrade the Studio"; version 1
 * (no `entries`) gains entries derived from its paths; version 2 must list exactly the files of `files`.
 */
export function migrateManifest(manifest: BundleManifest): BundleManifest & { entries: BundleEntry[] } {
  const v = manifest.bundleVersion;
  if (v > BUNDLE_VERSION)
    throw userError(
      'BUNDLE_VERSION_UNSUPPORTED',
      `This bundle was written by a newer Studio (bundleVersion ${v}); this Studio reads bundle versions ${OLDEST_BUNDLE_VERSION} to ${BUNDLE_VERSION}. Upgrade the Studio to import it.`,
      { bundleVersion: v, supported: BUNDLE_VERSION },
    );
  if (v < OLDEST_BUNDLE_VERSION)
    throw userError(
      'BUNDLE_VERSION_UNSUPPORTED',
      `This bundle has bundleVersion ${v}, which no Studio writes; this Studio reads versions ${OLDEST_BUNDLE_VERSION} to ${BUNDLE_VERSION}. Export the project again.`,
      { bundleVersion: v, supported: BUNDLE_VERSION },
    );
  if (v === 1) {
    const entries = Object.entries(manifest.files).map(([path, hash]) => ({
      path,
      ...kindOfV1Path(path),
      sha256: hash,
    }));
    return { ...manifest, entries };
  }
  if (!manifest.entries) throw invalid(`bundle.json (bundleVersion ${v}) has no entries list`, 'bundle.json');
  const seen = new Set<string>();
  for (const e of manifest.entries) {
    if (seen.has(e.path)) throw invalid(`bundle.json lists the entry ${e.path} twice`, e.path);
    seen.add(e.path);
    if (manifest.files[e.path] !== e.sha256)
      throw invalid(`bundle.json's entry ${e.path} disagrees with its files checksum list`, e.path);
  }
  for (const path of Object.keys(manifest.files))
    if (!seen.has(path)) throw invalid(`bundle.json's entries do not describe ${path}`, path);
  return { ...manifest, entries: manifest.entries };
}

/** A run's JSON records read through the same parse functions as the database's (older versions migrate). */
function runRecords(r: BundleProject['runs'][number]): ParsedRunRecords {
  const where = `run ${r.id} in project.json`;
  const output = bundledOutputSchema.nullish().safeParse(r.progress);
  if (!output.success)
    throw invalid(
      `The progress of ${where} does not have the expected shape (${output.error.issues[0]?.path.join('.')})`,
    );
  const logs = output.data?.logs ?? [];
  const badTime = logs.find((l) => Number.isNaN(Date.parse(l.at)));
  if (badTime) throw invalid(`A log line of ${where} has no valid time ("${badTime.at}")`);
  try {
    return {
      facts: factsOf({ id: r.id, metrics: r.metrics }),
      error: errorOf({ id: r.id, error: r.error }),
      progress: output.data?.progress ?? null,
      history: output.data?.history ?? [],
      logs,
    };
  } catch (e) {
    if (isStudioError(e) && e.code === 'STORED_RECORD_TOO_NEW')
      throw userError(
        'BUNDLE_VERSION_UNSUPPORTED',
        `A newer Studio wrote the ${String(e.details?.record)} of ${where} (version ${String(e.details?.version)}; this Studio reads up to ${String(e.details?.supported)}). Import the bundle there, or upgrade this Studio.`,
        { run: r.id },
      );
    throw invalid(`The records of ${where} do not have the expected shape: ${(e as Error).message}`);
  }
}
