import type { Actor } from '@studio/api';
import { contentHash, type GraphIR } from '@studio/ir';
import { createHash } from 'node:crypto';
import { defaultSummary, type AuditLog } from '../audit/audit-log';
import type { StudioPrisma } from '../db/prisma-client';
import type { JsonInput } from '../db/prisma-types';
import type { ArtifactStore, StoredArtifact } from '../runs/artifact-store';
import { jsonOf } from '../runs/run-json';
import { HttpUserError } from '../http-error';
import { parseBundle, type ParsedBundle } from './bundle-parse';
import { checkSignature, SIGNATURE_FILE, type InstanceSigner, type SignatureCheck } from './bundle-signing';
import type { ZipLimits } from './zip';

/** What an import needs from the server. */
export interface ImportDeps {
  prisma: StudioPrisma;
  audit: AuditLog;
  artifacts: ArtifactStore;
  /** Is a stored blob still referenced by any row? (Removal of files an aborted import created.) */
  blobInUse(sha256: string): Promise<boolean>;
  /** This instance's key: what "signed by <instance>, intact" is checked against. */
  signer: InstanceSigner;
  /** Single-user mode: the new project waives approval like every project made here. */
  singleUser: boolean;
  /** Caps on what the archive may inflate to (defaults: `DEFAULT_ZIP_LIMITS`). */
  zipLimits?: Partial<ZipLimits>;
  /** Runs in the transaction that creates the project (the import job records its success there). */
  onCommit?: (tx: StudioPrisma, projectId: string) => Promise<void>;
}

/** Replaces every node parameter equal to an old dataset id with the new one. */
function remapDatasets(graph: unknown, datasetIds: Map<string, string>): GraphIR {
  const g = structuredClone(graph) as GraphIR;
  for (const node of g.nodes ?? [])
    for (const [k, v] of Object.entries(node.params ?? {}))
      if (typeof v === 'string' && datasetIds.has(v)) node.params[k] = datasetIds.get(v)!;
  return g;
}

const date = (s: string | null) => (s === null ? null : new Date(s));

/**
 * Reopens a bundle as a new project: the files go to the blob store first, then every row (project, datasets,
 * graph history, runs, artifacts, the audit extract) commits in one transaction. Any failure leaves nothing:
 * no rows, and no stored file that this import created. Dataset ids are new, so graphs are re-pointed at them
 * (and re-hashed). Returns the new project's id.
 */
export async function importBundle(
  deps: ImportDeps,
  buf: Buffer,
  actor: Actor,
  options: { confirmModified?: boolean } = {},
): Promise<{ projectId: string; check: SignatureCheck; bundleHash: string }> {
  const bundle = await parseBundle(buf, deps.zipLimits);
  const check = checkSignature(
    bundle.files.get('bundle.json')!,
    bundle.files.get(SIGNATURE_FILE),
    deps.signer,
  );
  if (check.status === 'modified' && !options.confirmModified)
    throw new HttpUserError(
      409,
      'BUNDLE_MODIFIED',
      `This bundle was ${check.message}. Nothing was imported. If you trust its source, import it again with ` +
        'confirmModified=true: its runs will be marked untrusted and cannot be deployed until retrained.',
      { signature: check.status },
    );
  const bundleHash = createHash('sha256').update(buf).digest('hex');
  const written: StoredArtifact[] = [];
  try {
    const blobs = new Map<string, Buffer>();
    for (const d of bundle.project.datasets)
      if (d.file !== null) blobs.set(d.sha256, bundle.files.get(d.file)!);
    for (const r of bundle.project.runs)
      for (const a of r.artifacts) blobs.set(a.sha256, bundle.files.get(a.file)!);
    for (const data of blobs.values()) written.push(await deps.artifacts.write(data));
    const projectId = await deps.prisma.$transaction(
      async (tx) => {
        const id = await insertRows(tx as unknown as StudioPrisma, deps, bundle, actor, check, bundleHash);
        await deps.onCommit?.(tx as unknown as StudioPrisma, id);
        return id;
      },
      {
        timeout: 60_000,
      },
    );
    return { projectId, check, bundleHash };
  } catch (e) {
    for (const w of written.filter((x) => x.created))
      if (!(await deps.blobInUse(w.sha256))) await deps.artifacts.remove(w.sha256);
    throw e;
  }
}

async function insertRows(
  tx: StudioPrisma,
  deps: ImportDeps,
  bundle: ParsedBundle,
  actor: Actor,
  check: SignatureCheck,
  bundleHash: string,
): Promise<string> {
  const p = bundle.project;
  const project = await tx.project.create({
    data: {
      name: p.project.name,
      description: p.project.description,
      createdById: actor.id,
      approvalWaived: deps.singleUser,
      importedBundleHash: bundleHash,
      importedSignature: check.status,
      importedSigner: check.signer,
    },
  });
  // Only a bundle this Studio signed and nobody changed keeps its runs' metrics trusted.
  const untrusted = check.status === 'intact' ? null : `imported from a bundle: ${check.message}`;
  const ids = new Map<string, string>([[p.project.id, project.id]]);
  // A dataset whose rows stayed behind (the default export) is not recreated: its schema is in the bundle, and
  // the runs trained on it keep their metrics and model files; upload the data again to retrain.
  for (const d of p.datasets.filter((x) => x.file !== null)) {
    const row = await tx.dataset.create({
      data: {
        projectId: project.id,
        name: d.name,
        sha256: d.sha256,
        sizeBytes: d.sizeBytes,
        rowCount: d.rowCount,
        columns: d.columns as JsonInput,
        ...(d.profile === null || d.profile === undefined ? {} : { profile: d.profile as JsonInput }),
        uploadedById: actor.id,
        createdAt: new Date(d.createdAt),
      },
    });
    ids.set(d.id, row.id);
  }
  const datasetIds = new Map(
    p.datasets.filter((d) => ids.has(d.id)).map((d) => [d.id, ids.get(d.id)!] as const),
  );
  const withoutRows = p.datasets.filter((d) => d.file === null);
  const versions = new Map<number, { id: string; hash: string }>();
  for (const v of [...p.versions].sort((a, b) => a.number - b.number)) {
    const graph = remapDatasets(bundle.graphs.get(v.number), datasetIds);
    const hash = contentHash(graph);
    const row = await tx.graphVersion.create({
      data: {
        projectId: project.id,
        number: v.number,
        hash,
        parentId: v.parentNumber === null ? null : (versions.get(v.parentNumber)?.id ?? null),
        message: v.message,
        authorId: actor.id,
        irVersion: v.irVersion,
        graph: graph as unknown as JsonInput,
        createdAt: new Date(v.createdAt),
      },
    });
    versions.set(v.number, { id: row.id, hash });
    ids.set(v.id, row.id);
  }
  const head = p.headVersion === null ? null : versions.get(p.headVersion);
  if (head) await tx.project.update({ where: { id: project.id }, data: { headVersionId: head.id } });
  for (const r of p.runs) {
    const version = versions.get(r.versionNumber);
    if (!version) continue;
    const records = bundle.runs.get(r.id)!;
    const row = await tx.run.create({
      data: {
        projectId: project.id,
        graphVersionId: version.id,
        datasetId: r.datasetId === null ? null : (datasetIds.get(r.datasetId) ?? null),
        status: r.status,
        backend: r.backend,
        progress: jsonOf({ v: 2, progress: records.progress }),
        metrics: jsonOf({ ...records.facts, graphHash: version.hash }),
        ...(records.error === null ? {} : { error: jsonOf(records.error) }),
        startedById: actor.id,
        untrusted,
        createdAt: new Date(r.createdAt),
        startedAt: date(r.startedAt),
        finishedAt: date(r.finishedAt),
      },
    });
    ids.set(r.id, row.id);
    // Bundles keep no time per learning-curve point; the run's start stands in.
    const pointsAt = row.startedAt ?? row.createdAt;
    await tx.runPoint.createMany({
      data: records.history.map((p, seq) => ({
        runId: row.id,
        seq,
        ...p,
        nodeId: p.nodeId ?? null,
        modelKind: p.modelKind ?? null,
        at: pointsAt,
      })),
    });
    await tx.runLog.createMany({
      data: records.logs.map((l, seq) => ({
        runId: row.id,
        seq,
        at: new Date(l.at),
        level: l.level,
        message: l.message,
        nodeId: l.nodeId ?? null,
      })),
    });
    for (const a of r.artifacts)
      await tx.modelArtifact.create({
        data: {
          projectId: project.id,
          runId: row.id,
          kind: a.kind,
          sha256: a.sha256,
          sizeBytes: a.sizeBytes,
          ...(a.metadata == null ? {} : { metadata: a.metadata as JsonInput }),
        },
      });
  }
  // The bundle's own history is kept with the project as "imported history, unverified"; never chained.
  await tx.importedAuditEvent.createMany({
    data: bundle.audit.map((e, seq) => {
      const changes = Array.isArray(e.changes) ? e.changes.map(String) : [];
      return {
        projectId: project.id,
        bundleHash,
        seq,
        at: e.at,
        actorName: e.actorName,
        action: e.action,
        summary: e.summary ?? defaultSummary(e.actorName, e.action, changes),
        changes,
      };
    }),
  });
  await deps.audit.record(tx as never, {
    actor,
    action: 'project.import',
    targetType: 'project',
    targetId: project.id,
    projectId: project.id,
    afterHash: head?.hash ?? null,
    summary:
      `${actor.name} imported project "${p.project.name}" from bundle sha256 ${bundleHash} (${check.message})` +
      (check.status === 'modified' ? ', confirmed by the importer' : ''),
    changes: [
      `imported bundle v${bundle.manifest.bundleVersion} of "${p.project.name}" exported ${bundle.manifest.exportedAt}: ` +
        `${p.versions.length} versions, ${p.datasets.length} datasets, ${p.runs.length} runs`,
      `bundle sha256 ${bundleHash}`,
      `signature: ${check.message}`,
      `${bundle.audit.length} events of the bundle's own history kept as imported history, unverified`,
      ...(untrusted ? [`${p.runs.length} runs marked untrusted: retrain before deploying`] : []),
      ...(withoutRows.length > 0
        ? [
            `${withoutRows.length} datasets came as schemas only (${withoutRows.map((d) => `"${d.name}"`).join(', ')}): upload their data to retrain`,
          ]
        : []),
    ],
  });
  return project.id;
}
