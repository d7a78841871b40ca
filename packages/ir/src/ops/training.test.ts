import { describe, expect, it } from 'vitest';
import type { ModelValue } from '../port-values';
import { inferOp, matrix } from '../test-support/infer-op';

const scalar = { type: 'tensor' as const, dtype: 'float32' as const, shape: [] };
const network: ModelValue = { type: 'model', family: 'network', trained: false, quantized: false };

describe('loss', () => {
  it('yields a scalar loss for matching logits and labels', () => {
    expect(inferOp('loss', { logits: matrix(1), labels: matrix(1) })).toEqual({
      ok: true,
      outputs: { loss: scalar },
    });
    expect(inferOp('loss', { logits: matrix(3), labels: matrix(1) }, { loss: 'softmax-ce' })).toMatchObject({
      ok: true,
    });
  });

  it('asks for the right number of logits', () => {
    expect(inferOp('loss', { logits: matrix(4), labels: matrix(1) })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/1 unit/),
    });
    expect(inferOp('loss', { logits: matrix(1), labels: matrix(1) }, { loss: 'softmax-ce' })).toMatchObject({
      ok: false,
    });
    expect(inferOp('loss', { logits: matrix(1), labels: matrix(2) })).toMatchObject({
      ok: false,
      port: 'labels',
    });
  });
});

describe('optimizer and train', () => {
  it('turn a scalar loss into an untrained, then a trained network', () => {
    expect(inferOp('optimizer', { loss: scalar })).toEqual({ ok: true, outputs: { model: network } });
    expect(inferOp('optimizer', { loss: matrix(1) })).toMatchObject({ ok: false });
    expect(inferOp('train', { model: network })).toEqual({
      ok: true,
      outputs: { model: { ...network, trained: true } },
    });
  });

  it('refuse to train a fitted model', () => {
    const lr: ModelValue = { type: 'model', family: 'logistic', trained: true, quantized: false };
    expect(inferOp('train', { model: lr })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/already fitted/),
    });
    expect(inferOp('train', { model: { ...network, trained: true } })).toMatchObject({ ok: false });
  });
});
