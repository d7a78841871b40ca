import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root: the server runs from its sources, so paths to shipped files are fixed from here. */
export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');

/** The repository's `prisma/` folder: schema, migrations for both databases, seed data. */
export const prismaDir = join(repoRoot, 'prisma');
