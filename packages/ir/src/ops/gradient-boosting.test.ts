import { describe, expect, it } from 'vitest';
import { defaultParams } from '../catalogue';
import { IR_VERSION, type GraphIR } from '../graph';
import { inferOp, loans, unlabelled } from '../test-support/infer-op';
import { validateGraph } from '../validate-graph';

const gbm = { type: 'model', family: 'gbm', trained: true, quantized: false };

/** Dataset → Split → Gradient Boosting → Evaluate, with the dataset's columns known through the context. */
function gbmGraph(params: Record<string, unknown>): GraphIR {
  const node = (id: string, op: string, p: Record<string, unknown> = {}) => ({
    id,
    op,
    params: { ...defaultParams(op), ...p },
  });
  const wire = (id: string, from: string, to: string) => {
    const [sn = '', sp = ''] = from.split('.');
    const [tn = '', tp = ''] = to.split('.');
    return { id, source: { node: sn, port: sp }, target: { node: tn, port: tp } };
  };
  return {
    irVersion: IR_VERSION,
    nodes: [
      node('dataset-1', 'dataset', { datasetId: 'd1', target: 'default' }),
      node('split-1', 'split'),
      node('gbm-1', 'gradient-boosting', params),
      node('evaluate-1', 'evaluate'),
    ],
    edges: [
      wire('e1', 'dataset-1.table', 'split-1.table'),
      wire('e2', 'split-1.train', 'gbm-1.table'),
      wire('e3', 'gbm-1.model', 'evaluate-1.model'),
      wire('e4', 'split-1.test', 'evaluate-1.table'),
    ],
    meta: { name: 'gbm', target: 'default', seed: 42 },
  };
}

const context = { datasetColumns: (id: string) => (id === 'd1' ? loans.columns : undefined) };

describe('gradient-boosting', () => {
  it('fits a trained gbm model from a labelled table', () => {
    expect(inferOp('gradient-boosting', { table: loans })).toEqual({ ok: true, outputs: { model: gbm } });
    expect(inferOp('gradient-boosting', { table: unlabelled })).toMatchObject({ ok: false });
  });

  it('accepts monotone constraints on known columns', () => {
    const r = inferOp(
      'gradient-boosting',
      { table: loans },
      { monotoneIncreasing: ['age'], monotoneDecreasing: ['income'] },
    );
    expect(r).toEqual({ ok: true, outputs: { model: gbm } });
  });

  it('pins a constraint on an unknown column to its field', () => {
    const r = validateGraph(gbmGraph({ monotoneIncreasing: ['salary'] }), { context });
    expect(r.ok).toBe(false);
    expect(r.diagnostics).toContainEqual(
      expect.objectContaining({
        nodeId: 'gbm-1',
        param: 'monotoneIncreasing',
        message: expect.stringContaining('"salary"') as unknown as string,
      }),
    );
  });

  it('refuses a column constrained both ways and the target as a constraint', () => {
    const both = validateGraph(gbmGraph({ monotoneIncreasing: ['age'], monotoneDecreasing: ['age'] }), {
      context,
    });
    expect(both.diagnostics).toContainEqual(
      expect.objectContaining({ nodeId: 'gbm-1', param: 'monotoneDecreasing' }),
    );
    const target = validateGraph(gbmGraph({ monotoneDecreasing: ['default'] }), { context });
    expect(target.diagnostics).toContainEqual(
      expect.objectContaining({ nodeId: 'gbm-1', param: 'monotoneDecreasing' }),
    );
  });

  it('pins a learning rate at or below 0 and zero trees to their fields', () => {
    for (const [param, value] of [
      ['learningRate', 0],
      ['learningRate', -0.1],
      ['trees', 0],
    ] as const) {
      const r = validateGraph(gbmGraph({ [param]: value }), { context });
      expect(r.ok).toBe(false);
      expect(r.diagnostics).toContainEqual(
        expect.objectContaining({ code: 'IR002', nodeId: 'gbm-1', param }),
      );
    }
  });

  it('validates the default node with no findings', () => {
    expect(validateGraph(gbmGraph({}), { context }).diagnostics).toEqual([]);
  });

  it('cannot be quantized', () => {
    expect(inferOp('quantize', { model: gbm as never, calibration: loans })).toMatchObject({
      ok: false,
      port: 'model',
    });
  });
});
