#!/usr/bin/env node
// Builds the addon with cmake-js (incremental), and runs the C++ tests.
//   node build.mjs              build the addon (build/Release/studio_native.node)
//   node build.mjs --test       build the addon and the C++ tests, run the tests
//   node build.mjs --asan-test  build the C++ tests with ASan+UBSan in build-asan/ and run them
// Env: STUDIO_CUDA=0 builds without the CUDA backend; STUDIO_JOBS sets the build parallelism (default 2).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(import.meta.url);
const args = new Set(process.argv.slice(2));
const jobs = process.env.STUDIO_JOBS ?? '2';
const cuda = process.env.STUDIO_CUDA === '0' ? 'OFF' : 'ON';
// Node headers come from the system install; nothing is downloaded.
const env = { ...process.env, npm_config_nodedir: process.env.npm_config_nodedir ?? '/usr' };

function run(cmd, argv, opts = {}) {
  const started = Date.now();
  const r = spawnSync(cmd, argv, { cwd: here, stdio: 'inherit', env, ...opts });
  if (r.status !== 0) {
    console.error(`build.mjs: ${cmd} ${argv.join(' ')} failed (${r.status ?? r.signal})`);
    process.exit(r.status ?? 1);
  }
  return Date.now() - started;
}

function cmakeJs(target) {
  const cli = join(dirname(require.resolve('cmake-js/package.json')), 'bin', 'cmake-js');
  const addonApi = require('node-addon-api').include.replaceAll('"', '');
  const argv = [cli, 'build', '--out', 'build', '--generator', 'Ninja', '--parallel', jobs, '--log-level', 'warn',
    `--CDSTUDIO_CUDA=${cuda}`, `--CDNODE_ADDON_API_DIR=${addonApi}`,
    '--target', target];
  return run(process.execPath, argv);
}

if (args.has('--asan-test')) {
  const dir = 'build-asan';
  if (!existsSync(join(here, dir, 'build.ninja'))) {
    run('cmake', ['-S', '.', '-B', dir, '-G', 'Ninja', '-DCMAKE_BUILD_TYPE=RelWithDebInfo', '-DSTUDIO_ASAN=ON', '-DSTUDIO_CUDA=OFF']);
  }
  run('cmake', ['--build', dir, '--parallel', jobs, '--target', 'studio_native_tests']);
  run(join(here, dir, 'studio_native_tests'), [], { env: { ...env, ASAN_OPTIONS: 'detect_leaks=1:abort_on_error=1', UBSAN_OPTIONS: 'halt_on_error=1:print_stacktrace=1' } });
} else {
  const ms = cmakeJs('studio_native');
  console.log(`build.mjs: addon built in ${(ms / 1000).toFixed(1)} s`);
  if (args.has('--test')) {
    cmakeJs('studio_native_tests');
    run(join(here, 'build', 'studio_native_tests'), []);
    // Smoke run of the GPU benchmark's engine side on the CPU (it trains a small model and prints JSON).
    cmakeJs('studio_train_bench');
    run(join(here, 'build', 'studio_train_bench'), ['--rows', '5000', '--device', 'cpu']);
    // And the GBM histogram-kernel benchmark (the CUDA side reports skipped without a device).
    cmakeJs('studio_gbm_hist_bench');
    run(join(here, 'build', 'studio_gbm_hist_bench'), ['--rows', '5000', '--runs', '1']);
  }
}
