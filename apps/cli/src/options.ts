import { join, resolve } from 'node:path';
import { UserError } from '@studio/ir';
import { defaultDatabaseUrl, repoRoot } from '@studio/server';

/**
 * Data directory and database URL from the flags, else the defaults. The environment is deliberately not read:
 * test runners export DATABASE_URL for their PostgreSQL suites, and a serve started beside them must not follow it.
 */
export function databaseOptions(values: {
  'data-dir'?: string | undefined;
  'database-url'?: string | undefined;
}): {
  dataDir: string;
  databaseUrl: string;
} {
  const dataDir = resolve(values['data-dir'] ?? join(repoRoot, '.data'));
  return {
    dataDir,
    databaseUrl: values['database-url'] ?? defaultDatabaseUrl(dataDir),
  };
}

/** A TCP port from a flag (0 picks a free one). */
export function parsePort(text: string): number {
  const port = Number(text);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new UserError('CLI_BAD_PORT', `--port must be an integer from 0 to 65535, got "${text}"`);
  }
  return port;
}
