/**
 * What both sides of bench/score share: reading the prepared files, the timing loop and the printed result.
 * Each side writes the probabilities of its last timed batch next to the inputs so run.ts can diff them.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface Timing {
  /** Median wall seconds of one batch. */
  seconds: number;
  /** Median CPU seconds of one batch. */
  cpu_seconds: number;
}

export interface Sample {
  batch: Timing;
  /** Ours only: the records one by one through the compiled scorer, as the batch route calls it. */
  loop?: Timing;
  peak_rss_mb: number;
  name?: string;
  version?: string;
}

/** `<dir> <blocks>` after the script name. */
export function args(): { dir: string; blocks: number } {
  const [dir = '.', blocks = '7'] = process.argv.slice(2);
  return { dir, blocks: Number(blocks) };
}

export const readJson = <T>(dir: string, file: string) =>
  JSON.parse(readFileSync(join(dir, file), 'utf8')) as T;

const median = (v: number[]) => [...v].sort((a, b) => a - b)[Math.floor(v.length / 2)] ?? Number.NaN;

/** Wall and CPU seconds of `f()`, medians over `blocks` calls after one warm-up call; the last result kept. */
export async function timeBlocks(
  blocks: number,
  f: () => Promise<Float32Array> | Float32Array,
): Promise<{ timing: Timing; last: Float32Array }> {
  let last = await f();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < blocks; i++) {
    const t0 = performance.now();
    const c0 = process.cpuUsage();
    last = await f();
    const c = process.cpuUsage(c0);
    wall.push((performance.now() - t0) / 1000);
    cpu.push((c.user + c.system) / 1e6);
  }
  return { timing: { seconds: median(wall), cpu_seconds: median(cpu) }, last };
}

/** Writes `<side>.f32` and prints the sample as the process's last line. */
export function report(dir: string, side: string, p: Float32Array, sample: Sample): void {
  writeFileSync(join(dir, `${side}.f32`), new Uint8Array(p.buffer, p.byteOffset, p.byteLength));
  console.log(JSON.stringify({ ...sample, peak_rss_mb: process.resourceUsage().maxRSS / 1024 }));
}
