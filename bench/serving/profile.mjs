// Where a Studio prediction's time goes: starts the benchmark's Studio server, warms it, then drives it with
// autocannon (50 connections) while V8's CPU profiler samples the event loop's thread; reads each thread's CPU
// time from /proc over the same window (the event loop, the prediction-log writer, libuv's pool, V8's GC
// helpers) and prints both per request, with the profile's top functions (profile-summary.mjs).
// `--cpu-only`: no profiler (its sampling costs the event loop), only the per-thread CPU times.
// Usage: node bench/serving/profile.mjs [--seconds 10] [--connections 50] [--frames a,b,c] [--cpu-only]
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { here, load, numberArg, startStudio, stop } from './servers.mjs';

const seconds = numberArg('--seconds', 10);
const connections = numberArg('--connections', 50);
const framesAt = process.argv.indexOf('--frames');
const frames = framesAt >= 0 ? process.argv[framesAt + 1] : '';
const cpuOnly = process.argv.includes('--cpu-only');

const TICKS = 100; // USER_HZ: /proc's CPU times are in 1/100 s

/** CPU seconds per thread of a process (utime + stime), by thread id, with the thread's name. */
function threadTimes(pid) {
  const out = new Map();
  for (const tid of readdirSync(`/proc/${pid}/task`)) {
    try {
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      const name = stat.slice(stat.indexOf('(') + 1, stat.lastIndexOf(')'));
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      out.set(tid, { name, seconds: (Number(f[11]) + Number(f[12])) / TICKS });
    } catch {
      // the thread ended meanwhile
    }
  }
  return out;
}

const dataDir = mkdtempSync(join(tmpdir(), 'studio-bench-profile-'));
const profileFile = join(dataDir, 'serving.cpuprofile');
const ours = await startStudio(dataDir, [], cpuOnly ? {} : { BENCH_CPU_PROFILE: profileFile });
const toggleProfiler = () => (cpuOnly ? undefined : process.kill(ours.child.pid, 'SIGUSR2'));
try {
  const target = {
    url: ours.info.url + ours.info.path,
    headers: { authorization: `Bearer ${ours.info.key}` },
    body: ours.info.record,
    connections,
  };
  await load({ ...target, duration: 3 });
  const metricsBefore = await (await fetch(`${ours.info.url}/metrics`)).text();
  const loadBefore = loadavg()[0];
  const before = threadTimes(ours.child.pid);
  const windowStarted = performance.now();
  toggleProfiler();
  const r = await load({ ...target, duration: seconds });
  toggleProfiler();
  const windowSeconds = (performance.now() - windowStarted) / 1000;
  const after = threadTimes(ours.child.pid);
  await new Promise((resolve) => setTimeout(resolve, 2000));
  console.log(
    `[profile] ${Math.round(r.rps)} req/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms, ${r.requests} requests, ` +
      `non-2xx ${r.non2xx}; ${availableParallelism()} cores, load average ${loadBefore.toFixed(1)} → ${loadavg()[0].toFixed(1)}`,
  );
  // CPU per request by thread name (several threads may share one: V8's platform workers, libuv's pool); the
  // event loop's thread is the one whose id is the process id.
  const byName = new Map();
  for (const [tid, t] of after) {
    const spent = t.seconds - (before.get(tid)?.seconds ?? 0);
    const name = Number(tid) === ours.child.pid ? `${t.name} (event loop)` : t.name;
    byName.set(name, (byName.get(name) ?? 0) + spent);
  }
  let total = 0;
  console.log(
    '[profile] CPU per request by thread (µs, from /proc; the profiler itself adds to the main thread):',
  );
  for (const [name, s] of [...byName].sort((a, b) => b[1] - a[1])) {
    total += s;
    if (s > 0) console.log(`${((s / r.requests) * 1e6).toFixed(1).padStart(8)}  ${name}`);
  }
  console.log(`${((total / r.requests) * 1e6).toFixed(1).padStart(8)}  (all threads)`);
  // Group commit as the server saw it over the measured window: rows per batch, commit time, and the share of
  // the window with a commit in flight (batches commit one at a time, so near 100% means the next batch
  // started committing as soon as the previous one ended), from its Prometheus histograms.
  const metrics = await (await fetch(`${ours.info.url}/metrics`)).text();
  const read = (text, name) => Number(new RegExp(`^${name} (\\S+)$`, 'm').exec(text)?.[1] ?? NaN);
  const delta = (name) => read(metrics, name) - read(metricsBefore, name);
  const batches = delta('studio_prediction_log_batch_rows_count');
  const commitSeconds = delta('studio_prediction_log_commit_seconds_sum');
  console.log(
    `[profile] prediction log (measured window): ${batches} batches, ${(delta('studio_prediction_log_batch_rows_sum') / batches).toFixed(1)} rows each, ` +
      `commit ${((commitSeconds / delta('studio_prediction_log_commit_seconds_count')) * 1e3).toFixed(2)} ms mean, ` +
      `a commit in flight ${((commitSeconds / windowSeconds) * 100).toFixed(0)}% of the time`,
  );
  if (!cpuOnly)
    execFileSync(
      process.execPath,
      [
        join(here, 'profile-summary.mjs'),
        profileFile,
        String(r.requests),
        ...(frames ? ['--frames', frames] : []),
      ],
      { stdio: 'inherit' },
    );
} finally {
  await stop(ours.child);
  rmSync(dataDir, { recursive: true, force: true });
}
