import { describe, expect, it } from 'vitest';
import { everyOpRows, trainEveryOp } from '../test-support/every-op-model';
import { activationSamples, forwardRow } from './forward';
import { readModelFile } from './read-model-file';

describe('forwardRow', () => {
  it('agrees with the engine on every activation, both norms and an embedding', async () => {
    const X = everyOpRows(300);
    const model = await trainEveryOp(X, 300);
    const native = await model.predict(X, 300);
    const m = readModelFile(model.save());
    model.dispose();
    let worst = 0;
    for (let i = 0; i < 300; i++) {
      const p = 1 / (1 + Math.exp(-forwardRow(m, X.subarray(i * 4, i * 4 + 4)).logit));
      worst = Math.max(worst, Math.abs(p - native[i]!));
    }
    expect(worst).toBeLessThan(1e-5);
    const samples = activationSamples(m, X, 300);
    expect(samples.map((s) => s.length)).toEqual([5, 8, 6, 5, 4, 3, 3].map((w) => 300 * w));
  });
});
