// `npm run bench`: set up, then run every benchmark area (`bench/<area>/run.mjs` or `run.ts`) in turn.
// Each area runs our code and its anchor interleaved and appends one JSON line per case to
// bench/results/latest.jsonl; this runner starts that file afresh and prints the collected table.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { run } from './lib/sh.mjs';
import { ensurePythonModules, root, setup } from './setup.mjs';

setup();
// The anchors run on Debian's Python stack (/usr/bin/python3), installed here when missing.
ensurePythonModules({
  sklearn: 'python3-sklearn',
  pandas: 'python3-pandas',
  torch: 'python3-torch',
  onnx: 'python3-onnx',
  fastapi: 'python3-fastapi',
  uvicorn: 'python3-uvicorn',
  uvloop: 'python3-uvloop',
  httptools: 'python3-httptools',
  xgboost: 'python3-xgboost',
});
const only = process.argv.slice(2);
const benchDir = join(root, 'bench');
const resultsDir = join(benchDir, 'results');
mkdirSync(resultsDir, { recursive: true });
const latest = join(resultsDir, 'latest.jsonl');
writeFileSync(latest, '');

let failed = 0;
for (const area of readdirSync(benchDir).sort()) {
  if (only.length && !only.includes(area)) continue;
  const entry = ['run.mjs', 'run.ts'].map((f) => join(benchDir, area, f)).find((f) => existsSync(f));
  if (!entry) continue;
  console.log(`\n[bench] ── ${area} ──`);
  const args = entry.endsWith('.ts') ? ['--import', 'tsx', entry] : [entry];
  if (run(process.execPath, args, { cwd: root }) !== 0) failed++;
}

const rows = readFileSync(latest, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l));
console.log('\n[bench] summary (ratio = ours / anchor seconds; lower is better)');
for (const r of rows) {
  const ours = r.ours?.seconds?.toFixed(4) ?? '-';
  const anchor = r.anchor?.seconds?.toFixed(4) ?? '-';
  console.log(
    `  ${String(r.case).padEnd(44)} ours ${ours.padStart(9)} s  ${r.anchor?.name ?? ''} ${anchor.padStart(9)} s  ratio ${r.ratio?.toFixed(3) ?? '-'}`,
  );
}
process.exit(failed ? 1 : 0);
