import type { FastifyInstance } from 'fastify';
import { buildApp, type AppOptions } from '../app';
import type { Provider } from '../db/database-target';
import { migrate } from '../db/migrator';
import { createTestDatabase, type TestDatabase } from './test-database';

/** A migrated database and a ready app on it; `close()` shuts the app and drops the database. */
export interface TestApp {
  app: FastifyInstance;
  db: TestDatabase;
  close(): Promise<void>;
}

/** Builds the real app (no mocks) on a fresh database of the provider. */
export async function createTestApp(
  provider: Provider,
  options: Partial<AppOptions> & { beforeReady?: (app: FastifyInstance) => void } = {},
): Promise<TestApp> {
  const db = await createTestDatabase(provider);
  await migrate(db.target);
  const { beforeReady, ...appOptions } = options;
  // Domain tests act as the local analyst (admin); auth tests pass `auth: 'sessions'`.
  const app = await buildApp({
    databaseUrl: db.url,
    dataDir: db.dataDir,
    logger: false,
    auth: 'local',
    ...appOptions,
  });
  beforeReady?.(app);
  await app.ready();
  return {
    app,
    db,
    close: async () => {
      await app.close();
      await db.drop();
    },
  };
}

/** Parses a JSON response body with a type the test asserts on. */
export function json<T = Record<string, unknown>>(res: { body: string }): T {
  return JSON.parse(res.body) as T;
}
