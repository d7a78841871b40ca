// `studio predict` and `studio --version` run from one JavaScript bundle of src/predict-main.ts, built with
// esbuild (tsx's own) on first use and cached in apps/cli/.cache/predict, rebuilt when any of its sources
// changes. Start-up then costs no TypeScript compilation (tsx alone takes about 0.2 s of CPU).
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const cli = join(dirname(fileURLToPath(import.meta.url)), '..');
const cacheDir = join(cli, '.cache', 'predict');
const FAST = new Set(['predict', '--version', '-v']);

/** The cached bundle's entry when every source it was built from is unchanged, else null. */
function freshBundle() {
  try {
    const meta = JSON.parse(readFileSync(join(cacheDir, 'inputs.json'), 'utf8'));
    for (const [file, mtimeMs, size] of meta.inputs) {
      const s = statSync(file);
      if (s.mtimeMs !== mtimeMs || s.size !== size) return null;
    }
    return join(cacheDir, meta.entry);
  } catch {
    return null;
  }
}

/**
 * esbuild plugin: workspace TypeScript (`@studio/*`) is bundled, with `import.meta.url` kept as each source
 * file's own URL (templates and the native addon are found relative to it); every other package stays an
 * import of its installed file.
 */
const workspaceOnly = {
  name: 'workspace-only',
  setup(build) {
    build.onLoad({ filter: /\.ts$/ }, async (args) => {
      const text = await readFile(args.path, 'utf8');
      const url = JSON.stringify(pathToFileURL(args.path).href);
      return { contents: text.replaceAll('import.meta.url', url), loader: 'ts' };
    });
    build.onResolve({ filter: /^[^./]/ }, async (args) => {
      if (args.pluginData?.inner) return undefined;
      if (args.path.startsWith('node:')) return { path: args.path, external: true };
      if (args.path.startsWith('@studio/') && args.path !== '@studio/native') return undefined;
      const found = await build.resolve(args.path, {
        kind: args.kind,
        resolveDir: args.resolveDir,
        pluginData: { inner: true },
      });
      if (found.errors.length > 0) return { errors: found.errors };
      return { path: found.path, external: true };
    });
  },
};

async function buildBundle() {
  const esbuild = createRequire(createRequire(import.meta.url).resolve('tsx'))('esbuild');
  const tmp = `${cacheDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  const result = await esbuild.build({
    entryPoints: [join(cli, 'src', 'predict-main.ts')],
    absWorkingDir: cli,
    bundle: true,
    splitting: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outdir: tmp,
    entryNames: '[name]',
    metafile: true,
    logLevel: 'silent',
    plugins: [workspaceOnly],
    banner: {
      js: "import { createRequire as __studioRequire } from 'node:module'; const require = __studioRequire(import.meta.url);",
    },
  });
  const inputs = Object.keys(result.metafile.inputs).map((f) => {
    const file = join(cli, f);
    const s = statSync(file);
    return [file, s.mtimeMs, s.size];
  });
  writeFileSync(join(tmp, 'inputs.json'), JSON.stringify({ entry: 'predict-main.js', inputs }));
  mkdirSync(dirname(cacheDir), { recursive: true });
  rmSync(cacheDir, { recursive: true, force: true });
  try {
    renameSync(tmp, cacheDir);
  } catch {
    // Another process renamed its build first: use that one.
    rmSync(tmp, { recursive: true, force: true });
  }
  return join(cacheDir, 'predict-main.js');
}

/**
 * Runs `studio predict …` / `studio --version` from the cached bundle and returns the exit code; null for every
 * other command, when STUDIO_CLI_NO_BUNDLE=1, or when the bundle cannot be built (the caller then uses tsx).
 */
export async function fastEntry(argv) {
  if (!FAST.has(argv[0]) || process.env.STUDIO_CLI_NO_BUNDLE === '1') return null;
  let entry = freshBundle();
  if (!entry) {
    try {
      entry = await buildBundle();
    } catch (e) {
      if (process.env.STUDIO_CLI_DEBUG) console.error(e);
      return null;
    }
  }
  const { fastMain } = await import(pathToFileURL(entry).href);
  return fastMain(argv);
}
