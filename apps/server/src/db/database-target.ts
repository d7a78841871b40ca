import { join } from 'node:path';
import { UserError } from '@studio/ir';

/** Where the data lives: the embedded SQLite file or a PostgreSQL database (and schema). */
export type DatabaseTarget =
  | { provider: 'sqlite'; url: string; filePath: string }
  | { provider: 'postgresql'; url: string; connectionString: string; schema: string };

export type Provider = DatabaseTarget['provider'];

/** The default database of a data directory: `<dataDir>/studio.db`. */
export function defaultDatabaseUrl(dataDir: string): string {
  return `file:${join(dataDir, 'studio.db')}`;
}

/** Parses `file:<path>` or `postgresql://…[?schema=name]` into a target; anything else is a user error. */
export function parseDatabaseUrl(url: string): DatabaseTarget {
  if (url.startsWith('file:')) {
    const filePath = url.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!filePath)
      throw new UserError('DATABASE_URL_INVALID', `"${url}" names no file: use file:/path/to/studio.db`);
    return { provider: 'sqlite', url, filePath };
  }
  if (url.startsWith('postgresql://') || url.startsWith('postgres://')) {
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UserError('DATABASE_URL_INVALID', `"${redact(url)}" is not a valid PostgreSQL URL`);
    }
    const schema = parsed.searchParams.get('schema') ?? 'public';
    if (!/^[A-Za-z_][A-Za-z0-9_]{0,62}$/.test(schema)) {
      throw new UserError(
        'DATABASE_URL_INVALID',
        `schema "${schema}" must be a plain identifier (letters, digits, _)`,
      );
    }
    // node-postgres would forward unknown parameters to the server; the schema travels separately.
    parsed.searchParams.delete('schema');
    return { provider: 'postgresql', url, connectionString: parsed.toString(), schema };
  }
  throw new UserError(
    'DATABASE_URL_INVALID',
    `"${redact(url)}" is not supported: use file:<path> for SQLite or postgresql://… for PostgreSQL`,
  );
}

/** The URL without its password, for messages and logs. */
export function redact(url: string): string {
  return url.replace(/\/\/([^:/@]+):[^@]*@/, '//$1:***@');
}
