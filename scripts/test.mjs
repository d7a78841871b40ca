// `npm test`: set up a fresh machine, then lint, typecheck, unit, integration (SQLite and PostgreSQL),
// native and end-to-end (Chromium) tests. Every stage runs even after a failure, so one run shows all
// that is broken; the exit status is non-zero when any stage failed.
import { existsSync, readdirSync } from 'node:fs';
import { capture, run } from './lib/sh.mjs';
import { ensureApt, ensurePythonModules, root, setup } from './setup.mjs';

const DEFAULT_PG = 'postgresql://postgres@127.0.0.1:5432/test';

/** The local PostgreSQL is a service of these machines; start it if it is installed but stopped. */
function ensurePostgres() {
  if (process.env.DATABASE_URL && !process.env.DATABASE_URL.includes('127.0.0.1:5432')) return;
  if (capture('pg_isready', ['-h', '127.0.0.1', '-p', '5432']) !== null) return;
  const clusters = existsSync('/etc/postgresql') ? readdirSync('/etc/postgresql') : [];
  for (const version of clusters) {
    run('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start']);
  }
  if (capture('pg_isready', ['-h', '127.0.0.1', '-p', '5432', '-t', '15']) === null) {
    console.error(
      '[studio] PostgreSQL is not reachable on 127.0.0.1:5432; set DATABASE_URL to a server you have.',
    );
  }
}

const t0 = Date.now();
setup({ web: true });
ensureApt('chromium', '/usr/bin/chromium');
// pdfinfo: the model document's PDF test checks that the file opens and has pages.
ensureApt('poppler-utils', '/usr/bin/pdfinfo');
// torch for /usr/bin/python3: the generated PyTorch script is run and its held-out AUC checked (codegen, server).
ensurePythonModules({ torch: 'python3-torch' });
ensurePostgres();
process.env.DATABASE_URL ??= DEFAULT_PG;

const pnpm = (...args) => ['pnpm', args];
const stages = [
  ['lint (eslint)', ...pnpm('exec', 'eslint', '.', '--max-warnings', '0')],
  ['import rules (eslint config)', 'node', ['--test', 'scripts/import-rules.test.mjs']],
  ['format (prettier)', ...pnpm('exec', 'prettier', '--check', '.')],
  ['typecheck', ...pnpm('-r', '--workspace-concurrency=1', '--no-bail', 'typecheck')],
  [
    'unit + integration (SQLite and PostgreSQL)',
    ...pnpm(
      '-r',
      '--workspace-concurrency=1',
      '--no-bail',
      '--filter',
      '!@studio/e2e',
      '--filter',
      '!@studio/native',
      'test',
    ),
  ],
  ['native (C++ tests)', ...pnpm('--filter', '@studio/native', 'test')],
  [
    'native under AddressSanitizer',
    ...pnpm('--filter', '@studio/native', 'exec', 'node', 'build.mjs', '--asan-test'),
  ],
  ['e2e (Playwright, Chromium)', ...pnpm('--filter', '@studio/e2e', 'test')],
];

const results = [];
for (const [name, cmd, args] of stages) {
  console.log(`\n[studio] ── ${name} ──`);
  const s0 = Date.now();
  const status = run(cmd, args, { cwd: root });
  results.push({ name, status, seconds: (Date.now() - s0) / 1000 });
}

console.log('\n[studio] summary');
for (const r of results) {
  console.log(
    `  ${r.status === 0 ? 'PASS' : 'FAIL'}  ${r.name.padEnd(45)} ${r.seconds.toFixed(1).padStart(7)} s`,
  );
}
const failed = results.filter((r) => r.status !== 0).length;
console.log(`  total ${((Date.now() - t0) / 1000).toFixed(0)} s`);
console.log(`stages: ${results.length - failed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
