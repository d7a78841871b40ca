// `npm test`: set up a fresh machine, then lint, typecheck, unit, integration (SQLite and PostgreSQL),
// native and end-to-end (Chromium) tests. Every stage runs even after a failure, so one run shows all
// that is broken; the exit status is non-zero when any stage failed.
import { spawn } from 'node:child_process';
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

// A failing line of vitest, Playwright, the C++ harness or a crash: kept so the summary at the very end
// names what failed (CI shows the tail of the output, and the stage's own report may be far above it).
const FAILURE_LINE = /^(FAIL\b|×|✘|\[FAIL\])|\s(×|✘)\s|\b[1-9]\d* (failed|failing)\b|^\d+\) \[chromium\]/;
const ANSI = new RegExp(String.fromCharCode(27) + '\\[[0-9;]*m', 'g');

/** Run a stage with its output passed through as it comes, keeping the lines that report a failure. */
function runStage(cmd, args) {
  return new Promise((resolve) => {
    const failures = [];
    let withNext = false; // the line after a failing test's name says why (vitest, Playwright)
    const lineKeeper = () => {
      let pending = '';
      return (text) => {
        pending += text;
        const lines = pending.split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) {
          const plain = line.replace(ANSI, '').trim();
          if (!plain || failures.length >= 400) continue;
          if (FAILURE_LINE.test(plain)) {
            failures.push(plain.slice(0, 240));
            withNext = /^FAIL\b|^\d+\) \[chromium\]/.test(plain);
          } else if (withNext) {
            failures.push(`  ${plain.slice(0, 240)}`);
            withNext = false;
          }
        }
      };
    };
    const keepOut = lineKeeper();
    const keepErr = lineKeeper();
    const child = spawn(cmd, args, { cwd: root, stdio: ['inherit', 'pipe', 'pipe'] });
    child.stdout.on('data', (chunk) => {
      process.stdout.write(chunk);
      keepOut(chunk.toString());
    });
    child.stderr.on('data', (chunk) => {
      process.stderr.write(chunk);
      keepErr(chunk.toString());
    });
    child.on('error', (error) => {
      console.error(`[studio] could not run ${cmd}: ${error.message}`);
      resolve({ status: 127, failures });
    });
    child.on('close', (code) => {
      keepOut('\n');
      keepErr('\n');
      resolve({ status: code ?? 1, failures });
    });
  });
}

const results = [];
for (const [name, cmd, args] of stages) {
  console.log(`\n[studio] ── ${name} ──`);
  const s0 = Date.now();
  const { status, failures } = await runStage(cmd, args);
  results.push({ name, status, failures, seconds: (Date.now() - s0) / 1000 });
}

for (const r of results.filter((x) => x.status !== 0)) {
  console.log(`\n[studio] what failed in ${r.name} (the lines that reported it, the last 20):`);
  for (const line of r.failures.slice(-20)) console.log(`  ${line}`);
  if (r.failures.length === 0) console.log('  (no failure line recognised; read the stage output above)');
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
