import { resolve } from 'node:path';
import { defaultDataDir, defaultDatabaseUrl, redact } from '@studio/server';

/**
 * Data directory and database URL from the flags, else the defaults of `studio serve` (the data dir from
 * $STUDIO_DATA_DIR, else <repo>/.data). DATABASE_URL is deliberately not read: test runners export it for their
 * PostgreSQL suites, and a serve started beside them must not follow it.
 */
export function databaseOptions(values: {
  'data-dir'?: string | undefined;
  'database-url'?: string | undefined;
}): {
  dataDir: string;
  databaseUrl: string;
} {
  const dataDir = values['data-dir'] ? resolve(values['data-dir']) : defaultDataDir();
  return {
    dataDir,
    databaseUrl: values['database-url'] ?? defaultDatabaseUrl(dataDir),
  };
}

/** "data dir <dir>, database <url>" (password hidden), for the line an offline command prints. */
export function describeStore(values: {
  'data-dir'?: string | undefined;
  'database-url'?: string | undefined;
}): string {
  const { dataDir, databaseUrl } = databaseOptions(values);
  return `data dir ${dataDir}, database ${redact(databaseUrl)}`;
}
