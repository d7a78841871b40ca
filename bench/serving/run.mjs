// Serving benchmark, on 127.0.0.1 only: 50 connections of single-record JSON predictions against
// (1) the Studio's /v1 predict (WOE scorecard with reason codes, API key, every prediction logged),
// (2) a bare node:http server answering constant JSON (the floor: target ours >= 0.6x its req/s, p99 <= 10 ms),
// (3) FastAPI + scikit-learn serving the equivalent logistic model (target ours >= 5x its req/s).
// Each server runs in its own process, all three started up front and warmed; then `--runs` rounds measure
// them in turn (bare, Studio, FastAPI) for `--seconds` each, so a change in the machine's load hits all three.
// Medians over the rounds are reported. Appends one JSON line per anchor to bench/results/latest.jsonl;
// `ratio` is ours / anchor median requests per second (higher is better).
// Usage: node bench/serving/run.mjs [--seconds 5] [--runs 5] [--connections 50]
import { spawn } from 'node:child_process';
import { appendFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const root = join(here, '..', '..');
const autocannon = createRequire(join(root, 'apps', 'server', 'package.json'))('autocannon');
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? Number(process.argv[i + 1]) : fallback;
};
const seconds = arg('--seconds', 5);
const runs = arg('--runs', 5);
const connections = arg('--connections', 50);
const WARMUP_SECONDS = 3;

/** Starts a server process and resolves with its first stdout line (JSON) and the child. */
function startServer(command, args) {
  const child = spawn(command, args, { cwd: root, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${args.join(' ')} did not start in 120 s`)), 120_000);
    child.once('exit', (code) => reject(new Error(`${args.join(' ')} exited with ${code}`)));
    createInterface({ input: child.stdout }).once('line', (line) => {
      clearTimeout(timer);
      resolve({ child, info: JSON.parse(line) });
    });
  });
}

/** Peak resident memory of a process in MB (VmHWM). */
function peakRssMb(pid) {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : null;
}

async function load(url, headers, body, duration) {
  const r = await autocannon({
    url,
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
    connections,
    duration,
  });
  return {
    rps: r.requests.average,
    p50_ms: r.latency.p50,
    p99_ms: r.latency.p99,
    requests: r.requests.total,
    non2xx: r.non2xx,
    errors: r.errors + r.timeouts,
  };
}

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];

/** Medians of each measure over the rounds, plus the rounds themselves. */
function summarize(rounds) {
  const keys = ['rps', 'p50_ms', 'p99_ms'];
  const out = Object.fromEntries(keys.map((k) => [k, median(rounds.map((r) => r[k]))]));
  return {
    ...out,
    requests: rounds.reduce((n, r) => n + r.requests, 0),
    non2xx: rounds.reduce((n, r) => n + r.non2xx, 0),
    errors: rounds.reduce((n, r) => n + r.errors, 0),
    runs: rounds.length,
    rps_runs: rounds.map((r) => Math.round(r.rps)),
  };
}

async function stop(child) {
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}

const dataDir = mkdtempSync(join(tmpdir(), 'studio-bench-serving-'));
// The machine may be shared: the 1-minute load average at start and end goes into every line.
const loadAtStart = loadavg()[0];
const results = [];
const children = [];
try {
  const bare = await startServer(process.execPath, [join(here, 'bare-server.mjs')]);
  children.push(bare.child);
  const ours = await startServer(process.execPath, [
    '--import',
    'tsx',
    join(here, 'ours-server.ts'),
    dataDir,
  ]);
  children.push(ours.child);
  const py = await startServer('/usr/bin/python3', [
    join(here, 'anchor.py'),
    join(root, 'prisma', 'seed', 'german_credit.csv'),
  ]);
  children.push(py.child);
  const auth = { authorization: `Bearer ${ours.info.key}` };
  const probe = await fetch(ours.info.url + ours.info.path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...auth },
    body: JSON.stringify(ours.info.record),
  });
  const sample = await probe.json();
  if (probe.status !== 200 || sample.reasons.length === 0)
    throw new Error(`probe failed: ${JSON.stringify(sample)}`);

  const targets = [
    { name: 'bare node:http', url: bare.info.url, headers: {}, body: { any: 'record' } },
    { name: 'studio', url: ours.info.url + ours.info.path, headers: auth, body: ours.info.record },
    { name: 'fastapi', url: `${py.info.url}/predict`, headers: {}, body: py.info.record },
  ];
  for (const t of targets) await load(t.url, t.headers, t.body, WARMUP_SECONDS);
  const rounds = targets.map(() => []);
  for (let round = 1; round <= runs; round++) {
    for (const [i, t] of targets.entries()) {
      const r = await load(t.url, t.headers, t.body, seconds);
      rounds[i].push(r);
      console.log(
        `[serving] round ${round}/${runs} ${t.name}: ${Math.round(r.rps)} req/s, p99 ${r.p99_ms} ms`,
      );
    }
  }
  const [bareRun, ourRun, pyRun] = rounds.map(summarize);
  const [bareRss, ourRss, pyRss] = [bare, ours, py].map((s) => peakRssMb(s.child.pid));
  const stats = await (await fetch(ours.info.url + ours.info.statsPath)).json();
  const oursLine = { seconds, auc: ours.info.auc, peak_rss_mb: ourRss, ...ourRun, logged: stats.requests };
  console.log('[serving] bare node:http', bareRun);
  console.log('[serving] studio', oursLine);
  console.log('[serving] fastapi', pyRun);

  const machine = { cpus: availableParallelism(), load_avg_1m: [loadAtStart, loadavg()[0]] };
  results.push({
    case: `serving/predict 1 record, ${connections} connections, ${runs}x${seconds} s vs bare node:http (target ratio >= 0.6, ours p99 <= 10 ms)`,
    ours: oursLine,
    anchor: {
      name: 'node:http constant JSON',
      version: process.version,
      seconds,
      auc: null,
      peak_rss_mb: bareRss,
      ...bareRun,
    },
    ratio: ourRun.rps / bareRun.rps,
    machine,
  });
  results.push({
    case: `serving/predict 1 record, ${connections} connections, ${runs}x${seconds} s vs FastAPI + scikit-learn (target ratio >= 5)`,
    ours: oursLine,
    anchor: {
      name: py.info.name,
      version: py.info.version,
      seconds,
      auc: py.info.auc,
      peak_rss_mb: pyRss,
      ...pyRun,
    },
    ratio: ourRun.rps / pyRun.rps,
    machine,
  });
  for (const line of results)
    appendFileSync(join(root, 'bench', 'results', 'latest.jsonl'), JSON.stringify(line) + '\n');
  for (const line of results) console.log(`[serving] ${line.case}: ratio ${line.ratio.toFixed(2)}`);
} finally {
  await Promise.all(children.map((c) => (c.exitCode === null ? stop(c) : null)));
  rmSync(dataDir, { recursive: true, force: true });
}
