/**
 * What one measuring process shares with the other side: reading the prepared rows, the timing loops and
 * the result it prints. Each side writes its probabilities next to the inputs so run.ts can diff them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { auc } from '../../packages/scoring/src/index';

/** Medians over a process's timed blocks: wall and CPU seconds per block, and the AUC of its probabilities. */
export interface Timing {
  seconds: number;
  cpu_seconds: number;
  auc: number;
}

export interface Sample {
  /** One awaited call per row (both sides). */
  single: Timing;
  /** One synchronous call per row (ours only: onnxruntime-node has no synchronous run). */
  single_sync?: Timing;
  batch: Timing;
  peak_rss_mb: number;
  name?: string;
  version?: string;
}

export interface Args {
  side: string;
  dir: string;
  calls: number;
  batchRows: number;
  batches: number;
  threads: number;
}

/** Parses `<dir> <calls> <batchRows> <batches> <threads>` after the script name. */
export function args(side: string): Args {
  const [dir = '.', calls = '20000', batchRows = '10000', batches = '100', threads = '1'] =
    process.argv.slice(2);
  return {
    side,
    dir,
    calls: Number(calls),
    batchRows: Number(batchRows),
    batches: Number(batches),
    threads: Number(threads),
  };
}

/** The prepared held-out rows (row-major features) and their labels. */
export function readRows(dir: string): { X: Float32Array; y: Uint8Array } {
  const b = readFileSync(join(dir, 'x.f32'));
  return {
    X: new Float32Array(b.buffer, b.byteOffset, b.byteLength / 4),
    y: new Uint8Array(readFileSync(join(dir, 'y.u8'))),
  };
}

const INNER = 3;
const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;

/** Wall and CPU seconds of `f()`. */
async function timed(f: () => Promise<void>): Promise<[number, number]> {
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  await f();
  const c = process.cpuUsage(c0);
  return [(performance.now() - t0) / 1000, (c.user + c.system) / 1e6];
}

/** What a side measures: awaited single rows, optionally synchronous single rows, and batches. */
export interface Paths {
  /** Fills out[i] with row (from + i) mod n, one awaited call per row. */
  singles: (from: number, out: Float32Array) => Promise<void>;
  /** The same with one synchronous call per row, where the side has such an API. */
  syncSingles?: (from: number, out: Float32Array) => void;
  batch: (rows: number) => Promise<Float32Array>;
}

/**
 * Warms up, then times `calls` single-row predictions (awaited, and synchronous where the side has them) and
 * `batches` predictions of the first `batchRows` rows, alternating the blocks 3 times; writes
 * `<side>-single.f32` (awaited), `<side>-single-sync.f32` and `<side>-batch.f32`; prints the Sample as JSON.
 */
export async function measure(
  a: Args,
  y: Uint8Array,
  paths: Paths,
  meta: { name?: string; version?: string } = {},
): Promise<void> {
  const { singles, syncSingles, batch } = paths;
  const n = y.length;
  const single = new Float32Array(a.calls);
  const singleSync = new Float32Array(a.calls);
  const warm = Math.min(2000, a.calls);
  await singles(0, single.subarray(0, warm));
  syncSingles?.(0, singleSync.subarray(0, warm));
  await batch(a.batchRows);
  let p: Float32Array = new Float32Array(0);
  const s: [number, number][] = [];
  const ss: [number, number][] = [];
  const b: [number, number][] = [];
  for (let k = 0; k < INNER; k++) {
    s.push(await timed(() => singles(0, single)));
    if (syncSingles) ss.push(await timed(async () => syncSingles(0, singleSync)));
    b.push(
      await timed(async () => {
        for (let i = 0; i < a.batches; i++) p = await batch(a.batchRows);
      }),
    );
  }
  const m = Math.min(n, a.calls);
  const timing = (t: [number, number][], auc: number): Timing => ({
    seconds: median(t.map((x) => x[0])),
    cpu_seconds: median(t.map((x) => x[1])),
    auc,
  });
  writeFileSync(join(a.dir, `${a.side}-single.f32`), new Uint8Array(single.buffer, 0, m * 4));
  if (syncSingles)
    writeFileSync(join(a.dir, `${a.side}-single-sync.f32`), new Uint8Array(singleSync.buffer, 0, m * 4));
  writeFileSync(join(a.dir, `${a.side}-batch.f32`), new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  const result: Sample = {
    single: timing(s, auc(y.subarray(0, m), single.subarray(0, m))),
    ...(syncSingles ? { single_sync: timing(ss, auc(y.subarray(0, m), singleSync.subarray(0, m))) } : {}),
    batch: timing(b, auc(y.subarray(0, a.batchRows), p)),
    peak_rss_mb: process.resourceUsage().maxRSS / 1024,
    ...meta,
  };
  console.log(JSON.stringify(result));
}
