// Serving benchmark, on 127.0.0.1 only: `--connections` keep-alive connections of single-record JSON
// predictions against
// (1) the Studio's /v1 predict (WOE scorecard with reason codes, API key, every answer committed to the
//     prediction log before it is sent: durable logging on),
// (2) a bare node:http server answering constant JSON (the floor: target ours >= 0.6x its req/s, p99 <= 10 ms),
// (3) FastAPI serving an equivalent model from numpy arrays, one uvicorn worker per core (anchor.py).
// Each server runs in its own process, all three started up front and warmed; then `--runs` rounds measure
// them in turn (bare, Studio, FastAPI) for `--seconds` each, so a change in the machine's load hits all three.
// Medians over the rounds are reported; latency is what autocannon saw at its sockets. Then a soak: the
// Studio alone at half its median rate for `--soak-seconds` (default 300; BENCH_SOAK_SECONDS too), in
// `--soak-windows` windows, reporting each window's p99, the drift of p99 (last window / first) and the
// growth of the server's resident memory over the soak (the floor of the second half of the windows against
// the first half's: V8's heap makes RSS a sawtooth). Appends JSON lines to bench/results/latest.jsonl;
// `ratio` is ours / anchor median requests per second (higher is better).
// Usage: node bench/serving/run.mjs [--seconds 15] [--runs 5] [--connections 50] [--soak-seconds 300]
//        [--soak-windows 10]
import { appendFileSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { availableParallelism, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  cpuModel,
  here,
  load,
  memoryMb,
  numberArg,
  root,
  startServer,
  startStudio,
  stop,
} from './servers.mjs';

const seconds = numberArg('--seconds', 15);
const runs = numberArg('--runs', 5);
const connections = numberArg('--connections', 50);
const soakSeconds = numberArg('--soak-seconds', Number(process.env.BENCH_SOAK_SECONDS ?? 300));
const soakWindows = Math.max(2, numberArg('--soak-windows', 10));
const WARMUP_SECONDS = 3;

const median = (v) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)];
const round1 = (x) => Math.round(x * 10) / 10;

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
    p99_runs: rounds.map((r) => r.p99_ms),
  };
}

const dataDir = mkdtempSync(join(tmpdir(), 'studio-bench-serving-'));
const cores = availableParallelism();
const cpu = cpuModel(cores);
// The machine may be shared: the 1-minute load average at start and end goes into every line.
const loadAtStart = round1(loadavg()[0]);
const results = [];
const children = [];
try {
  const bare = await startServer(process.execPath, [join(here, 'bare-server.mjs')]);
  children.push(bare.child);
  const ours = await startStudio(dataDir);
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
  // uvicorn's workers come up after its supervisor prints its line: wait until one answers.
  for (let i = 0; ; i++) {
    const r = await fetch(`${py.info.url}/predict`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(py.info.record),
    }).catch(() => null);
    if (r?.status === 200) break;
    if (i > 600) throw new Error('the FastAPI anchor did not answer in 60 s');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }

  const targets = [
    { name: 'bare node:http', url: bare.info.url, headers: {}, body: { any: 'record' } },
    { name: 'studio', url: ours.info.url + ours.info.path, headers: auth, body: ours.info.record },
    { name: 'fastapi', url: `${py.info.url}/predict`, headers: {}, body: py.info.record },
  ];
  for (const t of targets) await load({ ...t, connections, duration: WARMUP_SECONDS });
  const rounds = targets.map(() => []);
  for (let round = 1; round <= runs; round++) {
    for (const [i, t] of targets.entries()) {
      const r = await load({ ...t, connections, duration: seconds });
      rounds[i].push(r);
      console.log(
        `[serving] round ${round}/${runs} ${t.name}: ${Math.round(r.rps)} req/s, p50 ${r.p50_ms} ms, p99 ${r.p99_ms} ms`,
      );
    }
  }
  // What the stats panel says of the last Studio round (its recent answers, timed by the server) beside what
  // autocannon saw for that round.
  const stats = await (await fetch(ours.info.url + ours.info.statsPath)).json();
  const [bareRun, ourRun, pyRun] = rounds.map(summarize);
  const [bareRss, ourRss, pyRss] = [bare, ours, py].map((s) => memoryMb(s.child.pid));
  const oursLine = {
    seconds,
    auc: ours.info.auc,
    peak_rss_mb: ourRss,
    ...ourRun,
    logged: stats.requests,
    stats_panel_p99_ms: stats.latencyMs?.p99 ?? null,
    client_p99_last_round_ms: rounds[1].at(-1).p99_ms,
    log_sync: process.env.STUDIO_LOG_SYNC ?? 'full',
  };
  console.log('[serving] bare node:http', bareRun);
  console.log('[serving] studio', oursLine);
  console.log('[serving] fastapi', pyRun);
  const loadAfterRounds = round1(loadavg()[0]);
  const machine = { cpu, cpus: cores, load_avg_1m: [loadAtStart, loadAfterRounds] };
  results.push({
    case: `serving/predict 1 record, ${connections} connections, ${runs}x${seconds} s vs bare node:http (target ratio >= 0.6, ours p99 <= 10 ms)`,
    cpu,
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
    case: `serving/predict 1 record, ${connections} connections, ${runs}x${seconds} s vs ${py.info.name} (target ratio >= 5)`,
    cpu,
    ours: oursLine,
    anchor: {
      name: py.info.name,
      version: py.info.version,
      seconds,
      auc: py.info.auc,
      peak_rss_mb: pyRss,
      workers: py.info.workers,
      ...pyRun,
    },
    ratio: ourRun.rps / pyRun.rps,
    machine,
  });
  for (const line of results) console.log(`[serving] ${line.case}: ratio ${line.ratio.toFixed(2)}`);
  await Promise.all([bare.child, py.child].map(stop));

  if (soakSeconds > 0) {
    // The soak: the Studio alone, at half its median peak, in equal windows.
    const rate = ourRun.rps / 2;
    const windowSeconds = Math.max(1, Math.round(soakSeconds / soakWindows));
    const rssStart = memoryMb(ours.child.pid, 'VmRSS');
    const windows = [];
    for (let w = 0; w < soakWindows; w++) {
      const r = await load({ ...targets[1], connections, duration: windowSeconds, rate });
      windows.push({ ...r, rss_mb: round1(memoryMb(ours.child.pid, 'VmRSS')) });
      console.log(
        `[serving] soak ${w + 1}/${soakWindows}: ${Math.round(r.rps)} req/s, p99 ${r.p99_ms} ms, RSS ${windows.at(-1).rss_mb} MB`,
      );
    }
    const rssEnd = memoryMb(ours.child.pid, 'VmRSS');
    const p99s = windows.map((w) => w.p99_ms);
    const half = Math.floor(windows.length / 2);
    const floor = (ws) => Math.min(...ws.map((w) => w.rss_mb));
    const soak = {
      case: `serving/soak ${soakWindows}x${windowSeconds} s at half the peak (${Math.round(rate)} req/s offered), ${connections} connections (target RSS growth < 5%)`,
      cpu,
      ours: {
        offered_rps: Math.round(rate),
        rps: median(windows.map((w) => w.rps)),
        requests: windows.reduce((n, w) => n + w.requests, 0),
        non2xx: windows.reduce((n, w) => n + w.non2xx, 0),
        errors: windows.reduce((n, w) => n + w.errors, 0),
        p99_windows_ms: p99s,
        p99_drift: p99s.at(-1) / p99s[0],
        rss_start_mb: round1(rssStart),
        rss_end_mb: round1(rssEnd),
        // V8's heap makes RSS a sawtooth (±100 MB between collections at this rate), so growth compares the
        // floors: the smallest RSS of the second half of the windows against that of the first half.
        rss_growth:
          (floor(windows.slice(half)) - floor(windows.slice(0, half))) / floor(windows.slice(0, half)),
        rss_windows_mb: windows.map((w) => w.rss_mb),
      },
      anchor: null,
      ratio: null,
      machine: { cpu, cpus: cores, load_avg_1m: [loadAfterRounds, round1(loadavg()[0])] },
    };
    results.push(soak);
    console.log(
      `[serving] soak: p99 ${p99s[0]} → ${p99s.at(-1)} ms (drift ×${soak.ours.p99_drift.toFixed(2)}), ` +
        `RSS ${soak.ours.rss_start_mb} → ${soak.ours.rss_end_mb} MB, floor growth ${(soak.ours.rss_growth * 100).toFixed(1)}%`,
    );
  }
  mkdirSync(join(root, 'bench', 'results'), { recursive: true });
  for (const line of results)
    appendFileSync(join(root, 'bench', 'results', 'latest.jsonl'), JSON.stringify(line) + '\n');
} finally {
  await Promise.all(children.map(stop));
  rmSync(dataDir, { recursive: true, force: true });
}
