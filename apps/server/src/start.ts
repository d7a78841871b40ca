import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import { defaultDatabaseUrl, parseDatabaseUrl } from './db/database-target';
import { migrate } from './db/migrator';
import { repoRoot } from './repo-paths';
import { seedDemo } from './seed/seed';

export { repoRoot } from './repo-paths';

export interface StartOptions {
  host?: string;
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
  seed?: boolean;
  webDist?: string | null;
  logger?: FastifyServerOptions['logger'];
  maxUploadBytes?: number;
}

/** Migrates, builds, seeds (unless told not to) and listens; resolves with the app and the URL it listens on. */
export async function start(options: StartOptions = {}): Promise<{ app: FastifyInstance; url: string }> {
  const dataDir = options.dataDir ?? join(repoRoot, '.data');
  const databaseUrl = options.databaseUrl ?? defaultDatabaseUrl(dataDir);
  await migrate(parseDatabaseUrl(databaseUrl));
  const webDist = options.webDist === undefined ? join(repoRoot, 'apps', 'web', 'dist') : options.webDist;
  const app = await buildApp({
    databaseUrl,
    dataDir,
    logger: options.logger ?? { level: 'info' },
    webDist: webDist && existsSync(webDist) ? webDist : null,
    ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
  });
  try {
    await app.ready();
    if (options.seed ?? true) await seedDemo(app);
    const host = options.host ?? '127.0.0.1';
    await app.listen({ host, port: options.port ?? 5174 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    return { app, url: `http://${shownHost}:${port}` };
  } catch (e) {
    await app.close();
    throw e;
  }
}
