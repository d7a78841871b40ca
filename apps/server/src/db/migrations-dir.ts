import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { prismaDir } from '../repo-paths';
import type { Provider } from './database-target';

/** One committed migration: its directory name, SQL and sha256 checksum. */
export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

/** The repository's `prisma/migrations` folder. */
export const defaultMigrationsRoot = join(prismaDir, 'migrations');

/** The committed migrations of one database, in name order (names start with a zero-padded number). */
export function readMigrations(provider: Provider, root: string = defaultMigrationsRoot): Migration[] {
  const dir = join(root, provider);
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && existsSync(join(dir, d.name, 'migration.sql')))
    .map((d) => d.name)
    .sort()
    .map((name) => {
      const sql = readFileSync(join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
    });
}
