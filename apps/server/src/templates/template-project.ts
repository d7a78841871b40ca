import { createReadStream } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Actor, Dataset, ProjectDetail } from '@studio/api';
import { binaryTarget, columnsToLeaveOut, dataWarnings, readCsv } from '@studio/data';
import { findTemplate } from '@studio/pipeline';
import { HttpUserError } from '../http-error';
import { demoCsvPath } from '../seed/seed';

/** The demo dataset's target column. */
const DEMO_TARGET = 'creditability';
const TARGET_NAME = /default|bad|target|label|creditab|outcome|delinq/i;

/** The one two-valued column named like a target, else the last two-valued column; undefined when none. */
export function guessTarget(columns: Dataset['columns']): string | undefined {
  const binary = columns.filter((c) => c.distinctCount === 2);
  return binary.find((c) => TARGET_NAME.test(c.name))?.name ?? binary.at(-1)?.name;
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
 * A project holding a template's graph as version 1, on the given dataset or on the demo German credit data;
 * ID-like and leaking columns are left out on the Dataset node unless `keepAllColumns`. Without `projectId` a
 * new project is made; with it (the new-project wizard's project, which has no graph yet) that one is filled,
 * using the dataset as is when it is already in the project. All or nothing: if any step fails, a project made
 * here is deleted again, and a given project is left as it was but for a copied dataset.
 */
export async function projectFromTemplate(
  app: FastifyInstance,
  body: {
    templateId: string;
    projectId?: string | undefined;
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
  const given = body.projectId;
  if (given) await app.projects.assertExists(given);
  const projectId =
    given ??
    (
      await app.projects.create(
        { name: body.name ?? template.name, description: template.description },
        actor,
      )
    ).id;
  try {
    const dataset = await datasetFor(app, body.datasetId, projectId, actor);
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
      projectId,
      {
        graph: template.build(dataset.id, target, exclude),
        baseVersionId: null,
        message: `Created from the "${template.name}" template${leftOut}`,
      },
      actor,
    );
    return app.projects.get(projectId);
  } catch (e) {
    if (!given) await app.projects.delete(projectId, actor);
    throw e;
  }
}

/** The dataset a template runs on: the project's own, a copy of another project's, or the demo file uploaded. */
async function datasetFor(
  app: FastifyInstance,
  datasetId: string | undefined,
  projectId: string,
  actor: Actor,
): Promise<Dataset> {
  if (!datasetId)
    return app.datasets.upload(
      projectId,
      { filename: 'german_credit.csv', stream: createReadStream(demoCsvPath), truncated: () => false },
      actor,
    );
  const own = await app.datasets.get(datasetId);
  return own.projectId === projectId ? own : app.datasets.copy(datasetId, projectId, actor);
}
