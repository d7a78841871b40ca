import { describe, expect, it } from 'vitest';
import { backendInfo, createModel } from './index';
import { xorData } from './test-fixtures';

describe('runtime', () => {
  it('reports the CPU backend, and CUDA as compiled-in or not with a reason when no device is usable', () => {
    const info = backendInfo();
    expect(info.backends).toContain('cpu');
    expect(info.threads).toBeGreaterThanOrEqual(1);
    if (info.cuda.devices === 0) {
      expect(info.backends).not.toContain('cuda');
      expect(info.cuda.error).toMatch(/no device|without CUDA/);
    } else {
      expect(info.backends).toContain('cuda');
    }
  });

  it('trains off the event loop: timers keep firing while a training runs', async () => {
    const data = xorData(50_000, 13);
    const model = createModel({ kind: 'mlp', inputs: 2, layers: [{ units: 64, activation: 'relu' }] });
    let ticks = 0;
    const timer = setInterval(() => ticks++, 1);
    const started = Date.now();
    await model.train(data.X, data.y, data.rows, { epochs: 4, batchSize: 64 });
    clearInterval(timer);
    const elapsed = Date.now() - started;
    expect(elapsed).toBeGreaterThan(20);
    expect(ticks).toBeGreaterThan(elapsed / 20);
    model.dispose();
  });

  it('reuses memory-pool blocks across batch predictions', async () => {
    const data = xorData(20_000, 14);
    const model = createModel({ kind: 'mlp', inputs: 2, layers: [{ units: 16, activation: 'relu' }] });
    await model.predict(data.X, data.rows);
    const first = model.info().memory;
    await model.predict(data.X, data.rows);
    const second = model.info().memory;
    expect(second.inUseBytes).toBe(first.inUseBytes);
    if (backendInfo().threads > 1) expect(second.reuses).toBeGreaterThan(first.reuses);
    expect(second.reservedBytes).toBe(first.reservedBytes);
    expect(model.info().parameters).toBe(2 * 16 + 16 + 16 + 1);
    model.dispose();
  });
});
