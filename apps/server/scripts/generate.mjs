// Generates one Prisma client per database into apps/server/src/generated/{sqlite,postgresql}.
// A generated client is provider-specific, so the PostgreSQL one comes from prisma/schema.prisma with the
// provider swapped. Prisma's CLI would download its schema engine first; generation needs only a stand-in.
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const serverDir = join(dirname(fileURLToPath(import.meta.url)), '..');
const repoRoot = join(serverDir, '..', '..');
const source = readFileSync(join(repoRoot, 'prisma', 'schema.prisma'), 'utf8');
const generatedDir = join(serverDir, 'src', 'generated');
const prismaBin = join(serverDir, 'node_modules', '.bin', 'prisma');

/** The schema text for one provider, with the client written to generated/<provider>. */
function schemaFor(provider, outputDir) {
  return source
    .replace(/provider\s*=\s*"sqlite"/, `provider = "${provider}"`)
    .replace(/output\s*=\s*"[^"]*"/, `output              = ${JSON.stringify(outputDir)}`);
}

// npm start, npm test and each package's typecheck all call this; skip the ~5 s per client when nothing changed.
const prismaVersion = JSON.parse(
  readFileSync(join(serverDir, 'node_modules', 'prisma', 'package.json'), 'utf8'),
).version;
const stampPath = join(generatedDir, 'stamp');
const stamp = createHash('sha256').update(`${prismaVersion}\n${source}`).digest('hex');
const fresh =
  existsSync(stampPath) &&
  readFileSync(stampPath, 'utf8') === stamp &&
  ['sqlite', 'postgresql'].every((p) => existsSync(join(generatedDir, p, 'client.ts')));
if (fresh && !process.argv.includes('--force')) {
  console.log('[generate] Prisma clients are up to date');
  process.exit(0);
}

for (const provider of ['sqlite', 'postgresql']) {
  const t0 = Date.now();
  const out = join(generatedDir, provider);
  mkdirSync(out, { recursive: true });
  const schemaPath = join(generatedDir, `${provider}.prisma`);
  writeFileSync(schemaPath, schemaFor(provider, out));
  const result = spawnSync(prismaBin, ['generate', '--schema', schemaPath], {
    cwd: serverDir,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? '/bin/true',
      PRISMA_HIDE_UPDATE_MESSAGE: '1',
      CHECKPOINT_DISABLE: '1',
    },
  });
  if (result.status !== 0) {
    process.stderr.write(result.stdout);
    process.stderr.write(result.stderr);
    console.error(`[generate] prisma generate failed for ${provider}`);
    process.exit(result.status ?? 1);
  }
  console.log(`[generate] ${provider} client -> ${out} (${Date.now() - t0} ms)`);
}
writeFileSync(stampPath, stamp);
