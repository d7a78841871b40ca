/**
 * The `evaluate` stage's metrics as a run meets them: once, in a fresh process, on n seeded PDs with few ties
 * (like a fitted model's). Without `--native`, the TypeScript path piece by piece in `buildEvaluation`'s order,
 * then a whole screen on fresh PDs; with `--native` (the kernels native-kernels.ts registers), the whole screen.
 * Then 5 warm screens. Milliseconds per call.
 * Usage: pnpm exec tsx bench/e2e/eval-cold.ts [rows, default 45000] [--native]
 */
import { evaluationPass, scoreOrderDesc } from '../../packages/engine/src/index';
import { buildEvaluation, useEvaluationKernel } from '../../packages/pipeline/src/execute/evaluation';
import {
  brierScore,
  calibrationCurve,
  gainsTable,
  ksStatistic,
  orderByScoreDesc,
  useScoreOrderKernel,
} from '../../packages/scoring/src/index';

const n = Number(process.argv[2] ?? 45_000);
const native = process.argv.includes('--native');
if (native) {
  useScoreOrderKernel(scoreOrderDesc);
  useEvaluationKernel(evaluationPass);
}
let s = 12345;
const rnd = () => (s = (Math.imul(s, 1103515245) + 12345) >>> 0) / 2 ** 32;
const make = () => {
  const prob = new Float64Array(n);
  const y = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    prob[i] = 1 / (1 + Math.exp(-(-1.5 + (rnd() - 0.5) * 6)));
    y[i] = rnd() < prob[i]! ? 1 : 0;
  }
  return { y, prob };
};
const ms: [string, number][] = [];
const t = <T>(k: string, f: () => T): T => {
  const t0 = performance.now();
  const r = f();
  ms.push([k, performance.now() - t0]);
  return r;
};
const a = make();
if (!native) {
  t('ksStatistic (sorts)', () => ksStatistic(a.y, a.prob));
  t('orderByScoreDesc (cached)', () => orderByScoreDesc(a.prob));
  t('brierScore', () => brierScore(a.y, a.prob));
  t('gainsTable', () => gainsTable(a.y, a.prob));
  t('calibrationCurve', () => calibrationCurve(a.y, a.prob, 10, 'quantile'));
  const b = make();
  t('buildEvaluation, 2nd call', () => buildEvaluation(b.y, b.prob, 0.5));
} else t('buildEvaluation cold', () => buildEvaluation(a.y, a.prob, 0.5));
for (let r = 0; r < 5; r++) {
  const c = make();
  t(`buildEvaluation warm ${r}`, () => buildEvaluation(c.y, c.prob, 0.5));
}
for (const [k, v] of ms) console.log(`${k.padEnd(28)} ${v.toFixed(2)} ms`);
