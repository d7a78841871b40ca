import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { prismaDir } from '../repo-paths';
import { LOCAL_ACTOR } from '../plugins/local-actor';
import { demoGraph } from './demo-graph';

/** The German credit CSV the product ships for its demo project. */
export const demoCsvPath = join(prismaDir, 'seed', 'german_credit.csv');

export const DEMO_PROJECT_NAME = 'German credit demo';
const SEED_ACTION = 'seed.demo';

/**
 * Creates the demo project through the same services the API uses: the project, the German credit dataset
 * and a first graph version. Idempotent: the audit trail remembers that seeding happened, so a second run,
 * or a run after the analyst deleted the demo, does nothing. Returns whether it seeded.
 */
export async function seedDemo(app: FastifyInstance): Promise<boolean> {
  if (await app.prisma.auditEvent.findFirst({ where: { action: SEED_ACTION }, select: { id: true } }))
    return false;
  const actor = LOCAL_ACTOR;
  const project = await app.projects.create(
    {
      name: DEMO_PROJECT_NAME,
      description:
        'Statlog German credit data (1,000 loans, 30% bad) with a first logistic scorecard pipeline.',
    },
    actor,
  );
  const dataset = await app.datasets.upload(
    project.id,
    { filename: 'german_credit.csv', stream: createReadStream(demoCsvPath), truncated: () => false },
    actor,
  );
  const { version } = await app.graphs.save(
    project.id,
    {
      graph: demoGraph(dataset.id),
      baseVersionId: null,
      message: 'Demo pipeline: split, logistic regression, evaluation',
    },
    actor,
  );
  await app.prisma.$transaction((tx) =>
    app.audit.record(tx, {
      actor,
      action: SEED_ACTION,
      targetType: 'project',
      targetId: project.id,
      projectId: project.id,
      afterHash: version.hash,
      changes: ['seeded the German credit demo project'],
    }),
  );
  return true;
}
