import { rm } from 'node:fs/promises';
import type { StudioPrisma } from '../db/prisma-client';
import type { ContentStore } from './content-store';

/** What a sweep removed and kept. */
export interface BlobSweepReport {
  tempRemoved: number;
  orphansRemoved: number;
  blobsKept: number;
}

/** Files younger than this are left alone: an upload or a run may be between writing its blob and its row. */
export const DEFAULT_SWEEP_GRACE_MS = 60 * 60 * 1000;

/**
 * Removes what a crash can leave in the blob store: temp files (a killed upload, export or artifact write)
 * and blobs that no Dataset, ModelArtifact or Job row names (a process killed between writing the blob and
 * committing its row), both only once older than `graceMs`. Safe to run from several processes at once.
 */
export async function sweepBlobs(
  prisma: StudioPrisma,
  store: ContentStore,
  graceMs: number = DEFAULT_SWEEP_GRACE_MS,
): Promise<BlobSweepReport> {
  const before = Date.now() - graceMs;
  const report: BlobSweepReport = { tempRemoved: 0, orphansRemoved: 0, blobsKept: 0 };
  for await (const t of store.listTemp()) {
    if (t.modifiedMs >= before) continue;
    await rm(t.path, { force: true });
    report.tempRemoved++;
  }
  const old: string[] = [];
  for await (const b of store.list()) {
    if (b.modifiedMs < before) old.push(b.sha256);
    else report.blobsKept++;
  }
  for (let i = 0; i < old.length; i += 500) {
    const chunk = old.slice(i, i + 500);
    const [datasets, artifacts, jobs] = await Promise.all([
      prisma.dataset.findMany({ where: { sha256: { in: chunk } }, select: { sha256: true } }),
      prisma.modelArtifact.findMany({ where: { sha256: { in: chunk } }, select: { sha256: true } }),
      prisma.job.findMany({
        where: { OR: [{ inputSha256: { in: chunk } }, { resultSha256: { in: chunk } }] },
        select: { inputSha256: true, resultSha256: true },
      }),
    ]);
    const named = new Set([
      ...[...datasets, ...artifacts].map((r) => r.sha256),
      ...jobs.flatMap((j) => [j.inputSha256, j.resultSha256]).filter((h): h is string => h !== null),
    ]);
    for (const sha256 of chunk) {
      if (named.has(sha256)) {
        report.blobsKept++;
        continue;
      }
      await store.remove(sha256);
      report.orphansRemoved++;
    }
  }
  return report;
}
