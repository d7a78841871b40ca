// One timed run of our CSV reader (and profiler) in a fresh process; prints {"seconds","peak_rss_mb"} as JSON.
import { profileTable, readCsv } from '../../packages/data/src/index';
// The engine's native kernels, registered as in every process that loads @studio/pipeline (the server's):
// `readCsv` then takes a file's cells from the native reader.
import '../../packages/pipeline/src/execute/native-kernels';

const [path, mode] = process.argv.slice(2);
if (!path || (mode !== 'read' && mode !== 'read+profile')) {
  console.error('usage: ours.ts <csv> read|read+profile');
  process.exit(2);
}
const t0 = performance.now();
const table = await readCsv(path);
if (mode === 'read+profile') profileTable(table);
const seconds = (performance.now() - t0) / 1000;
console.log(
  JSON.stringify({ seconds, rows: table.rowCount, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }),
);
