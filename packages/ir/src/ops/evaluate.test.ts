import { describe, expect, it } from 'vitest';
import type { ModelValue } from '../port-values';
import { inferOp, loans, unlabelled } from '../test-support/infer-op';

const lr: ModelValue = { type: 'model', family: 'logistic', trained: true, quantized: false };
const net: ModelValue = { type: 'model', family: 'network', trained: true, quantized: false };

describe('evaluate', () => {
  it('scores a trained model on a labelled table', () => {
    expect(inferOp('evaluate', { model: lr, table: loans })).toEqual({
      ok: true,
      outputs: { metrics: { type: 'metrics' } },
    });
    expect(inferOp('evaluate', { model: { ...net, trained: false }, table: loans })).toMatchObject({
      ok: false,
      port: 'model',
    });
    expect(inferOp('evaluate', { model: lr, table: unlabelled })).toMatchObject({ ok: false, port: 'table' });
  });

  it('checks protected attributes and the age column against the table', () => {
    const ok = { protected: ['region'], ageColumn: 'age', bootstrap: 500 };
    expect(inferOp('evaluate', { model: lr, table: loans }, ok)).toMatchObject({ ok: true });
    expect(inferOp('evaluate', { model: lr, table: loans }, { protected: ['sex'] })).toMatchObject({
      ok: false,
      message: expect.stringContaining('"sex"'),
    });
    expect(inferOp('evaluate', { model: lr, table: loans }, { ageColumn: 'years' })).toMatchObject({
      ok: false,
      message: expect.stringContaining('"years"'),
    });
  });
});

describe('scorecard', () => {
  it('needs a logistic model', () => {
    expect(inferOp('scorecard', { model: lr })).toEqual({
      ok: true,
      outputs: { scorecard: { type: 'scorecard' } },
    });
    expect(inferOp('scorecard', { model: net })).toMatchObject({
      ok: false,
      message: expect.stringMatching(/Logistic/),
    });
  });
});
