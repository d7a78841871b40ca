import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Actor, Dataset, ProjectDetail } from '@studio/api';
import { binaryTarget, columnsToLeaveOut, dataWarnings, readCsv } from '@studio/data';
import { findTemplate } from '@studio/pipeline';
import type { JsonInput } from '../db/prisma-types';
import { HttpUserError, notFound } from '../http-error';
import { demoCsvPath } from '../seed/seed';

/** The demo dataset's target column. */
const DEMO_TARGET = 'creditability';
const TARGET_NAME = /default|bad|target|label|creditab|outcome|delinq/i;

/** The one two-valued column named like a target, else the last two-valued column; undefined when none. */
export function guessTarget(columns: Dataset['columns']): string | undefined {
  const binary = columns.filter((c) => c.distinctCount === 2);
  return binary.find((c) => TARGET_NAME.test(c.name))?.name ?? binary.at(-1)?.name;
}

/** Copies a dataset row into another project; the stored file is shared (it is addressed by content). */
async function copyDataset(
  app: FastifyInstance,
  datasetId: string,
  projectId: string,
  actor: Actor,
): Promise<Dataset> {
  const source = await app.prisma.dataset.findUnique({ where: { id: datasetId } });
  if (!source) throw notFound('dataset', datasetId);
  const copied = await app.prisma.$transaction(async (tx) => {
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
    await app.audit.record(tx, {
      actor,
      action: 'dataset.copy',
      targetType: 'dataset',
      targetId: row.id,
      projectId,
      afterHash: source.sha256,
      changes: [`copied "${source.name}" from dataset ${source.id}`],
    });
    return row;
  });
  return app.datasets.get(copied.id);
}

/**
 * The columns a template leaves out: ID-like ones and those that leak the outcome. None when the target is not
 * binary (the run says why, on the Dataset node).
 */
async function columnsLeftOut(app: FastifyInstance, sha256: string, target: string): Promise<string[]> {
  const table = await readCsv(app.datasets.blobs.pathOf(sha256));
  let y: Uint8Array;
  try {
    y = binaryTarget(table, target);
  } catch {
    return [];
  }
  return columnsToLeaveOut(dataWarnings(table, { name: target, y }));
}

/**
 * A new project holding a template's graph as version 1, on a copy of the given dataset or on the demo
 * German credit data; ID-like and leaking columns are left out on the Dataset node unless `keepAllColumns`.
 * All or nothing: if any step fails, the half-made project is deleted again.
 */
export async function projectFromTemplate(
  app: FastifyInstance,
  body: {
    templateId: string;
    name?: string | undefined;
    datasetId?: string | undefined;
    target?: string | undefined;
    keepAllColumns?: boolean | undefined;
  },
  actor: Actor,
): Promise<ProjectDetail> {
  const template = findTemplate(body.templateId);
  if (!template)
    throw new HttpUserError(
      404,
      'TEMPLATE_NOT_FOUND',
      `There is no template "${body.templateId}"; see GET /api/templates.`,
    );
  const project = await app.projects.create(
    { name: body.name ?? template.name, description: template.description },
    actor,
  );
  try {
    const dataset = body.datasetId
      ? await copyDataset(app, body.datasetId, project.id, actor)
      : await app.datasets.upload(
          project.id,
          { filename: 'german_credit.csv', stream: createReadStream(demoCsvPath), truncated: () => false },
          actor,
        );
    const target = body.target ?? (body.datasetId ? guessTarget(dataset.columns) : DEMO_TARGET);
    if (!target || !dataset.columns.some((c) => c.name === target))
      throw new HttpUserError(
        422,
        'TEMPLATE_TARGET_UNKNOWN',
        `Say which column of "${dataset.name}" is the target (the 0/1 or good/bad outcome): send "target".`,
        {},
        { columns: dataset.columns.map((c) => c.name) },
      );
    const exclude = body.keepAllColumns ? [] : await columnsLeftOut(app, dataset.sha256, target);
    const leftOut =
      exclude.length > 0 ? `; left out ${exclude.map((c) => `"${c}"`).join(', ')} (ID-like or leaking)` : '';
    await app.graphs.save(
      project.id,
      {
        graph: template.build(dataset.id, target, exclude),
        baseVersionId: null,
        message: `Created from the "${template.name}" template${leftOut}`,
      },
      actor,
    );
    return app.projects.get(project.id);
  } catch (e) {
    await app.projects.delete(project.id, actor);
    throw e;
  }
}
