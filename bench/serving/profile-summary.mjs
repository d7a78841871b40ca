// Summarises a V8 `.cpuprofile` (node --cpu-prof) of a server under load: the top functions by self time and
// the inclusive time of every frame whose function name matches one of `--frames`, each divided by a request
// count so the figures read as microseconds per request.
// Usage: node bench/serving/profile-summary.mjs <file.cpuprofile> <requests> [--top 40] [--frames a,b,c]
import { readFileSync } from 'node:fs';

const [file, requestsArg] = process.argv.slice(2);
if (!file || !requestsArg) {
  console.error(
    'usage: node bench/serving/profile-summary.mjs <file.cpuprofile> <requests> [--top N] [--frames a,b]',
  );
  process.exit(2);
}
const arg = (name, fallback) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : fallback;
};
const requests = Number(requestsArg);
const top = Number(arg('--top', '40'));
const frames = (arg('--frames', '') ?? '').split(',').filter(Boolean);

const profile = JSON.parse(readFileSync(file, 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const parent = new Map();
for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

// Self time per node from the samples (timeDeltas[i] is the time before sample i, in microseconds).
const self = new Map();
let total = 0;
for (let i = 0; i < profile.samples.length; i++) {
  const dt = profile.timeDeltas[i] ?? 0;
  total += dt;
  self.set(profile.samples[i], (self.get(profile.samples[i]) ?? 0) + dt);
}

const short = (url) =>
  url.replace(/^file:\/\//, '').replace(/.*node_modules\/(\.pnpm\/[^/]+\/node_modules\/)?/, '');
const label = (n) =>
  `${n.callFrame.functionName || '(anonymous)'} ${short(n.callFrame.url)}:${n.callFrame.lineNumber + 1}`;

const selfByLabel = new Map();
for (const [id, t] of self) {
  const l = label(byId.get(id));
  selfByLabel.set(l, (selfByLabel.get(l) ?? 0) + t);
}
const idle = [...self]
  .filter(([id]) => byId.get(id).callFrame.functionName === '(idle)')
  .reduce((s, [, t]) => s + t, 0);
const perReq = (us) => (us / requests).toFixed(2).padStart(8);
console.log(
  `profile ${file}: ${(total / 1e6).toFixed(2)} s sampled, ${(idle / 1e6).toFixed(2)} s idle, ${requests} requests`,
);
console.log(`busy per request: ${perReq(total - idle)} µs`);
console.log(`\ntop ${top} by self time (µs per request):`);
for (const [l, t] of [...selfByLabel].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`${perReq(t)}  ${l}`);

if (frames.length > 0) {
  // Inclusive time of a frame: every sample with that function somewhere on its stack (counted once per sample).
  const inclusive = new Map(frames.map((f) => [f, 0]));
  for (const [id, t] of self) {
    const seen = new Set();
    for (let n = id; n !== undefined; n = parent.get(n)) {
      const name = byId.get(n).callFrame.functionName;
      if (inclusive.has(name) && !seen.has(name)) {
        seen.add(name);
        inclusive.set(name, inclusive.get(name) + t);
      }
    }
  }
  console.log('\ninclusive time of named frames (µs per request):');
  for (const [f, t] of inclusive) console.log(`${perReq(t)}  ${f}`);
}
