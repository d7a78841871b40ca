import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import { defaultDatabaseUrl, parseDatabaseUrl } from './db/database-target';
import { migrate } from './db/migrator';
import { repoRoot } from './repo-paths';

/** Where a worker finds the database and the blob store, and how many jobs it runs at once. */
export interface WorkerOptions {
  dataDir?: string;
  databaseUrl?: string;
  /** Jobs this process runs at once; default 1. */
  concurrency?: number;
  logger?: FastifyServerOptions['logger'];
}

/**
 * A job worker (`studio worker`): the Studio app without a listener, whose only work is the job queue. It runs
 * on any machine that reaches the database and the blob store (the data directory; replicas share it).
 * Close the returned app to stop: runs it holds go back to the queue.
 */
export async function startWorker(options: WorkerOptions = {}): Promise<FastifyInstance> {
  const dataDir = options.dataDir ?? join(repoRoot, '.data');
  const databaseUrl = options.databaseUrl ?? defaultDatabaseUrl(dataDir);
  await migrate(parseDatabaseUrl(databaseUrl));
  const app = await buildApp({
    databaseUrl,
    dataDir,
    logger: options.logger ?? { level: 'info' },
    webDist: null,
    workers: Math.max(1, options.concurrency ?? 1),
  });
  try {
    await app.ready();
  } catch (e) {
    await app.close();
    throw e;
  }
  return app;
}
