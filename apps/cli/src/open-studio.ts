import { errorBodySchema } from '@studio/api';
import { UserError } from '@studio/ir';
import { buildApp, migrate, parseDatabaseUrl } from '@studio/server';
import { databaseOptions } from './database-options';
export { describeStore } from './database-options';
import type { Dto } from './studio-connection';

/** The in-process Studio app. */
export type StudioApp = Awaited<ReturnType<typeof buildApp>>;

/**
 * The Studio app on the chosen database, migrated and ready but not listening: commands talk to it in-process.
 * It trains only when given `workers` (studio train); otherwise it touches no run.
 */
export async function openStudio(
  values: {
    'data-dir'?: string | undefined;
    'database-url'?: string | undefined;
  },
  workers = 0,
): Promise<StudioApp> {
  const { dataDir, databaseUrl } = databaseOptions(values);
  await migrate(parseDatabaseUrl(databaseUrl));
  // In-process commands act with the database's own authority (whoever can open it can change it): the
  // local analyst, admin role. Remote callers use /api with a personal access token instead.
  const app = await buildApp({ databaseUrl, dataDir, logger: false, webDist: null, auth: 'local', workers });
  await app.ready();
  return app;
}

/**
 * Calls the app in-process; a non-2xx answer throws with the coded message the API gives. A JSON answer is
 * read through the route's DTO schema when one is given (`raw` holds the bytes either way).
 */
export async function call<T = null>(
  app: StudioApp,
  request: {
    method: 'GET' | 'POST';
    url: string;
    payload?: object | Buffer;
    headers?: Record<string, string>;
  },
  dto?: Dto<T>,
): Promise<{ body: T; raw: Buffer }> {
  const res = await app.inject(request);
  if (res.statusCode >= 400) {
    const body = errorBodySchema.parse(JSON.parse(res.body));
    throw new UserError(body.code, body.message, { status: res.statusCode });
  }
  const isJson = String(res.headers['content-type'] ?? '').includes('json');
  const json: unknown = isJson ? JSON.parse(res.body) : null;
  return { body: (dto ? dto.parse(json) : null) as T, raw: res.rawPayload };
}
