import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import type { Actor, Dataset, DatasetLibraryEntry } from '@studio/api';
import { scanCsvFile } from '@studio/data';
import type { AuditLog } from '../audit/audit-log';
import type { StudioPrisma } from '../db/prisma-client';
import type { DatasetRow, JsonInput } from '../db/prisma-types';
import { HttpUserError, notFound } from '../http-error';
import { visibleProjectIds } from '../projects/project-access';
import { BlobStore, type StagedBlob } from './blob-store';

/** An uploaded file as the route hands it over. */
export interface UploadSource {
  filename: string;
  stream: Readable;
  /** True once the multipart parser cut the stream at the size limit. */
  truncated: () => boolean;
}

/** Datasets: CSV upload (streamed, hashed, schema-inferred, stored by content) and lookup. */
export class DatasetService {
  readonly blobs: BlobStore;

  constructor(
    private readonly prisma: StudioPrisma,
    private readonly audit: AuditLog,
    dataDir: string,
    private readonly maxUploadBytes: number,
  ) {
    this.blobs = new BlobStore(dataDir);
  }

  /**
   * Stores an uploaded CSV and records it. All or nothing: a file over the limit (413), a garbled CSV (400)
   * or a failed insert leaves neither a row nor a file behind.
   */
  async upload(projectId: string, source: UploadSource, actor: Actor): Promise<Dataset> {
    if (!(await this.prisma.project.findUnique({ where: { id: projectId }, select: { id: true } }))) {
      source.stream.resume();
      throw notFound('project', projectId);
    }
    const staged = await this.stage(source);
    try {
      const schema = await scanCsvFile(staged.path, { maxBytes: this.maxUploadBytes });
      const { created } = await this.blobs.commit(staged);
      try {
        return await this.prisma.$transaction(async (tx) => {
          const row = await tx.dataset.create({
            data: {
              projectId,
              name: datasetName(source.filename),
              sha256: staged.sha256,
              sizeBytes: staged.sizeBytes,
              rowCount: schema.rowCount,
              columns: schema.columns.map(({ name, type, missingCount, distinctCount }) => ({
                name,
                type,
                missingCount,
                distinctCount,
              })) as JsonInput,
              uploadedById: actor.id,
            },
          });
          await this.audit.record(tx, {
            actor,
            action: 'dataset.upload',
            targetType: 'dataset',
            targetId: row.id,
            projectId,
            afterHash: staged.sha256,
            changes: [
              `uploaded "${row.name}": ${schema.rowCount} rows, ${schema.columns.length} columns, ${staged.sizeBytes} bytes`,
            ],
          });
          return toDataset(row);
        });
      } catch (e) {
        if (created) await this.removeIfUnreferenced(staged.sha256);
        throw e;
      }
    } finally {
      await rm(staged.path, { force: true });
    }
  }

  /**
   * Copies a dataset (of any project) into `projectId` as a new row with its own id; the stored file is shared,
   * as it is addressed by content. Audited as `dataset.copy`.
   */
  async copy(datasetId: string, projectId: string, actor: Actor): Promise<Dataset> {
    const source = await this.prisma.dataset.findUnique({ where: { id: datasetId } });
    // A dataset of a project the actor does not see is answered as missing, as everywhere else.
    const visible = await visibleProjectIds(this.prisma, actor);
    if (!source || (visible && !visible.includes(source.projectId))) throw notFound('dataset', datasetId);
    if (!(await this.prisma.project.findUnique({ where: { id: projectId }, select: { id: true } })))
      throw notFound('project', projectId);
    return this.prisma.$transaction(async (tx) => {
      const row = await tx.dataset.create({
        data: {
          projectId,
          name: source.name,
          sha256: source.sha256,
          sizeBytes: source.sizeBytes,
          rowCount: source.rowCount,
          columns: source.columns as JsonInput,
          uploadedById: actor.id,
        },
      });
      await this.audit.record(tx, {
        actor,
        action: 'dataset.copy',
        targetType: 'dataset',
        targetId: row.id,
        projectId,
        afterHash: source.sha256,
        changes: [`copied "${source.name}" from dataset ${source.id}`],
      });
      return toDataset(row);
    });
  }

  /** The project's datasets, newest first. */
  async list(projectId: string): Promise<Dataset[]> {
    const rows = await this.prisma.dataset.findMany({
      where: { projectId },
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
    });
    return rows.map(toDataset);
  }

  /**
   * The library (of the given projects, or of all): every stored file once, grouped by content hash, newest first, with the names it was uploaded
   * under, who uploaded it and which projects hold a copy. Grouping is done here rather than in SQL so SQLite
   * and PostgreSQL answer alike; one row per upload is small (no profile, no columns beyond their count).
   */
  async library(projectIds?: string[]): Promise<DatasetLibraryEntry[]> {
    const rows = await this.prisma.dataset.findMany({
      ...(projectIds ? { where: { projectId: { in: projectIds } } } : {}),
      orderBy: [{ createdAt: 'desc' }, { id: 'asc' }],
      select: {
        id: true,
        name: true,
        sha256: true,
        sizeBytes: true,
        rowCount: true,
        columns: true,
        createdAt: true,
        uploadedBy: { select: { id: true, name: true } },
        project: { select: { id: true, name: true } },
      },
    });
    const bySha = new Map<string, DatasetLibraryEntry>();
    for (const r of rows) {
      const at = r.createdAt.toISOString();
      let e = bySha.get(r.sha256);
      if (!e) {
        e = {
          sha256: r.sha256,
          datasetId: r.id,
          name: r.name,
          otherNames: [],
          sizeBytes: r.sizeBytes,
          rowCount: r.rowCount,
          columnCount: Array.isArray(r.columns) ? r.columns.length : 0,
          copies: 0,
          uploaders: [],
          projects: [],
          firstUploadedAt: at,
          lastUploadedAt: at,
        };
        bySha.set(r.sha256, e);
      }
      e.copies++;
      e.firstUploadedAt = at;
      if (r.name !== e.name && !e.otherNames.includes(r.name)) e.otherNames.push(r.name);
      if (!e.uploaders.some((u) => u.id === r.uploadedBy.id)) e.uploaders.push(r.uploadedBy);
      if (!e.projects.some((p) => p.id === r.project.id)) e.projects.push(r.project);
    }
    return [...bySha.values()];
  }

  /** One dataset; 404 when it does not exist. */
  async get(id: string): Promise<Dataset> {
    const row = await this.prisma.dataset.findUnique({ where: { id } });
    if (!row) throw notFound('dataset', id);
    return toDataset(row);
  }

  private async stage(source: UploadSource): Promise<StagedBlob> {
    const tooLarge = () =>
      new HttpUserError(
        413,
        'UPLOAD_TOO_LARGE',
        `The file is over the ${(this.maxUploadBytes / 1e6).toFixed(1)} MB upload limit. Upload a smaller sample or ask an administrator to raise the limit.`,
        {},
        { maxBytes: this.maxUploadBytes },
      );
    let staged: StagedBlob;
    try {
      staged = await this.blobs.stage(source.stream);
    } catch (e) {
      if ((e as { code?: unknown }).code === 'FST_REQ_FILE_TOO_LARGE') throw tooLarge();
      throw e;
    }
    if (source.truncated()) {
      await rm(staged.path, { force: true });
      throw tooLarge();
    }
    return staged;
  }

  // Another upload of the same bytes may have claimed the blob meanwhile; only an orphan is removed.
  private async removeIfUnreferenced(sha256: string): Promise<void> {
    if ((await this.prisma.dataset.count({ where: { sha256 } })) === 0) await this.blobs.remove(sha256);
  }
}

/** The dataset's display name: the uploaded file name without folders, or a stand-in when there is none. */
function datasetName(filename: string): string {
  const base = filename.split(/[\\/]/).pop()?.trim() ?? '';
  return (base || 'dataset.csv').slice(0, 200);
}

function toDataset(row: DatasetRow): Dataset {
  return {
    id: row.id,
    projectId: row.projectId,
    name: row.name,
    sha256: row.sha256,
    sizeBytes: row.sizeBytes,
    rowCount: row.rowCount,
    columns: row.columns as Dataset['columns'],
    createdAt: row.createdAt.toISOString(),
  };
}
