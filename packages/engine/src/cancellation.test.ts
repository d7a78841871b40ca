import { describe, expect, it } from 'vitest';
import { createModel, TrainingCancelledError } from './index';
import { xorData } from './test-fixtures';

const data = xorData(20_000, 10);
const spec = { kind: 'mlp' as const, inputs: 2, layers: [{ units: 64, activation: 'relu' as const }] };

describe('cancellation', () => {
  it('stops a running training through its AbortSignal, and the model stays usable', async () => {
    const model = createModel(spec);
    const controller = new AbortController();
    let reports = 0;
    let lastStep = 0;
    const run = model.train(data.X, data.y, data.rows, {
      epochs: 1000,
      batchSize: 32,
      progressEvery: 10,
      signal: controller.signal,
      onProgress: (p) => {
        lastStep = p.step;
        if (++reports === 3) controller.abort();
      },
    });
    await expect(run).rejects.toBeInstanceOf(TrainingCancelledError);
    await expect(run).rejects.toMatchObject({ code: 'ENGINE_CANCELLED', kind: 'user' });
    // Reports already queued may still arrive, but the run stops long before its 1000 epochs.
    expect(lastStep).toBeLessThan(50 * 625);
    const p = await model.predict(data.X.subarray(0, 20), 10);
    expect(p.length).toBe(10);
    model.dispose();
  });

  it('rejects at once when the signal is already aborted', async () => {
    const model = createModel(spec);
    const controller = new AbortController();
    controller.abort();
    await expect(
      model.train(data.X, data.y, data.rows, { signal: controller.signal }),
    ).rejects.toBeInstanceOf(TrainingCancelledError);
    model.dispose();
  });

  it('cancels a running training when the model is disposed', async () => {
    const model = createModel(spec);
    const run = model.train(data.X, data.y, data.rows, { epochs: 1000, batchSize: 32 });
    setTimeout(() => model.dispose(), 50);
    await expect(run).rejects.toBeInstanceOf(TrainingCancelledError);
  });
});
