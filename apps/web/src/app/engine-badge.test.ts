import { describe, expect, it } from 'vitest';
import { describeEngine } from './engine-badge';

describe('engine badge text', () => {
  it('says the CPU is used and why there is no GPU', () => {
    const d = describeEngine({
      backends: ['cpu'],
      cuda: { compiled: true, devices: 0, error: 'no device: the CUDA runtime sees no GPU' },
      threads: 2,
      simd: 'avx2',
      int8: 'avx512vnni',
      trainsOn: 'cpu',
    });
    expect(d.label).toBe('CPU · 2 thr');
    expect(d.detail).toBe(
      'Training and predictions run on the CPU, 2 threads, AVX2 (INT8: AVX512VNNI). No GPU: no device: the CUDA runtime sees no GPU.',
    );
    expect(
      describeEngine({
        backends: ['cpu'],
        cuda: { compiled: false, devices: 0 },
        threads: 1,
        simd: 'avx2',
        int8: 'avx2',
        trainsOn: 'cpu',
      }).detail,
    ).toContain('this build has no CUDA backend');
  });

  it('names the devices when neural networks train on CUDA', () => {
    const d = describeEngine({
      backends: ['cpu', 'cuda'],
      cuda: { compiled: true, devices: 1 },
      threads: 16,
      simd: 'avx512',
      int8: 'avx512vnni',
      trainsOn: 'cuda',
    });
    expect(d.label).toBe('GPU · 1 device');
    expect(d.detail).toContain('Neural networks train on CUDA (1 device)');
    expect(d.detail).toContain('CPU, 16 threads, AVX512');
  });
});
