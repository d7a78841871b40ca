/**
 * The transform kernels on and off, interleaved: each template's plan through `executePlan` (bench/e2e/ours.ts,
 * a fresh process per run) with the native column kernels and pack, then with STUDIO_TS_TRANSFORMS=1 (the
 * TypeScript passes, main's path), alternating; medians of the runs per stage and of transforms + pack + apply,
 * their ratio (on / off), and the AUCs (equal: the same matrices). STUDIO_THREADS=1 as bench/e2e/run.ts.
 * Usage: pnpm exec tsx bench/e2e/transforms-ab.ts [--runs 7] [--cases lr,mlp] [--data taiwan,synth-150k]
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { syntheticCsv } from '../pipeline/synthetic';

const here = dirname(fileURLToPath(import.meta.url));
const arg = (name: string, fallback: string) => {
  const i = process.argv.indexOf(name);
  return i >= 0 ? (process.argv[i + 1] ?? fallback) : fallback;
};
const runs = Number(arg('--runs', '7'));
const kinds = arg('--cases', 'lr,mlp').split(',');
const dataNames = arg('--data', 'taiwan,synth-150k').split(',');
const median = (v: number[]) => {
  const s = [...v].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};
const STAGES = ['transforms', 'pack', 'apply'] as const;

for (const dataName of dataNames) {
  const [path, target] =
    dataName === 'taiwan'
      ? ['/work/shared/datasets/taiwan_default.csv', 'default.payment.next.month']
      : [syntheticCsv(dataName === 'synth-1.5m' ? 1_500_000 : 150_000), 'default'];
  const sha256 = createHash('sha256').update(readFileSync(path)).digest('hex');
  for (const kind of kinds) {
    const load0 = loadavg()[0]!;
    const side: Record<'on' | 'off', { stages: Record<string, number>; seconds: number; auc: number }[]> = {
      on: [],
      off: [],
    };
    for (let r = 0; r < runs; r++) {
      for (const mode of r % 2 ? (['off', 'on'] as const) : (['on', 'off'] as const)) {
        const out = execFileSync(
          process.execPath,
          ['--import', 'tsx', join(here, 'ours.ts'), kind, path, target, '5', sha256],
          {
            encoding: 'utf8',
            env: { ...process.env, STUDIO_THREADS: '1', STUDIO_TS_TRANSFORMS: mode === 'off' ? '1' : '0' },
            maxBuffer: 1 << 26,
          },
        );
        side[mode].push(JSON.parse(out.trim().split('\n').pop()!));
      }
    }
    const stat = (mode: 'on' | 'off') => {
      const m = side[mode];
      const st = Object.fromEntries(STAGES.map((s) => [s, median(m.map((x) => x.stages[s] ?? 0))]));
      const sum = median(m.map((x) => STAGES.reduce((a, s) => a + (x.stages[s] ?? 0), 0)));
      return { ...st, sum, seconds: median(m.map((x) => x.seconds)), auc: median(m.map((x) => x.auc)) };
    };
    const on = stat('on');
    const off = stat('off');
    console.log(
      JSON.stringify({
        case: `${kind} ${dataName}`,
        runs,
        on,
        off,
        ratio_sum: Number((on.sum / off.sum).toFixed(3)),
        ratio_seconds: Number((on.seconds / off.seconds).toFixed(3)),
        load: [Number(load0.toFixed(2)), Number(loadavg()[0]!.toFixed(2))],
      }),
    );
  }
}
