import { describe, expect, it } from 'vitest';
import { backendInfo, createModel, InvalidEngineInputError, type TrainDevice } from './index';
import { auc, xorData } from './test-fixtures';

const train = xorData(3000, 5);
const test = xorData(1000, 6);
const hasCuda = backendInfo().cuda.devices > 0;

function mlp() {
  return createModel({
    kind: 'mlp',
    inputs: 2,
    layers: [
      { units: 16, activation: 'relu' },
      { units: 8, activation: 'tanh' },
    ],
  });
}

async function fit(device: TrainDevice | undefined) {
  const m = mlp();
  try {
    const r = await m.train(train.X, train.y, train.rows, {
      lr: 0.01,
      epochs: 15,
      batchSize: 64,
      seed: 2,
      device,
    });
    return { device: r.device, auc: auc(await m.predict(test.X, test.rows), test.y) };
  } finally {
    m.dispose();
  }
}

describe('training device', () => {
  it("reports where it trained; 'auto' picks CUDA for neural networks only when a device is present", async () => {
    expect((await fit('cpu')).device).toBe('cpu');
    expect((await fit('auto')).device).toBe(hasCuda ? 'cuda' : 'cpu');
    const logistic = createModel({ kind: 'logistic', inputs: 2 });
    expect((await logistic.train(train.X, train.y, train.rows, { device: 'auto' })).device).toBe('cpu');
    logistic.dispose();
  });

  it.runIf(!hasCuda)("refuses 'cuda' without a device, saying why and what to use instead", async () => {
    const m = mlp();
    const err = await m.train(train.X, train.y, train.rows, { device: 'cuda' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(InvalidEngineInputError);
    expect(err).toMatchObject({ code: 'ENGINE_BAD_OPTION' });
    expect(String((err as Error).message)).toMatch(
      /device 'cuda' is not available \(.+\); use device 'cpu' or 'auto'/,
    );
    // The model is untouched and still trains on the CPU.
    expect((await m.train(train.X, train.y, train.rows, { device: 'cpu', epochs: 1 })).device).toBe('cpu');
    m.dispose();
  });

  it.runIf(hasCuda)('trains on CUDA to the same quality as on the CPU', async () => {
    const [cpu, cuda] = [await fit('cpu'), await fit('cuda')];
    expect(cuda.device).toBe('cuda');
    expect(Math.abs(cuda.auc - cpu.auc)).toBeLessThan(0.01);
  });

  it('takes its default from STUDIO_TRAIN_DEVICE, and names that variable when its value is wrong', async () => {
    const saved = process.env.STUDIO_TRAIN_DEVICE;
    try {
      process.env.STUDIO_TRAIN_DEVICE = 'cpu';
      expect((await fit(undefined)).device).toBe('cpu');
      process.env.STUDIO_TRAIN_DEVICE = 'gpu';
      const m = mlp();
      await expect(m.train(train.X, train.y, train.rows, { epochs: 1 })).rejects.toMatchObject({
        code: 'ENGINE_BAD_OPTION',
        message: /not 'gpu' \(from STUDIO_TRAIN_DEVICE\)/,
      });
      // An explicit option wins over the variable.
      expect((await m.train(train.X, train.y, train.rows, { epochs: 1, device: 'cpu' })).device).toBe('cpu');
      m.dispose();
    } finally {
      if (saved === undefined) delete process.env.STUDIO_TRAIN_DEVICE;
      else process.env.STUDIO_TRAIN_DEVICE = saved;
    }
  });

  it('rejects an unknown device and a CPU-only solver on CUDA', async () => {
    const m = mlp();
    await expect(
      m.train(train.X, train.y, train.rows, { device: 'tpu' as TrainDevice }),
    ).rejects.toMatchObject({
      code: 'ENGINE_BAD_OPTION',
    });
    m.dispose();
    const logistic = createModel({ kind: 'logistic', inputs: 2 });
    await expect(
      logistic.train(train.X, train.y, train.rows, { optimizer: 'newton', device: 'cuda' }),
    ).rejects.toMatchObject({ code: 'ENGINE_BAD_OPTION', message: /runs on the CPU only/ });
    logistic.dispose();
  });
});
