import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the server runs from its sources, so paths to shipped files are fixed from here. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The repository's `prisma/` folder: schema, migrations for both databases, seed data. */
export const prismaDir = join(repoRoot, 'prisma');

/**
 * The data directory when none is given: $STUDIO_DATA_DIR (what `npm start` serves from), else `<repo>/.data`.
 * `studio serve` and the CLI's offline commands resolve it the same way, so they open the same database.
 */
export function defaultDataDir(env: NodeJS.ProcessEnv = process.env): string {
  return env.STUDIO_DATA_DIR ? resolve(env.STUDIO_DATA_DIR) : join(repoRoot, '.data');
}
