// Data benchmark: read (and profile) 150k- and 1.5M-row x 11-column numeric CSVs (9 and 92 MB) with our code
// and with pandas (read_csv, describe), each run in a fresh process, interleaved, median of RUNS; one JSON line
// per case (with the CPU model and the load average) is appended to bench/results/latest.jsonl.
// Run: node --import tsx bench/data/run.ts [rows,rows]
import { execFileSync } from 'node:child_process';
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { generateNumericCsv } from './generate';

const RUNS = 5;
const root = join(import.meta.dirname, '../..');
const sizes = (process.argv[2] ?? '150000,1500000').split(',').map(Number);
const cacheDir = join(root, 'bench/.cache/data');
const cpu = (() => {
  const m = /model name\s*:\s*(.+)/.exec(readFileSync('/proc/cpuinfo', 'utf8'));
  return `${m?.[1]?.trim() ?? cpus()[0]?.model ?? 'unknown'} (${cpus().length} logical cores)`;
})();

interface Run {
  seconds: number;
  rows: number;
  peak_rss_mb: number;
  version?: string;
}

function once(cmd: string, args: string[]): Run {
  return JSON.parse(
    execFileSync(cmd, args, { encoding: 'utf8', cwd: root }).trim().split('\n').pop()!,
  ) as Run;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

mkdirSync(cacheDir, { recursive: true });
mkdirSync(join(root, 'bench/results'), { recursive: true });
for (const rows of sizes) {
  const csv = join(cacheDir, `numeric-${rows}x11.csv`);
  if (!existsSync(csv)) await generateNumericCsv(csv, rows);

  for (const mode of ['read', 'read+profile'] as const) {
    const load = loadavg()[0]!;
    const ours: Run[] = [];
    const anchor: Run[] = [];
    for (let r = 0; r < RUNS; r++) {
      ours.push(once(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'ours.ts'), csv, mode]));
      anchor.push(once('/usr/bin/python3', [join(import.meta.dirname, 'anchor.py'), csv, mode]));
    }
    if (ours.some((o) => o.rows !== rows) || anchor.some((a) => a.rows !== rows)) {
      console.error(`[bench:data] row count mismatch in ${mode}`);
      process.exit(1);
    }
    const o = median(ours.map((x) => x.seconds));
    const a = median(anchor.map((x) => x.seconds));
    const line = {
      case: `data/${mode === 'read' ? 'read-csv' : 'read-csv+profile'} ${rows}x11 numeric`,
      cpu,
      load: [Number(load.toFixed(1)), Number(loadavg()[0]!.toFixed(1))],
      ours: { seconds: o, auc: null, peak_rss_mb: median(ours.map((x) => x.peak_rss_mb)) },
      anchor: {
        name: mode === 'read' ? 'pandas read_csv' : 'pandas read_csv+describe',
        version: anchor[0]!.version ?? 'unknown',
        seconds: a,
        auc: null,
        peak_rss_mb: median(anchor.map((x) => x.peak_rss_mb)),
      },
      ratio: o / a,
    };
    appendFileSync(join(root, 'bench/results/latest.jsonl'), JSON.stringify(line) + '\n');
    console.log(JSON.stringify(line));
  }
}
