// Installs everything the Studio needs on a fresh Debian machine with Node 20, reaching only the npm
// registry and Debian's packages. Shared by `npm start` and `npm test`; each step is skipped when done.
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { capture, must } from './lib/sh.mjs';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const PNPM_VERSION = '12.4.2';

// node-gyp and cmake-js would otherwise download Node's headers, which this network refuses.
process.env.npm_config_nodedir ??= '/usr';
// Prisma's CLI tries to download its schema engine first; generation needs only a stand-in binary.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= '/bin/true';

function ensureNode() {
  const [major, minor] = process.versions.node.split('.').map(Number);
  if (major < 20 || (major === 20 && minor < 19)) {
    console.error(`[studio] Node ${process.versions.node} is too old: install Node 20.19 or newer.`);
    process.exit(1);
  }
}

function ensurePnpm() {
  if (capture('pnpm', ['--version']) === PNPM_VERSION) return;
  // Newer pnpm refuses this lockfile; corepack needs integrity keys we cannot fetch, so npm installs it.
  must(`install pnpm ${PNPM_VERSION}`, 'npm', [
    'install',
    '-g',
    `pnpm@${PNPM_VERSION}`,
    '--no-fund',
    '--no-audit',
  ]);
}

/** Install a Debian package when its marker file is missing (root on these machines, sudo elsewhere). */
export function ensureApt(pkg, marker) {
  if (!existsSync(marker)) aptInstall([pkg]);
}

function aptInstall(pkgs) {
  const sudo = process.getuid?.() === 0 ? [] : ['sudo'];
  const apt = (args) => (sudo.length ? ['sudo', ['apt-get', ...args]] : ['apt-get', args]);
  const env = { DEBIAN_FRONTEND: 'noninteractive' };
  must('apt-get update', ...apt(['update', '-qq']), { env });
  must(
    `apt-get install ${pkgs.join(' ')}`,
    ...apt(['install', '-y', '-qq', '-o', 'DPkg::Lock::Timeout=300', ...pkgs]),
    { env },
  );
}

/**
 * Debian packages for Python modules the benchmark anchors import, installed in one apt run when any is
 * missing from /usr/bin/python3 (the interpreter the anchors use). `modules` maps module name to package.
 */
export function ensurePythonModules(modules) {
  const missing = Object.entries(modules).filter(
    ([mod]) => capture('/usr/bin/python3', ['-c', `import ${mod}`]) === null,
  );
  if (missing.length) aptInstall([...new Set(missing.map(([, pkg]) => pkg))]);
}

/** Everything both commands need: pnpm, dependencies, the native engine, the generated Prisma clients. */
export function setup({ web = false } = {}) {
  ensureNode();
  ensurePnpm();
  must('install dependencies', 'pnpm', ['install', '--frozen-lockfile', '--reporter=append-only'], {
    cwd: root,
  });
  must('build the native engine', 'pnpm', ['--filter', '@studio/native', 'build'], { cwd: root });
  must('generate the Prisma clients', 'node', ['apps/server/scripts/generate.mjs'], { cwd: root });
  if (web) must('build the web app', 'pnpm', ['--filter', '@studio/web', 'build'], { cwd: root });
}
