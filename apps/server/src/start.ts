import { oidcSettingsFromEnv } from './auth/oidc';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import { buildApp } from './app';
import { defaultDatabaseUrl, parseDatabaseUrl } from './db/database-target';
import { migrate } from './db/migrator';
import { LOCAL_HOSTS } from './plugins/hardening-plugin';
import { defaultDataDir, repoRoot } from './repo-paths';
import { seedDemo } from './seed/seed';

export { defaultDataDir, repoRoot } from './repo-paths';

export interface StartOptions {
  host?: string;
  port?: number;
  dataDir?: string;
  databaseUrl?: string;
  seed?: boolean;
  webDist?: string | null;
  logger?: FastifyServerOptions['logger'];
  maxUploadBytes?: number;
  /** The first admin's password (a Docker secret); without it, the first start prints a one-time link. */
  adminPassword?: string;
  /** Host names the server answers to (DNS-rebinding guard); default: localhost names and `host`. */
  allowedHosts?: readonly string[];
  /** `Secure` session cookies (set behind a TLS proxy); default: only when a request came over TLS. */
  secureCookies?: boolean;
  /** Jobs this server trains itself (its embedded worker); 0: an API-only replica. Default 1. */
  workers?: number;
}

/** What `start` answers: the app, its URL and, on a first start, the one-time sign-in link to print. */
export interface Started {
  app: FastifyInstance;
  url: string;
  /**
   * Set when no admin could sign in yet: open `link` once to sign in as `username`. With `linkIssuedAt` and no
   * link, another server starting on the same database at the same time printed the valid link.
   */
  firstAdmin: { username: string; link: string | null; linkIssuedAt?: Date } | null;
}

/**
 * The host names a server listening on `host` answers to: STUDIO_ALLOWED_HOSTS (comma-separated, `*` for
 * any) when set, else the localhost names plus `host` itself unless it is a wildcard address.
 */
export function allowedHostsFor(host: string): readonly string[] | '*' {
  const env = process.env.STUDIO_ALLOWED_HOSTS?.trim();
  if (env === '*') return '*';
  const fromEnv = env
    ? env
        .split(',')
        .map((h) => h.trim())
        .filter(Boolean)
    : [];
  const wildcard = host === '0.0.0.0' || host === '::' || host === '';
  return [...LOCAL_HOSTS, ...(wildcard ? [] : [host]), ...fromEnv];
}

/** Migrates, builds, seeds (unless told not to) and listens; resolves with the app and the URL it listens on. */
export async function start(options: StartOptions = {}): Promise<Started> {
  const dataDir = options.dataDir ?? defaultDataDir();
  const databaseUrl = options.databaseUrl ?? defaultDatabaseUrl(dataDir);
  await migrate(parseDatabaseUrl(databaseUrl));
  const webDist = options.webDist === undefined ? join(repoRoot, 'apps', 'web', 'dist') : options.webDist;
  const app = await buildApp({
    databaseUrl,
    dataDir,
    logger: options.logger ?? { level: 'info' },
    webDist: webDist && existsSync(webDist) ? webDist : null,
    ...(options.maxUploadBytes === undefined ? {} : { maxUploadBytes: options.maxUploadBytes }),
    ...(options.secureCookies === undefined ? {} : { secureCookies: options.secureCookies }),
    allowedHosts: options.allowedHosts ?? allowedHostsFor(options.host ?? '127.0.0.1'),
    ...(options.workers === undefined ? {} : { workers: options.workers }),
    oidc: oidcSettingsFromEnv(),
  });
  try {
    await app.ready();
    if (options.seed ?? true) await seedDemo(app);
    const first = await app.auth.ensureFirstAdmin(options.adminPassword);
    const host = options.host ?? '127.0.0.1';
    await app.listen({ host, port: options.port ?? 5174 });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : options.port;
    const shownHost = host.includes(':') ? `[${host}]` : host;
    const url = `http://${shownHost}:${port}`;
    return {
      app,
      url,
      firstAdmin: first && {
        username: first.username,
        link: first.link && `${url}/api/auth/link/${first.link}`,
        ...(first.linkIssuedAt ? { linkIssuedAt: first.linkIssuedAt } : {}),
      },
    };
  } catch (e) {
    await app.close();
    throw e;
  }
}
