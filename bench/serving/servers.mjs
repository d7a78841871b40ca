// What the serving benchmark and its profiler share: starting the servers, driving them with autocannon,
// reading a process tree's memory, stopping them.
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export const here = dirname(fileURLToPath(import.meta.url));
export const root = join(here, '..', '..');
const autocannon = createRequire(join(root, 'apps', 'server', 'package.json'))('autocannon');

/** Reads `--name value` as a number. */
export function numberArg(name, fallback) {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
}

/** Starts a server process and resolves with its first stdout line (JSON) and the child. */
export function startServer(command, args, env = {}) {
  const child = spawn(command, args, {
    cwd: root,
    stdio: ['ignore', 'pipe', 'inherit'],
    env: { ...process.env, ...env },
  });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start in 180 s`)), 180_000);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ child, info: JSON.parse(line) });
    });
  });
}

/** The Studio benchmark server (`ours-server.ts`) on a fresh data directory. */
export function startStudio(dataDir, nodeFlags = [], env = {}) {
  return startServer(
    process.execPath,
    [...nodeFlags, '--import', 'tsx', join(here, 'ours-server.ts'), dataDir],
    env,
  );
}

/** A process and its descendants (uvicorn's workers are children of its supervisor). */
function processTree(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    let tasks;
    try {
      tasks = readdirSync(`/proc/${out[i]}/task`);
    } catch {
      continue;
    }
    for (const t of tasks) {
      try {
        const kids = readFileSync(`/proc/${out[i]}/task/${t}/children`, 'utf8').trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      } catch {
        // the task ended meanwhile
      }
    }
  }
  return out;
}

/** Sum over a process tree of one /proc status field (VmRSS: now, VmHWM: peak), in MB. */
export function memoryMb(pid, field = 'VmHWM') {
  let kb = 0;
  for (const p of processTree(pid)) {
    try {
      const m = new RegExp(`${field}:\\s+(\\d+) kB`).exec(readFileSync(`/proc/${p}/status`, 'utf8'));
      if (m) kb += Number(m[1]);
    } catch {
      // the process ended meanwhile
    }
  }
  return kb / 1024;
}

/** The CPU model, from /proc/cpuinfo, with the logical core count. */
export function cpuModel(cores) {
  const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return `${m?.[1]?.trim() ?? 'unknown'} (${cores} logical cores)`;
}

/**
 * `connections` keep-alive connections POSTing `body` for `duration` seconds; `rate` (requests/s over all
 * connections) caps the offered load, otherwise each connection sends its next request when its answer came.
 * Latency is what autocannon saw: request written to answer read, at the client's socket.
 */
export async function load({ url, headers = {}, body, connections, duration, rate }) {
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    connections,
    duration,
    ...(rate ? { overallRate: Math.max(1, Math.round(rate)) } : {}),
  });
  return {
    rps: r.requests.average,
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    max_ms: r.latency.max,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

export async function stop(child) {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
